// amends-chain: every store's recoveries, filled by the server's replication from each
// store database (as the server admin). Head office reads it; nobody writes it by hand.
function (newDoc, oldDoc, userCtx, secObj) {
  if ((userCtx.roles || []).indexOf("_admin") !== -1) return;
  throw({ forbidden: "The chain database is written only by replication from the stores." });
}
