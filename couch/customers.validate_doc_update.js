// amends-customers: what each store spent on a customer, so that every store sees a repeat
// customer and counts the chain-wide budget per customer. One small document per recovery,
// {_id: "spend:<store>:<record id>", type: "spend", store, customer (salted hash), at_ms,
// cost: {minor, currency}}: no name, no reference. Written by the store's devices beside
// their records (append-only), read by every store account and head office (_security);
// deleted only by that store's manager or head office (erasure).
function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  function has(role) {
    return roles.indexOf(role) !== -1;
  }
  if (has("_admin")) return;
  var headOffice = has("amends-head-office");
  if (newDoc._deleted) {
    var of = oldDoc && typeof oldDoc.store === "string" ? oldDoc.store : null;
    if (headOffice || (of !== null && has("amends-manager") && has("amends-store:" + of))) return;
    throw({ forbidden: "Only the store's manager or head office erases a customer's spend." });
  }
  // A device resending a spend (a retry) sends it unchanged: accepted, nothing changes.
  var same = oldDoc && oldDoc.store === newDoc.store && oldDoc.customer === newDoc.customer &&
    oldDoc.at_ms === newDoc.at_ms && oldDoc.cost && newDoc.cost &&
    oldDoc.cost.minor === newDoc.cost.minor && oldDoc.cost.currency === newDoc.cost.currency;
  if (oldDoc && !oldDoc._deleted && !same) {
    throw({ forbidden: "A spend is appended, never changed." });
  }
  var store = newDoc.store;
  if (newDoc.type !== "spend" || typeof store !== "string" || store === "") {
    throw({ forbidden: "This database holds only spends (type spend, with a store)." });
  }
  if (!headOffice && !has("amends-store:" + store)) {
    throw({ forbidden: "A spend is written by an account of its own store (" + store + ")." });
  }
  if (newDoc._id.indexOf("spend:" + store + ":") !== 0 || newDoc._id.length <= store.length + 7) {
    throw({ forbidden: "A spend's id is spend:" + store + ":<record id>." });
  }
  var cost = newDoc.cost;
  if (typeof newDoc.customer !== "string" || !/^[0-9a-f]{32}$/.test(newDoc.customer) ||
      typeof newDoc.at_ms !== "number" || newDoc.at_ms !== Math.floor(newDoc.at_ms) ||
      !cost || typeof cost.minor !== "number" || cost.minor !== Math.floor(cost.minor) ||
      cost.minor < 0 || typeof cost.currency !== "string" || !/^[A-Z]{3}$/.test(cost.currency)) {
    throw({ forbidden: "A spend carries customer (32 hex digits), at_ms and cost {minor, currency}." });
  }
}
