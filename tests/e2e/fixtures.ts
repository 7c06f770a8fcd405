// Shared e2e fixtures. Import `test` and `expect` from here, not from @playwright/test: every
// test then fails on a console error, an uncaught exception, or a request to any host but
// 127.0.0.1, in any page of its browser context.
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export { expect };

/** The app's routes and the level-1 heading each one shows (src/i18n.rs). */
export const ROUTES = [
  { path: "/", nav: "Amends", heading: "Put it right with the customer" },
  { path: "/new", nav: "New recovery", heading: "New recovery" },
  { path: "/follow-ups", nav: "Follow-ups", heading: "Follow-ups" },
  { path: "/log", nav: "Log", heading: "Log" },
  { path: "/dashboard", nav: "Dashboard", heading: "Dashboard" },
  { path: "/manager", nav: "Manager", heading: "Manager" },
] as const;

/** What the guards collected during one test. */
export type Guards = { consoleErrors: string[]; offHostRequests: string[] };

const ALLOWED_HOST = "127.0.0.1";

function staysOnDevice(url: string): boolean {
  const u = new URL(url);
  return ["data:", "blob:", "about:"].includes(u.protocol) || u.hostname === ALLOWED_HOST;
}

export const test = base.extend<{ guards: Guards }>({
  guards: [
    async ({ context }, use) => {
      const guards: Guards = { consoleErrors: [], offHostRequests: [] };
      context.on("console", (msg) => {
        if (msg.type() === "error") {
          const where = msg.location().url;
          guards.consoleErrors.push(where ? `${msg.text()} (at ${where})` : msg.text());
        }
      });
      context.on("weberror", (err) => guards.consoleErrors.push(`uncaught: ${err.error().message}`));
      context.on("request", (req) => {
        if (!staysOnDevice(req.url())) guards.offHostRequests.push(`${req.method()} ${req.url()}`);
      });
      await use(guards);
      expect.soft(guards.consoleErrors, "console errors or uncaught exceptions").toEqual([]);
      expect.soft(guards.offHostRequests, "requests to a host other than 127.0.0.1").toEqual([]);
    },
    { auto: true },
  ],
});

/** Opens a path and waits until the app (not the static skeleton) shows its page heading. */
export async function openApp(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
}

/** Runs axe on the page as it is now and fails listing every violation and where it is. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n"),
  );
  expect(violations, "axe violations").toEqual([]);
}

/** What `seed` asks the page to write. */
type SeedArgs = { n: number; outcomes: boolean };

/**
 * Runs in the page: generates `n` recoveries exactly as `amends_domain::testdata::generate(n, 7)`
 * does (same SplitMix64 stream, same JSON, ids `gen-7-<i>`) and writes them to the app's
 * IndexedDB in one transaction, resolving once it has committed. Self-contained: Playwright
 * sends its source to the page. The app ships no seeding code; this is the only way in.
 */
