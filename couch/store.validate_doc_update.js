// amends-store-<id>: one store's recoveries, requests for approval, audit entries and its
// own policy. CouchDB runs this on every write, replication included; `_security` already
// keeps out anyone who is not a member of this store or head office. Fail closed: a type
// this function does not know is refused.
function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  function has(role) {
    return roles.indexOf(role) !== -1;
  }
  if (has("_admin")) return;
  // Written in by couch-setup for each store database (pouchdb-server's userCtx has no db).
  var store = "__STORE__";
  var headOffice = has("amends-head-office");
  var member = headOffice || has("amends-store:" + store);
  var manager = headOffice || (member && has("amends-manager"));
  if (!member) {
    throw({ unauthorized: "Sign in with an account of store " + store + "." });
  }
  var doc = newDoc._deleted ? oldDoc || newDoc : newDoc;
  var type = doc.type;
  if (type === "policy" || newDoc._id.indexOf("policy:") === 0 ||
      type === "secret" || newDoc._id.indexOf("secret:") === 0) {
    if (!manager) {
      throw({ forbidden: "Only a manager's login can change the store's policy." });
    }
    if (newDoc._id !== "policy:store" && newDoc._id !== "secret:store") {
      throw({ forbidden: "A store database holds only policy:store and secret:store." });
    }
    return;
  }
  if (type === "recovery" || type === "approval-request" || type === "audit") {
    if (newDoc._deleted) {
      if (type !== "recovery" || !manager) {
        throw({ forbidden: "Only a manager erases a recovery; audit entries stay." });
      }
      return;
    }
    if (newDoc.store !== store || newDoc._id.indexOf(store + ":") !== 0) {
      throw({ forbidden: "A " + type + " here belongs to store " + store +
        " (store field and an id starting with '" + store + ":')." });
    }
    if (oldDoc && oldDoc.store !== newDoc.store) {
      throw({ forbidden: "A record does not move to another store." });
    }
    if (type === "audit" && oldDoc && !oldDoc._deleted) {
      throw({ forbidden: "Audit entries are appended, never changed." });
    }
    if (type === "approval-request") {
      // Any account of the store asks; only a manager's login (or head office) decides,
      // under its own name, once; what was asked never changes.
      if (oldDoc && !oldDoc._deleted && oldDoc.decision) {
        throw({ forbidden: "A decision on a request for approval is final." });
      }
      if (oldDoc && !oldDoc._deleted &&
          JSON.stringify(newDoc.request) !== JSON.stringify(oldDoc.request)) {
        throw({ forbidden: "A request for approval is not changed; a manager adds a decision." });
      }
      if (oldDoc && !oldDoc._deleted && !newDoc.decision) {
        throw({ forbidden: "A request for approval is not changed; a manager adds a decision." });
      }
      if (newDoc.decision) {
        if (!manager) {
          throw({ forbidden: "Only a manager's login decides a request for approval." });
        }
        var d = newDoc.decision;
        if (typeof d !== "object" || typeof d.approved !== "boolean" || d.by !== userCtx.name ||
            typeof d.at_ms !== "number") {
          throw({ forbidden: "A decision says approved or not, by the login that decides, and when." });
        }
      }
      return;
    }
    if (type === "recovery" && (typeof newDoc.record !== "object" || newDoc.record === null ||
        typeof newDoc.record.schema !== "number")) {
      throw({ forbidden: "A recovery carries its record (with its schema number)." });
    }
    return;
  }
  throw({ forbidden: "Unknown document type: " + JSON.stringify(type) + "." });
}
