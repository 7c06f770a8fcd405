// The store's secrets from its server (issue 14), end to end: the manager PIN's record and
// the approval key live in `secret:store` of the store's database (a manager's login
// writes it). The manager changes the PIN and rotates the key on the manager's device
// (store-4-manager); tablet A (store-4) then opens manager mode with the new PIN and not
// the old one, and a one-time code made on the manager's device with the new key
// approves on tablet A. Against pouchdb-server behind `cargo xtask serve --couch`.
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect, MANAGER, PIN, enterManager, expectNoAxeViolations, kvGet, signIn, toRemedy } from "./fixtures";

const BASE = process.env.E2E_SYNC_URL ?? "";
const ACCOUNTS: Record<string, string> = JSON.parse(process.env.E2E_SYNC_ACCOUNTS ?? "{}");
const STORE = "store-4";

test.beforeEach(({}, testInfo) => {
  test.skip(!BASE, "needs the chain's server: `cargo xtask test` starts it (alone: cargo xtask e2e-couch)");
  test.skip(testInfo.project.name !== "tablet-landscape", "sync runs once, at tablet size");
});
test.describe.configure({ mode: "serial" });

/** A device: its own browser profile on the sync server's origin (as in sync.spec.ts). */
async function device(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1024, height: 768 } });
  const errors: string[] = [];
  context.on("console", (m) => {
    if (m.type() !== "error") return;
    const at = m.location().url;
    if (!(/Failed to load resource/.test(m.text()) && at.includes("/db/"))) errors.push(`${m.text()} ${at}`);
  });
  context.on("weberror", (e) => errors.push(`uncaught: ${e.error().message}`));
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
  return { context, page, errors };
}

function basic(name: string): Record<string, string> {
  return { Authorization: "Basic " + Buffer.from(`${name}:${ACCOUNTS[name]}`).toString("base64") };
}

async function section(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
}

async function connect(page: Page, login: string) {
  await enterManager(page);
  await section(page, "Chain");
  await page.getByLabel("Store", { exact: true }).fill(STORE);
  await page.getByLabel("Login name", { exact: true }).fill(login);
  await page.getByLabel("Password", { exact: true }).fill(ACCOUNTS[login]);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByText(`Connected to store ${STORE} as ${login}.`)).toBeVisible();
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
async function chainPolicyFrom(preset: string, request: APIRequestContext, perIncidentMinor?: number) {
  const policy = JSON.parse(preset);
  if (perIncidentMinor !== undefined) policy.roles[0].per_incident.minor = perIncidentMinor;
  policy.approval_key = "";
  policy.customer_salt = "";
  delete policy.former_salts;
  const now = await request.get(`${BASE}/db/amends-policy/policy:chain`, { headers: basic("head-office") });
  const data: Record<string, unknown> = { type: "policy", policy };
  if (now.status() === 200) data._rev = (await now.json())._rev;
  const put = await request.put(`${BASE}/db/amends-policy/policy:chain`, { headers: basic("head-office"), data });
  expect(put.status(), await put.text()).toBe(201);
}


const NEW_PIN = "135791";

type Device = Awaited<ReturnType<typeof device>>;
let tabletA: Device;
let manager: Device;

test.afterAll(async () => {
  for (const d of [tabletA, manager]) if (d) await d.context.close();
});

async function gate(page: Page, pin: string) {
  await page.goto("/manager");
  const leave = page.getByRole("button", { name: "Leave manager mode" });
  const gateHeading = page.getByRole("heading", { name: "Open manager mode" });
  await leave.or(gateHeading).first().waitFor();
  if (await leave.isVisible()) await leave.click();
  await page.getByRole("textbox", { name: "Manager PIN", exact: true }).fill(pin);
  await page.getByRole("button", { name: "Open manager mode" }).click();
}