function writeGenerated({ n, outcomes }: SeedArgs): Promise<number> {
  const MASK = (1n << 64n) - 1n;
  let state = 7n;
  const next = () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  };
  const below = (k: number) => Number(next() % BigInt(Math.max(k, 1)));
  const pick = <T,>(items: readonly T[]) => items[below(items.length)];
  const CATEGORIES: [string, string][] = [
    ["late-delivery", "delay"], ["lost-delivery", "monetary"], ["wrong-item", "product"],
    ["defect", "product"], ["damaged", "product"], ["billing-error", "monetary"],
    ["overcharged", "monetary"], ["rude-staff", "attention"], ["unhelpful-staff", "attention"],
    ["long-wait", "delay"], ["out-of-stock", "product"], ["service-not-done", "service"],
    ["broken-promise", "service"], ["other", "service"],
  ];
  const TOUCHPOINTS = ["pre-purchase", "purchase", "post-purchase", "post-delivery"];
  const CHANNELS = ["in-store", "phone", "email", "chat", "social", "messaging"];
  const TIERS = ["new", "regular", "loyal", "vip"];
  const KINDS = ["refund-partial", "replacement", "store-credit", "discount-next"];
  const LEVELS = ["fair", "recommended", "generous"];
  const END_MS = 1_793_491_200_000; // 2026-11-01
  const YEAR_MS = 365 * 24 * 3_600_000;
  const usd = (minor: number) => ({ minor, currency: "USD" });
  const rows: { id: string; json: string }[] = [];
  for (let i = 0; i < n; i++) {
    const [category, failure] = pick(CATEGORIES);
    const loss = 500 + below(20_000);
    const kind = pick(KINDS);
    const cost = Math.floor((loss * (40 + below(60))) / 100);
    const opened = END_MS - below(YEAR_MS);
    const answered = below(3) === 0;
    const resolved = opened + below(1_800_000);
    const staff = `Staff ${below(12)}`;
    const touchpoint = pick(TOUCHPOINTS);
    const channel = pick(CHANNELS);
    const severity = 1 + below(5);
    const tier = pick(TIERS);
    const companyResponsible = below(5) !== 0;
    const keepsItem = below(3) === 0;
    const level = pick(LEVELS);
    const approval = below(8) === 0 ? { by: "Manager", method: "pin", at_ms: opened } : null;
    const followUp = { due_ms: opened + 3 * 86_400_000, channel: pick(CHANNELS) };
    const outcome = answered
      ? {
          recorded_ms: opened + 3 * 86_400_000,
          csat: 1 + below(5),
          nps: below(11),
          ces: 1 + below(7),
          resolved: below(5) !== 0,
          retained: below(4) !== 0,
          note: "",
        }
      : null;
    const firstContact = below(4) !== 0;
    const customerHash = below(2) === 0 ? `c${below(Math.floor(n / 2) + 1).toString(16)}` : null;
    const id = `gen-7-${i}`;
    const record = {
      schema: 2, id, opened_ms: opened, resolved_ms: resolved, staff, role: "associate",
      incident: {
        failure, category, touchpoint, channel, severity, tier, loss: usd(loss),
        company_responsible: companyResponsible, keeps_item: keepsItem, prior_failures: 0,
      },
      steps_done: ["listened", "apologised"], level,
      remedies: [{ kind, face: usd(loss), cost: usd(cost) }],
      approval, follow_up: followUp, outcome: outcomes ? outcome : null,
      first_contact: firstContact, root_cause: null, note: "", practice: false,
      customer_name: null, customer_hash: customerHash, ticket: null,
    };
    rows.push({ id, json: JSON.stringify(record) });
  }
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("amends");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction("records", "readwrite");
      const store = tx.objectStore("records");
      for (const row of rows) store.put(row);
      tx.oncomplete = () => {
        open.result.close();
        resolve(rows.length);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/**
 * Adds `n` generated recoveries (see `writeGenerated`; `outcomes: false` leaves every
 * follow-up due), then reloads the dashboard and waits until it counts them all.
 */
export async function seed(page: Page, n: number, opts: { outcomes?: boolean; timeout?: number } = {}) {
  // The app creates its database on first open; wait for it before writing into it.
  await openApp(page, "/dashboard");
  await expect(page.getByText("Loading")).toHaveCount(0, { timeout: 20_000 });
  const written = await page.evaluate(writeGenerated, { n, outcomes: opts.outcomes !== false });
  expect(written).toBe(n);
  await page.reload();
  const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\\D?");
  await expect(page.getByRole("status").filter({ hasText: "Recoveries in this selection" })).toHaveText(
    new RegExp(`: ${grouped}\\.`),
    { timeout: opts.timeout ?? 30_000 },
  );
}

/** How many records the app's IndexedDB holds. */
export async function storedRecords(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction("records").objectStore("records").count();
          count.onerror = () => reject(count.error);
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
        };
      }),
  );
}

/** A setting from the app's `kv` store (policy, audit, PIN...), as stored. */
export async function kvGet(page: Page, key: string): Promise<string | undefined> {
  return page.evaluate(
    (key) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction("kv").objectStore("kv").get(key);
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result);
          };
        };
      }),
    key,
  );
}

