// amends-chain: every store's recoveries, filled by the server's replication from each
// store database (as the server admin). Head office reads it; nobody writes it by hand,
// except head office erasing a recovery (a tombstone), as CouchDB's replication would
// carry it from the store (pouchdb-server's does not: ARCHITECTURE.md, difference 3).
function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  if (roles.indexOf("_admin") !== -1) return;
  if (newDoc._deleted && roles.indexOf("amends-head-office") !== -1 &&
      oldDoc && oldDoc.type === "recovery") return;
  throw({ forbidden: "The chain database is written only by replication from the stores." });
}
