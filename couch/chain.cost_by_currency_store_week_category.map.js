// What recoveries cost (sum of the remedies' cost, integer minor units) by [currency, store,
// ISO week, category]; reduce _sum. Amounts of different currencies are never added:
// group_level 1 is a chain total per currency. A record whose lines disagree on currency,
// or whose amount is not an integer, is left out rather than added wrongly.
function (doc) {
  var r = doc.record;
  if (doc.type !== "recovery" || !r || r.practice || !r.incident) return;
  if (typeof r.resolved_ms !== "number" || typeof doc.store !== "string") return;
  var currency = r.incident.loss && r.incident.loss.currency;
  var lines = r.remedies || [];
  var cost = 0;
  for (var i = 0; i < lines.length; i++) {
    var c = lines[i].cost;
    if (!c || c.currency !== currency || c.minor !== Math.floor(c.minor)) return;
    cost += c.minor;
  }
  // ISO 8601 week: the week's Thursday decides its year (same code in both maps).
  var d = new Date(r.resolved_ms);
  var thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(),
    d.getUTCDate() + 4 - (d.getUTCDay() || 7)));
  var year = thursday.getUTCFullYear();
  var week = Math.ceil(((thursday - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  emit([currency, doc.store, year + "-W" + (week < 10 ? "0" : "") + week, r.incident.category], cost);
}