/** Overwrites a setting in the app's `kv` store, as another version or a fault would. */
export async function kvSet(page: Page, key: string, value: string): Promise<void> {
  await page.evaluate(
    ([key, value]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("kv", "readwrite");
          tx.objectStore("kv").put(value, key);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [key, value] as const,
  );
}

/** Every setting whose key starts with `prefix` (the audit's entries: "audit/"), as stored. */
export async function kvEntries(page: Page, prefix: string): Promise<[string, string][]> {
  return page.evaluate(
    (prefix) =>
      new Promise<[string, string][]>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction("kv").objectStore("kv");
          const range = IDBKeyRange.bound(prefix, prefix + "\uffff");
          const keys = store.getAllKeys(range);
          const values = store.getAll(range);
          values.onerror = () => reject(values.error);
          values.onsuccess = () => {
            open.result.close();
            resolve((keys.result as string[]).map((k, i) => [k, values.result[i] as string]));
          };
        };
      }),
    prefix,
  );
}

/** The manager the fixtures set a device up with, and the manager PIN. */
export const MANAGER = "Mo";
export const PIN = "246810";

/**
 * Fills the first-run form at /manager ("Set up this device"): the manager's name, the
 * policy to start from, the PIN twice. Manager mode opens; the manager is on the staff list
 * with the Manager role. Through the UI, so no test-only code ships in the release build.
 */
export async function fillSetup(page: Page, opts: { manager?: string; preset?: string } = {}) {
  await expect(page.getByRole("heading", { name: "Set up this device" })).toBeVisible();
  await page.getByLabel("Your name", { exact: true }).fill(opts.manager ?? MANAGER);
  if (opts.preset) await page.getByLabel("Policy to start from").selectOption({ label: opts.preset });
  await page.getByLabel("New manager PIN").fill(PIN);
  await page.getByLabel("Type the PIN again").fill(PIN);
  await page.getByRole("button", { name: "Set PIN" }).click();
  await expect(page.getByRole("button", { name: "Leave manager mode" })).toBeVisible();
}

/** Opens /manager and gets in: sets a new device up, or enters the PIN. */
export async function enterManager(page: Page) {
  await openApp(page, "/manager");
  const setup = page.getByRole("heading", { name: "Set up this device" });
  const gate = page.getByRole("heading", { name: "Open manager mode" });
  await setup.or(gate).first().waitFor();
  if (await setup.isVisible()) {
    await fillSetup(page);
  } else {
    await page.getByLabel("Manager PIN").fill(PIN);
    await page.getByRole("button", { name: "Open manager mode" }).click();
    await expect(page.getByRole("button", { name: "Leave manager mode" })).toBeVisible();
  }
}

/**
 * Opens the staff flow at its first step as `name` (a name new to the device starts with the
 * lowest role), setting the device up first when no manager has, switching user when someone
 * else is signed in, and discarding a draft it is offered.
 */
export async function signIn(page: Page, name = "Sam") {
  await openApp(page, "/new");
  const listen = page.getByRole("heading", { name: "Listen: what happened?" });
  const who = page.getByLabel("Your name", { exact: true });
  const discard = page.getByRole("button", { name: "Start a new recovery" });
  const notSetUp = page.getByRole("heading", { name: "A manager sets this device up first" });
  await listen.or(who).or(discard).or(notSetUp).first().waitFor();
  if (await notSetUp.isVisible()) {
    await enterManager(page);
    await openApp(page, "/new");
    await listen.or(who).or(discard).first().waitFor();
  }
  const using = page.getByText(/^Using this device: /);
  if ((await using.count()) > 0 && (await using.textContent()) !== `Using this device: ${name}`) {
    await page.getByRole("button", { name: "Switch user" }).click();
    await who.waitFor();
  }
  if (await discard.isVisible()) await discard.click();
  if (await who.isVisible()) {
    await who.fill(name);
    await page.getByRole("button", { name: "Start" }).click();
  }
  await expect(listen).toBeVisible();
}

/** A within-limit recovery for an associate (Recommended costs $29.60), up to the remedy. */
export async function toRemedy(page: Page, reference?: string) {
  await page.getByRole("radio", { name: "Product", exact: true }).check();
  await page.getByRole("radio", { name: "Defect", exact: true }).check();
  await page.getByRole("radio", { name: "Severity 3" }).check();
  await page.getByLabel("Customer's loss").fill("40");
  if (reference) {
    await page.getByRole("button", { name: "More details" }).click();
    await page.getByLabel("Customer reference (optional)").fill(reference);
  }
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("checkbox", { name: "Apologised" }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Choose a fair remedy" })).toBeVisible();
  await page.getByRole("button", { name: "Choose Recommended" }).click();
}
