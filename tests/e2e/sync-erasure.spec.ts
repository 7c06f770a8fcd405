// Erasure reaches the chain (issue 14), end to end: two tablets of store-4, a manager's
// device (store-4-manager) and head office's device, each its own browser profile, against
// pouchdb-server behind `cargo xtask serve --couch` (started by `cargo xtask test`; alone:
// `cargo xtask e2e-couch`). A customer's recoveries logged on tablet A reach tablet B, the
// store database and the chain database; the manager erases the customer (Privacy, by
// reference) and the records leave tablet B's IndexedDB, the store database and the chain
// database (head office's device deletes the chain's copies: pouchdb-server's replication
// does not carry tombstones into the chain, ARCHITECTURE.md difference 3). A store login's
// erasure is refused by the server: kept on the device and said plainly until a manager's
// login sends it.
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect, MANAGER, enterManager, expectNoAxeViolations, kvGet, kvSet, signIn, toRemedy } from "./fixtures";
import { ACCOUNTS, BASE, basic, chainSpec, connect, device, status, synced } from "./chain";

const STORE = "store-4";

chainSpec();

async function section(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
}

/** Logs one within-limit recovery for `reference`, as a staff member new to the store (a
 * shift's limit counts the store's records, and a server kept between runs holds the last
 * run's); returns its id. */
async function logFor(page: Page, reference: string): Promise<string> {
  const before = new Set(await recordIds(page));
  await signIn(page, "Kit " + Array.from({ length: 6 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join(""));
  await toRemedy(page, reference);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByRole("heading", { name: "Logged" })).toBeVisible();
  const reference8 = (await page.getByRole("definition").filter({ hasText: /^[0-9A-F]{8}$/ }).first().textContent())?.trim() ?? "";
  const added = (await recordIds(page)).filter(
    (id) => !before.has(id) && id.replace(/[^0-9a-zA-Z]/g, "").slice(0, 8).toUpperCase() === reference8,
  );
  expect(added).toHaveLength(1);
  return added[0];
}

async function recordIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction("records").objectStore("records").getAllKeys();
          keys.onerror = () => reject(keys.error);
          keys.onsuccess = () => {
            open.result.close();
            resolve(keys.result as string[]);
          };
        };
      }),
  );
}

/** The kv keys of the device starting with `prefix` (sync's bookkeeping). */
async function kvKeys(page: Page, prefix: string): Promise<string[]> {
  return page.evaluate(
    (prefix) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction("kv").objectStore("kv").getAllKeys();
          keys.onerror = () => reject(keys.error);
          keys.onsuccess = () => {
            open.result.close();
            resolve((keys.result as string[]).filter((k) => typeof k === "string" && k.startsWith(prefix)));
          };
        };
      }),
    prefix,
  );
}

/** The status of `GET /db/<db>/<id>` as `login` (200 live; 404 erased). */
async function docStatus(request: APIRequestContext, db: string, id: string, login: string): Promise<number> {
  return (await request.get(`${BASE}/db/${db}/${encodeURIComponent(id)}`, { headers: basic(login) })).status();
}

/** No `secret:store` left in the store's database by an earlier run or spec (the devices
 * then keep their own PIN, the fixtures' one): deleted as the store's manager. */
async function forgetSecret(request: APIRequestContext) {
  const url = `${BASE}/db/amends-store-${STORE}/secret:store`;
  const now = await request.get(url, { headers: basic(`${STORE}-manager`) });
  if (now.status() !== 200) return;
  const gone = await request.delete(`${url}?rev=${(await now.json())._rev}`, { headers: basic(`${STORE}-manager`) });
  expect(gone.status(), await gone.text()).toBe(200);
}

/** The chain's policy as this spec found it (`null`: none), put back at its end: the
 * specs run one after another against one server, and sync.spec.ts writes policy:chain
 * as if none existed. */
let chainBefore: Record<string, unknown> | null | undefined;
async function keepChainPolicy(request: APIRequestContext) {
  if (chainBefore !== undefined) return;
  const now = await request.get(`${BASE}/db/amends-policy/policy:chain`, { headers: basic("head-office") });
  chainBefore = now.status() === 200 ? await now.json() : null;
}
async function restoreChainPolicy(request: APIRequestContext) {
  const url = `${BASE}/db/amends-policy/policy:chain`;
  const now = await request.get(url, { headers: basic("head-office") });
  const rev = now.status() === 200 ? (await now.json())._rev : undefined;
  if (chainBefore === null) {
    if (rev) expect((await request.delete(`${url}?rev=${rev}`, { headers: basic("head-office") })).status()).toBe(200);
  } else if (chainBefore) {
    const data = { ...chainBefore, _rev: rev };
    expect((await request.put(url, { headers: basic("head-office"), data })).status()).toBe(201);
  }
}

