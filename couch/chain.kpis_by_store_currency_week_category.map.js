// The sums behind every KPI of the dashboard (research.md's formulas), by [store,
// currency, ISO week of opening (UTC, "2026-W49"), category]; reduce _sum adds the arrays
// element by element. group_level 2: a store's totals per currency; 4: by week and
// category as well. The week is of `opened_ms`, as on the device's dashboard. Practice
// never counts. Value, in this order (the client reads it by position):
// [recoveries, costed (lines all in the record's currency), cost (minor units, of costed
//  ones), escalated, first contact (absent in old records: no approval), resolve ms, CSAT answers, CSAT 4-5, NPS answers,
//  NPS promoters minus detractors, CES answers, CES sum, retention answers, retained]
function (doc) {
  var r = doc.record;
  if (doc.type !== "recovery" || !r || r.practice || !r.incident) return;
  if (typeof r.opened_ms !== "number" || typeof r.resolved_ms !== "number") return;
  var currency = r.incident.loss && r.incident.loss.currency;
  if (typeof doc.store !== "string" || typeof currency !== "string") return;
  var lines = r.remedies || [];
  var cost = 0, costed = 1;
  for (var i = 0; i < lines.length; i++) {
    var c = lines[i].cost;
    if (!c || c.currency !== currency || c.minor !== Math.floor(c.minor)) { costed = 0; cost = 0; break; }
    cost += c.minor;
  }
  var o = r.outcome || {};
  var n = function (v) { return typeof v === "number" ? 1 : 0; };
  var csat = n(o.csat), nps = n(o.nps), ces = n(o.ces);
  var kept = typeof o.retained === "boolean" ? 1 : 0;
  // ISO 8601 week: the week's Thursday decides its year (same code in the other maps).
  var d = new Date(r.opened_ms);
  var thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(),
    d.getUTCDate() + 4 - (d.getUTCDay() || 7)));
  var year = thursday.getUTCFullYear();
  var week = Math.ceil(((thursday - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  emit([doc.store, currency, year + "-W" + (week < 10 ? "0" : "") + week, r.incident.category], [
    1, costed, cost, r.approval ? 1 : 0, (r.first_contact === undefined ? !r.approval : r.first_contact) ? 1 : 0, r.resolved_ms - r.opened_ms,
    csat, csat && o.csat >= 4 ? 1 : 0, nps, nps ? (o.nps >= 9 ? 1 : 0) - (o.nps <= 6 ? 1 : 0) : 0,
    ces, ces ? o.ces : 0, kept, kept && o.retained ? 1 : 0]);
}
