// Recoveries counted by [store, ISO week (UTC, "2026-W49"), category]; reduce _count.
// group_level 1: by store, 2: by store and week, 3: by category as well. Practice never counts.
function (doc) {
  var r = doc.record;
  if (doc.type !== "recovery" || !r || r.practice || !r.incident) return;
  if (typeof r.resolved_ms !== "number" || typeof doc.store !== "string") return;
  // ISO 8601 week: the week's Thursday decides its year (same code in both maps).
  var d = new Date(r.resolved_ms);
  var thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(),
    d.getUTCDate() + 4 - (d.getUTCDay() || 7)));
  var year = thursday.getUTCFullYear();
  var week = Math.ceil(((thursday - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7);
  emit([doc.store, year + "-W" + (week < 10 ? "0" : "") + week, r.incident.category], 1);
}
