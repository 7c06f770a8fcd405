// Follow-ups and the learning dashboard: an outcome recorded at follow-up shows on the
// dashboard (and survives a reload), the due badge in the navigation, the charts' data-table
// toggle, axe on both pages at every size, and the 100k-record measurement (printed as
// `PERF name=value` lines).
//
// Records are written into IndexedDB by the harness (`seed` in fixtures.ts; `outcomes: false`
// for records whose follow-ups are all due): the release build has no seeding code.
// Each test has a fresh browser profile, so its IndexedDB starts empty.
import { test, expect, openApp, expectNoAxeViolations, seed, fillSetup, storedRecords } from "./fixtures";
import type { Page } from "@playwright/test";
import { readFile } from "node:fs/promises";

/** Most tests run at tablet size; `[all sizes]` tests run in every project. */
test.beforeEach(({}, testInfo) => {
  test.skip(
    testInfo.project.name !== "tablet-landscape" && !testInfo.title.includes("[all sizes]"),
    "dashboard tests run at 1024x768",
  );
});

function kpi(page: Page, name: string) {
  return page.getByRole("region", { name: "Key figures" }).getByRole("group", { name, exact: true });
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}

test("[all sizes] the dashboard draws every chart, fits the screen and passes axe", async ({ page }) => {
  await openApp(page, "/dashboard");
  await expect(page.getByText("What the recoveries teach will appear here")).toBeVisible();
  await expectNoAxeViolations(page);

  await seed(page, 60);
  const figures = page.getByRole("figure");
  await expect(figures).toHaveCount(8);
  for (const name of [
    "Recoveries and cost per week",
    "Cost by category",
    "Recoveries by root cause",
    "CSAT after each remedy",
    "NPS after each remedy",
    "Recoveries by channel",
    "Recoveries by touchpoint",
    "Recoveries for customers who had more than one",
  ]) {
    const figure = page.getByRole("figure", { name });
    await expect(figure.getByRole("img")).toBeVisible();
    await expect(figure.getByRole("img")).toHaveAttribute("aria-label", /\S/);
  }
  await expect(kpi(page, "Recoveries")).toContainText("60");
  await noSidewaysScroll(page);
  await expectNoAxeViolations(page);

  // With every table open too.
  for (const button of await page.getByRole("button", { name: "Show data table" }).all()) {
    await button.click();
  }
  await expect(page.getByRole("table")).toHaveCount(8);
  await noSidewaysScroll(page);
  await expectNoAxeViolations(page);
});

test("[all sizes] the follow-up page lists what is due, opens the outcome form and passes axe", async ({ page }) => {
  await openApp(page, "/follow-ups");
  await expect(page.getByText("Recoveries whose follow-up is due will be listed here")).toBeVisible();
  await expectNoAxeViolations(page);

  await seed(page, 4, { outcomes: false });
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Follow-ups (4 due)" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Due now: 4" })).toBeVisible();
  const items = page.getByRole("article");
  await expect(items).toHaveCount(4);
  await expect(items.first()).toContainText(/Overdue by \d+ days/);
  await expect(items.first().getByRole("button", { name: "Copy message" })).toBeVisible();
  await items.first().getByRole("button", { name: "Record outcome" }).click();
  await expect(items.first().getByRole("button", { name: "Record outcome" })).toHaveAttribute("aria-expanded", "true");
  await expect(items.first().getByLabel("CSAT: how satisfied are they? (1 to 5)")).toBeVisible();
  await noSidewaysScroll(page);
  await expectNoAxeViolations(page);
});

/**
 * Runs in the page: gives the first `causes.length` stored recoveries these root causes and
 * keeps outcomes only for the first `answered` (every other outcome removed), as if staff
 * had recorded them. One transaction.
 */
