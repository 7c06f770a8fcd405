// Spends by [customer hash, at_ms]: a device asks for one customer's since the window's
// start (startkey [hash, from], endkey [hash, {}]). The value is what the device counts.
function (doc) {
  if (doc.type !== "spend" || typeof doc.customer !== "string" || !doc.cost) return;
  emit([doc.customer, doc.at_ms], { store: doc.store, cost: doc.cost });
}