test("the manager's new PIN and rotated approval key reach tablet A through secret:store", async ({ browser, request }) => {
  test.setTimeout(240_000);
  tabletA = await device(browser);
  manager = await device(browser);
  await forgetSecret(request);
  await keepChainPolicy(request);
  await enterManager(tabletA.page);
  const preset = (await kvGet(tabletA.page, "policy")) ?? "{}";
  // The lowest role's limit per incident at $20, so tablet A's recovery asks for approval.
  await chainPolicyFrom(preset, request, 2000);
  await connect(tabletA.page, STORE);
  await connect(manager.page, `${STORE}-manager`);
  const keyOf = async (page: Page) => JSON.parse((await kvGet(page, "policy")) ?? "{}").approval_key as string;
  const oldKey = await keyOf(tabletA.page);
  const managerKey = await keyOf(manager.page);

  // The manager changes the PIN (manager mode, Manager PIN): it goes to the store's server.
  const name = manager.page.getByLabel("Your name (for the audit)");
  if (!(await name.inputValue())) await name.fill(MANAGER);
  await section(manager.page, "Manager PIN");
  await manager.page.getByRole("textbox", { name: "Manager PIN", exact: true }).fill(PIN);
  await manager.page.getByRole("button", { name: "Check current PIN" }).click();
  await manager.page.getByLabel("New manager PIN").fill(NEW_PIN);
  await manager.page.getByLabel("Type the PIN again").fill(NEW_PIN);
  await manager.page.getByRole("button", { name: "Set PIN" }).click();
  await expect(manager.page.getByText("The manager PIN was changed.")).toBeVisible();
  await expect(manager.page.getByRole("alert")).toHaveCount(0);
  // Then rotates the store's approval key (Chain).
  await section(manager.page, "Chain");
  await expectNoAxeViolations(manager.page);
  await manager.page.getByRole("button", { name: "Rotate the store's approval key" }).click();
  await expect(manager.page.getByText("New approval key sent. Every device of the store uses it within seconds.")).toBeVisible();
  await expectNoAxeViolations(manager.page);
  const secret = await request.get(`${BASE}/db/amends-store-${STORE}/secret:store`, { headers: basic(STORE) });
  expect(secret.status()).toBe(200);
  const newKey = (await secret.json()).approval_key as string;
  expect(newKey).toMatch(/^[0-9a-f]{64}$/);
  expect([oldKey, managerKey]).not.toContain(newKey);
  // Both devices use the store's key (the manager's too, from the server).
  for (const d of [tabletA, manager]) await expect.poll(() => keyOf(d.page), { timeout: 30_000 }).toBe(newKey);
  await expect.poll(async () => JSON.parse((await kvGet(tabletA.page, "pin")) ?? "{}").hash_hex, { timeout: 30_000 })
    .toBe(JSON.parse((await kvGet(manager.page, "pin")) ?? "{}").hash_hex);

  // Tablet A: the old PIN is wrong now, the new one opens manager mode.
  await gate(tabletA.page, PIN);
  await expect(tabletA.page.getByText("Wrong PIN. 4 tries left before a lock-out.")).toBeVisible();
  await gate(tabletA.page, NEW_PIN);
  await expect(tabletA.page.getByRole("button", { name: "Leave manager mode" })).toBeVisible();
  // Tablet A's audit says where the changes came from.
  await section(tabletA.page, "Audit");
  await expect(tabletA.page.getByRole("row").filter({ hasText: `${STORE}-manager` }).first()).toBeVisible();

  // A one-time code made on the manager's device with the new key approves on tablet A.
  await signIn(tabletA.page, "Sam");
  await toRemedy(tabletA.page);
  await tabletA.page.getByRole("button", { name: "Next: ask a manager" }).click();
  const said = await tabletA.page.getByText(/^Read this out to the approver:/).textContent();
  const [, staff, what, cost, why, reference] = said!.match(
    /^Read this out to the approver: I am (\w+)\. (.+), a loss of .* which costs (\$[\d.,]+)\. Why it needs approval: (.+)\. The reference is ([0-9A-Z]{4}-[0-9A-Z]{2})\.$/)!;
  await signIn(manager.page, staff); // the manager's device knows who asks
  await gate(manager.page, NEW_PIN);
  if (!(await name.inputValue())) await name.fill(MANAGER);
  await section(manager.page, "Approve by phone");
  await manager.page.getByLabel("Reference", { exact: true }).fill(reference);
  await manager.page.getByLabel("Cost to the business", { exact: true }).fill(cost);
  await manager.page.getByLabel("Who is asking").selectOption(staff);
  await manager.page.getByLabel("What happened").selectOption({ label: what });
  await manager.page.getByLabel("Why it needs approval").fill(why);
  await manager.page.getByRole("button", { name: "Check before approving" }).click();
  await manager.page.getByRole("region", { name: "Check before you approve" }).getByRole("button", { name: "Make approval code" }).click();
  const result = manager.page.getByRole("status").filter({ hasText: "Approval code for" });
  const code = (await result.textContent())!.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
  await tabletA.page.getByLabel("Approved by").selectOption(MANAGER);
  await tabletA.page.getByLabel("Approval code").fill(code);
  await tabletA.page.getByRole("button", { name: "Check code" }).click();
  await expect(tabletA.page.getByRole("heading", { name: "Confirm and log" })).toBeVisible();
  await expect(tabletA.page.getByText(`Approved by ${MANAGER} with a one-time code`)).toBeVisible();
  for (const d of [tabletA, manager]) expect(d.errors).toEqual([]);
  // The chain's policy as found, and no store secret, for the other specs' sake (the
  // devices keep the PIN they have).
  await restoreChainPolicy(request);
  await forgetSecret(request);
});
