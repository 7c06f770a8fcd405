// The server's replication store -> chain passes recoveries, and deletions of anything but
// the store's policy, secrets and design documents, so an erased recovery is erased in the
// chain too (a tombstone carries no type). A filter function, not a selector: CouchDB
// takes both, pouchdb-server's replicator crashes on a selector.
function (doc, req) {
  if (doc.type === "recovery") return true;
  var id = doc._id;
  return doc._deleted === true && id.indexOf("policy:") !== 0 &&
    id.indexOf("secret:") !== 0 && id.indexOf("_design/") !== 0;
}