/** The chain's policy set to the device's own preset (limits high enough to log without
 * approval), whatever another spec left: sync.spec.ts lowers it. */
async function chainPolicyFrom(page: Page, request: APIRequestContext) {
  const policy = JSON.parse((await kvGet(page, "policy")) ?? "{}");
  policy.approval_key = "";
  policy.customer_salt = "";
  delete policy.former_salts;
  const now = await request.get(`${BASE}/db/amends-policy/policy:chain`, { headers: basic("head-office") });
  const data: Record<string, unknown> = { type: "policy", policy };
  if (now.status() === 200) data._rev = (await now.json())._rev;
  const put = await request.put(`${BASE}/db/amends-policy/policy:chain`, { headers: basic("head-office"), data });
  expect(put.status(), await put.text()).toBe(201);
}

/** Until the chain-wide customer salt exists, a device finds a customer by the hash of
 * their reference only with the salt that made it: the manager's device takes tablet A's. */
async function sameSalt(from: Page, to: Page) {
  const salt = JSON.parse((await kvGet(from, "policy")) ?? "{}").customer_salt;
  expect(salt).toBeTruthy();
  const policy = JSON.parse((await kvGet(to, "policy")) ?? "{}");
  policy.customer_salt = salt;
  await kvSet(to, "policy", JSON.stringify(policy));
  await to.reload();
  await expect(to.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
}

async function eraseCustomer(page: Page, reference: string, n: number, axe = false) {
  await enterManager(page);
  const name = page.getByLabel("Your name (for the audit)");
  if ((await name.count()) && !(await name.inputValue())) await name.fill(MANAGER);
  await section(page, "Privacy");
  await page.getByLabel("Customer reference").fill(reference);
  await page.getByRole("button", { name: "Find their recoveries" }).click();
  const [recoveries, belong, records] = n === 1 ? ["recovery", "belongs", "record"] : ["recoveries", "belong", "records"];
  await expect(page.getByRole("heading", { name: `${n} ${recoveries} ${belong} to this customer` })).toBeVisible();
  if (axe) await expectNoAxeViolations(page);
  await page.getByRole("button", { name: `Erase ${n} ${records}` }).click();
  await expect(page.getByText(`Erased ${n} ${records}.`)).toBeVisible();
}

type Device = Awaited<ReturnType<typeof device>>;
let tabletA: Device;
let tabletB: Device;
let manager: Device;
let head: Device;
/** A record of another customer (gus), logged on tablet A. */
let gus = "";

test.afterAll(async () => {
  for (const d of [tabletA, tabletB, manager, head]) if (d) await d.context.close();
});

test("a customer erased on the manager's device leaves the other tablet, the store and the chain", async ({ browser, request }) => {
  test.setTimeout(240_000);
  tabletA = await device(browser, { open: true });
  tabletB = await device(browser, { open: true });
  manager = await device(browser, { open: true });
  head = await device(browser, { open: true });
  await forgetSecret(request);
  await keepChainPolicy(request);
  await enterManager(tabletA.page);
  await chainPolicyFrom(tabletA.page, request);
  await connect(tabletA.page, STORE, STORE);
  await connect(tabletB.page, STORE, STORE);
  await connect(manager.page, STORE, `${STORE}-manager`);
  await connect(head.page, STORE, "head-office");
  await sameSalt(tabletA.page, manager.page);

  const erin = [await logFor(tabletA.page, "erin@example.com"), await logFor(tabletA.page, "erin@example.com")];
  const other = await logFor(tabletA.page, "gus@example.com");
  gus = other;
  const all = [...erin, other];
  for (const d of [tabletB, manager]) {
    await expect.poll(() => recordIds(d.page), { timeout: 30_000 }).toEqual(expect.arrayContaining(all));
  }
  const storeDb = `amends-store-${STORE}`;
  for (const id of all) {
    await expect.poll(() => docStatus(request, storeDb, `${STORE}:${id}`, `${STORE}-manager`), { timeout: 30_000 }).toBe(200);
    await expect.poll(() => docStatus(request, "amends-chain", `${STORE}:${id}`, "head-office"), { timeout: 30_000 }).toBe(200);
  }
  // Tablet B has sync bookkeeping for the records (revisions) before the erasure.
  expect(await kvKeys(tabletB.page, `sync.rev/${erin[0]}`)).toHaveLength(1);

  await eraseCustomer(manager.page, "Erin@Example.com", 2, true);
  // Tablet B: the copies and their bookkeeping go; the other customer's record stays.
  await expect.poll(() => recordIds(tabletB.page), { timeout: 30_000 }).not.toEqual(expect.arrayContaining([erin[0]]));
  const left = await recordIds(tabletB.page);
  expect(left).not.toContain(erin[1]);
  expect(left).toContain(other);
  for (const id of erin) {
    expect(await kvKeys(tabletB.page, `sync.rev/${id}`)).toEqual([]);
    expect(await kvKeys(tabletB.page, `sync.edit/${id}`)).toEqual([]);
  }
  // The store's database: deleted (404); the chain's: deleted by head office's device.
  for (const id of erin) {
    await expect.poll(() => docStatus(request, storeDb, `${STORE}:${id}`, `${STORE}-manager`), { timeout: 30_000 }).toBe(404);
    await expect.poll(() => docStatus(request, "amends-chain", `${STORE}:${id}`, "head-office"), { timeout: 30_000 }).toBe(404);
  }
  expect(await docStatus(request, "amends-chain", `${STORE}:${other}`, "head-office")).toBe(200);
  await expect.poll(() => recordIds(tabletA.page), { timeout: 30_000 }).not.toEqual(expect.arrayContaining([erin[1]]));
  // The manager's device queued nothing that waits.
  expect(await kvKeys(manager.page, "sync.erase/")).toEqual([]);

  // The audit: the manager's device says who erased; tablet B says the login that erased.
  await section(manager.page, "Audit");
  await expect(manager.page.getByRole("cell", { name: "One customer's recoveries erased: 2" })).toBeVisible();
  await enterManager(tabletB.page);
  await section(tabletB.page, "Audit");
  const row = tabletB.page.getByRole("row").filter({ hasText: "One customer's recoveries erased: 2" });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell", { name: `${STORE}-manager`, exact: true })).toBeVisible();
  for (const d of [tabletA, tabletB, manager, head]) expect(d.errors).toEqual([]);
});

test("a store login's erasure waits on the device, said plainly, and goes with a manager's login", async ({ request }) => {
  test.setTimeout(180_000);
  await sameSalt(tabletA.page, tabletB.page);
  await eraseCustomer(tabletB.page, "gus@example.com", 1);
  const storeDb = `amends-store-${STORE}`;
  await expect(status(tabletB.page)).toContainText(
    "1 erased record is still on the store's server: only a manager's login may erase there.",
    { timeout: 30_000 },
  );
  await expectNoAxeViolations(tabletB.page);
  const queued = await kvKeys(tabletB.page, "sync.erase/");
  expect(queued).toHaveLength(1);
  const id = queued[0].slice("sync.erase/".length);
  expect(id).toBe(gus);
  // Refused by the server: still there, and tablet B does not take it back from a pull.
  expect(await docStatus(request, storeDb, `${STORE}:${id}`, `${STORE}-manager`)).toBe(200);
  await tabletB.page.waitForTimeout(5_000);
  expect(await recordIds(tabletB.page)).not.toContain(id);
  // A manager's login on tablet B: the erasure goes, and reaches tablet A.
  // Disconnecting is refused while records wait (they belong to this store), so the
  // Chain section signs another login of the store in, in place.
  await section(tabletB.page, "Chain");
  await tabletB.page.getByLabel("Login name", { exact: true }).fill(`${STORE}-manager`);
  await tabletB.page.getByLabel("Password", { exact: true }).fill(ACCOUNTS[`${STORE}-manager`]);
  await tabletB.page.getByRole("button", { name: "Sign in again", exact: true }).click();
  await expect(tabletB.page.getByText(`Connected to store ${STORE} as ${STORE}-manager.`)).toBeVisible();
  await expect.poll(() => docStatus(request, storeDb, `${STORE}:${id}`, `${STORE}-manager`), { timeout: 30_000 }).toBe(404);
  await expect.poll(() => kvKeys(tabletB.page, "sync.erase/"), { timeout: 30_000 }).toEqual([]);
  await expect.poll(() => recordIds(tabletA.page), { timeout: 30_000 }).not.toContain(id);
  await expect.poll(() => docStatus(request, "amends-chain", `${STORE}:${id}`, "head-office"), { timeout: 30_000 }).toBe(404);
  await restoreChainPolicy(request);
});