function setCausesAndAnswers({ causes, answered }: { causes: (string | null)[]; answered: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("amends");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction("records", "readwrite");
      const store = tx.objectStore("records");
      const all = store.getAll();
      all.onsuccess = () => {
        const rows = (all.result as { id: string; json: string }[]).sort((a, b) =>
          Number(a.id.split("-")[2]) - Number(b.id.split("-")[2]));
        rows.forEach((row, i) => {
          const r = JSON.parse(row.json);
          r.root_cause = i < causes.length ? causes[i] : null;
          r.outcome = i < answered
            ? { recorded_ms: r.opened_ms, csat: 5, nps: 10, ces: 6, resolved: true, retained: true, note: "" }
            : null;
          store.put({ id: row.id, json: JSON.stringify(r) });
        });
      };
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

// Issue 12: root causes were captured but never charted; rates showed no n.
test("root causes are charted, and every rate shows its n, marked when too few to judge", async ({ page }) => {
  await seed(page, 20);
  const causes = [...Array(6).fill("process"), ...Array(3).fill("product"), "third-party"];
  await page.evaluate(setCausesAndAnswers, { causes, answered: 3 });
  await page.reload();
  await expect(kpi(page, "Recoveries")).toContainText("20");

  const chart = page.getByRole("figure", { name: "Recoveries by root cause" });
  await expect(chart.getByRole("img")).toHaveAttribute("aria-label",
    /Not known yet: 10; Process: 6; Product or supplier: 3; Third party \(carrier, partner\): 1\./);
  await chart.getByRole("button", { name: "Show data table" }).click();
  const process = chart.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Process", exact: true }) });
  await expect(process.getByRole("cell").first()).toHaveText("6");

  // Rates over recoveries show how many; rates over 3 answers are marked.
  await expect(kpi(page, "First-contact resolution")).toContainText("20 recoveries");
  await expect(kpi(page, "First-contact resolution")).not.toContainText("Too few to judge");
  for (const name of ["CSAT", "NPS", "CES", "Retention"]) {
    await expect(kpi(page, name)).toContainText("3 answers");
    await expect(kpi(page, name)).toContainText("Too few to judge: fewer than 5");
  }
  await expect(kpi(page, "CSAT")).toContainText("100%");
  await expect(page.getByRole("figure", { name: "CSAT after each remedy" }).getByRole("img"))
    .toHaveAttribute("aria-label", /too few to judge/);
  await expectNoAxeViolations(page);

  // With five answers the rate stands on its own.
  await page.evaluate(setCausesAndAnswers, { causes, answered: 5 });
  await page.reload();
  await expect(kpi(page, "CSAT")).toContainText("5 answers");
  await expect(kpi(page, "CSAT")).not.toContainText("Too few to judge");
});

test("an outcome recorded at follow-up appears on the dashboard and survives a reload", async ({ page }) => {
  await seed(page, 3, { outcomes: false });
  for (const name of ["CSAT", "NPS", "CES", "Retention"]) {
    await expect(kpi(page, name)).toContainText("Not enough data");
  }
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Follow-ups (3 due)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Follow-ups");

  const item = page.getByRole("article").first();
  const title = await item.getByRole("heading", { level: 3 }).textContent();
  await item.getByRole("button", { name: "Record outcome" }).click();
  await item.getByLabel("CSAT: how satisfied are they? (1 to 5)").selectOption({ label: "5 · Very satisfied" });
  await item.getByLabel("NPS: how likely are they to recommend us? (0 to 10)").selectOption({ label: "10 · Extremely likely" });
  await item.getByLabel(/^CES:/).selectOption({ label: "6" });
  await item.getByLabel("Is the problem resolved?").selectOption({ label: "Yes" });
  await item.getByLabel("Will they stay a customer?").selectOption({ label: "Yes" });
  await item.getByLabel("Note (optional)").fill("Called back; happy with the replacement.");
  await item.getByRole("button", { name: "Save outcome" }).click();

  // "Saved" only once the write is durable; the item leaves the queue and the badge counts down.
  await expect(page.getByRole("status").filter({ hasText: "Saved:" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: title! })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 2, name: "Due now: 2" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Follow-ups (2 due)" })).toBeVisible();

  await nav.getByRole("link", { name: "Dashboard" }).click();
  await expect(kpi(page, "CSAT")).toContainText("100%");
  await expect(kpi(page, "CSAT")).toContainText("1 answer");
  await expect(kpi(page, "NPS")).toContainText("+100");
  await expect(kpi(page, "CES")).toContainText("6.0");
  await expect(kpi(page, "Retention")).toContainText("100%");

  await page.reload();
  await expect(kpi(page, "CSAT")).toContainText("100%");
  await expect(nav.getByRole("link", { name: "Follow-ups (2 due)" })).toBeVisible();
});

// Issue 11 #1: a link in a ticket could add 100,000 records that counted as real ones.
test("the release build has no seeding address: /dashboard?seed=10 adds nothing", async ({ page }) => {
  await openApp(page, "/dashboard?seed=10&outcomes=none");
  await expect(page.getByText("What the recoveries teach will appear here")).toBeVisible();
  // The removed seeding wrote 10 records within a few milliseconds of loading.
  await page.waitForTimeout(1_500);
  expect(await storedRecords(page)).toBe(0);
  await page.reload();
  await expect(page.getByText("What the recoveries teach will appear here")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Follow-ups", exact: true })).toBeVisible();
});

test("each chart's data table opens and closes with its toggle", async ({ page }) => {
  await seed(page, 40);
  const figure = page.getByRole("figure", { name: "Cost by category" });
  const toggle = figure.getByRole("button", { name: "Show data table" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(figure.getByRole("table")).toHaveCount(0);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const table = figure.getByRole("table", { name: "Cost by category" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Cumulative share of cost" })).toBeVisible();
  await expect(table.getByRole("row").last()).toContainText("100%");
  expect(await table.getByRole("row").count()).toBeGreaterThan(2);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(figure.getByRole("table")).toHaveCount(0);
});

test("the filters narrow the figures", async ({ page }) => {
  await seed(page, 200);
  const selection = page.getByRole("status").filter({ hasText: "Recoveries in this selection" });
  await expect(selection).toHaveText("Recoveries in this selection: 200.");
  await page.getByLabel("Category", { exact: true }).selectOption({ label: "Late delivery" });
  await expect(selection).not.toHaveText("Recoveries in this selection: 200.");
  const figure = page.getByRole("figure", { name: "Cost by category" });
  await figure.getByRole("button", { name: "Show data table" }).click();
  const rows = figure.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2); // header and Late delivery
  await expect(rows.last()).toContainText("Late delivery");

  await page.getByLabel("Category", { exact: true }).selectOption({ label: "All categories" });
  await page.getByLabel("From", { exact: true }).fill("2030-01-01");
  await expect(selection).toHaveText("Recoveries in this selection: 0.");
  await expect(page.getByText("No recoveries in this selection.").first()).toBeVisible();
  await expect(kpi(page, "Mean cost")).toContainText("Not enough data");
});

// Figures from this test go into the closing note of issue #5 (targets: open under 1 s,
// filter under 200 ms). It fails only above generous ceilings, so that a regression shows.
test("100k recoveries: dashboard open and filter change are measured @perf", async ({ page }) => {
  test.setTimeout(600_000);
  const N = 100_000;
  const log = (name: string, ms: number) => console.log(`PERF ${name}=${Math.round(ms)}`);
  const started = Date.now();
  await seed(page, N, { timeout: 420_000 });
  log("seed-100k-ms", Date.now() - started);

  // Seven charts drawn and the key figures showing all 100,000 (written inline in each
  // wait: the page's CSP forbids building functions from strings).
  // 1. A full page load: wasm start, reading 100k records from IndexedDB, summary, charts.
  await page.goto("/dashboard");
  const cold = await page.waitForFunction(
    () =>
      document.querySelectorAll("figure svg[role=img]").length >= 7 &&
      /100\D?000/.test(document.querySelector("[role=group] .kpi-value")?.textContent ?? "")
        ? performance.now()
        : null,
    null,
    { timeout: 120_000, polling: "raf" },
  );
  log("dashboard-load-100k-ms", (await cold.jsonValue()) as number);
  // Of which reading the stored records out of IndexedDB alone (before parsing them):
  const read = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction("records").objectStore("records").getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            open.result.close();
            resolve(performance.now() - t0);
          };
        };
      }),
  );
  log("indexeddb-read-100k-ms", read);

  // 2. Opening the dashboard from the navigation with the log loaded (the app's own cost).
  const nav = page.getByRole("navigation", { name: "Main" });
  await page.getByRole("link", { name: "Amends", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Put it right with the customer");
  await page.evaluate(() => {
    document.addEventListener("click", () => ((window as any).__t0 = performance.now()), { capture: true, once: true });
  });
  await nav.getByRole("link", { name: "Dashboard" }).click();
  const warm = await page.waitForFunction(
    () =>
      document.querySelectorAll("figure svg[role=img]").length >= 7 &&
      /100\D?000/.test(document.querySelector("[role=group] .kpi-value")?.textContent ?? "")
        ? performance.now() - (window as any).__t0
        : null,
    null,
    { timeout: 60_000, polling: "raf" },
  );
  const openMs = (await warm.jsonValue()) as number;
  log("dashboard-open-100k-ms", openMs);

  // 3. Changing a filter: from the input or change event to the key figures updated and
  //    painted; once with a date that keeps nearly every record in play, once a category.
  const timeChange = () =>
    page.evaluate(() => {
      const w = window as any;
      w.__t0 = null;
      w.__t1 = null;
      const region = document.getElementById("kpi-title")!.parentElement!;
      const start = () => {
        if (w.__t0 !== null) return;
        w.__t0 = performance.now();
        const seen = new MutationObserver(() => {
          seen.disconnect();
          requestAnimationFrame(() => (w.__t1 = performance.now()));
        });
        seen.observe(region, { subtree: true, childList: true, characterData: true });
      };
      document.addEventListener("input", start, { capture: true, once: true });
      document.addEventListener("change", start, { capture: true, once: true });
    });
  const changed = async () =>
    (await (
      await page.waitForFunction(() => {
        const w = window as any;
        return w.__t1 === null ? null : w.__t1 - w.__t0;
      }, null, { timeout: 60_000 })
    ).jsonValue()) as number;
  await timeChange();
  await page.getByLabel("To", { exact: true }).fill("2026-10-30");
  const allMs = await changed();
  log("dashboard-filter-date-100k-ms", allMs);
  await expect(kpi(page, "Recoveries")).not.toContainText("100,000");
  await timeChange();
  await page.getByLabel("Category", { exact: true }).selectOption({ label: "Defect" });
  const filterMs = await changed();
  log("dashboard-filter-100k-ms", filterMs);

  // 4. The follow-up queue with tens of thousands due: the first page of items.
  await page.evaluate(() => {
    document.addEventListener("click", () => ((window as any).__t0 = performance.now()), { capture: true, once: true });
  });
  await nav.getByRole("link", { name: /^Follow-ups \([\d,]+ due\)$/ }).click();
  const queue = await page.waitForFunction(
    () => (document.querySelectorAll("article").length >= 25 ? performance.now() - (window as any).__t0 : null),
    null,
    { timeout: 60_000, polling: "raf" },
  );
  log("follow-ups-open-100k-ms", (await queue.jsonValue()) as number);
  await expect(page.getByRole("button", { name: "Show 25 more" })).toBeVisible();

  expect(openMs, "dashboard open with 100k records (target 1000 ms)").toBeLessThan(5_000);
  expect(allMs, "date filter change over 100k records (target 200 ms)").toBeLessThan(5_000);
  expect(filterMs, "filter change with 100k records (target 200 ms)").toBeLessThan(5_000);
});

test("the filtered selection is exported as CSV and JSON Lines, in manager mode only", async ({ page }) => {
  await seed(page, 60);
  const region = page.getByRole("region", { name: "Export this selection" });
  await expect(page.getByText("Exporting records needs manager mode.")).toBeVisible();
  await expect(region).toHaveCount(0);
  await page.getByRole("link", { name: "Open manager mode" }).click();
  await fillSetup(page);
  await expect(page.getByRole("button", { name: "Leave manager mode" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(region).toBeVisible();
  await expect(region).toContainText("The 60 recoveries the filters select");

  await page.getByLabel("Category", { exact: true }).selectOption({ label: "Late delivery" });
  const intro = await region.getByText(/The \d+ recoveries the filters select/).textContent();
  const n = Number(/The (\d+) recoveries/.exec(intro ?? "")![1]);
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(60);
  const [csvFile] = await Promise.all([
    page.waitForEvent("download"),
    region.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  expect(csvFile.suggestedFilename()).toMatch(/^amends-log-\d{4}-\d\d-\d\d\.csv$/);
  const rows = (await readFile(await csvFile.path(), "utf8")).trimEnd().split("\r\n");
  expect(rows).toHaveLength(n + 1);
  for (const row of rows.slice(1)) expect(row).toContain(",late-delivery,");
  await expect(region.getByText(/Download started: amends-log-.*\.csv\./)).toBeVisible();

  const [jsonFile] = await Promise.all([
    page.waitForEvent("download"),
    region.getByRole("button", { name: "Download JSON Lines" }).click(),
  ]);
  const lines = (await readFile(await jsonFile.path(), "utf8")).trimEnd().split("\n").map((l) => JSON.parse(l));
  expect(lines).toHaveLength(n);
  expect(lines.every((r) => r.incident.category === "late-delivery")).toBe(true);
  await expectNoAxeViolations(page);
});
