// amends-policy: the chain's defaults (policy:chain) and the chain-wide customer salt
// (secret:chain), read by every store device and written only by head office (couch-setup
// creates the salt once, as the server admin). A store tightens the defaults in its own
// database (policy:store). A salt is 64 hex digits: a device refuses anything else and
// keeps its own, so a malformed one is refused here first. Also the list of stores
// ("stores": [{id, name}]) the connect form offers, head office's too.
function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  if (roles.indexOf("_admin") !== -1) return;
  if (roles.indexOf("amends-head-office") === -1) {
    throw({ forbidden: "Only head office changes the chain's policy." });
  }
  if (newDoc._id === "secret:chain") {
    if (newDoc._deleted) {
      throw({ forbidden: "The chain's customer salt is never deleted (devices would lose their customers)." });
    }
    if (newDoc.type !== "secret" || typeof newDoc.customer_salt !== "string" ||
        !/^[0-9a-f]{64}$/.test(newDoc.customer_salt)) {
      throw({ forbidden: "secret:chain is {type: \"secret\", customer_salt: 64 hex digits}." });
    }
    return;
  }
  if (newDoc._id === "stores" && (newDoc._deleted || Array.isArray(newDoc.stores))) return;
  if (newDoc._id !== "policy:chain" || (!newDoc._deleted && newDoc.type !== "policy")) {
    throw({ forbidden: "This database holds only policy:chain (type policy), secret:chain and stores." });
  }
}
