// amends-policy: the chain's defaults (policy:chain), read by every store device and
// written only by head office. A store tightens them in its own database (policy:store).
// Also the list of stores ("stores": [{id, name}]) the connect form offers, head office's too.
function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  if (roles.indexOf("_admin") !== -1) return;
  if (roles.indexOf("amends-head-office") === -1) {
    throw({ forbidden: "Only head office changes the chain's policy." });
  }
  if (newDoc._id === "stores" && (newDoc._deleted || Array.isArray(newDoc.stores))) return;
  if (newDoc._id !== "policy:chain" || (!newDoc._deleted && newDoc.type !== "policy")) {
    throw({ forbidden: "This database holds only policy:chain (type policy) and stores." });
  }
}
