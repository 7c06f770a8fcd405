// Issue 11 #12: the log and the follow-up queue with 100,000 recoveries, at 4x CPU throttle.
// Targets: open under 300 ms, a filter change under 200 ms (printed as `PERF name=value`, each
// the median of three; asserted at twice the target, see below).
// Both lists draw a page at a time (50 log entries, 25 follow-ups) over a memoised filter or a
// shared queue; log entries format their details when opened.
import { test, expect, seed } from "./fixtures";
import type { Page } from "@playwright/test";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "tablet-landscape", "measured at 1024x768");
});

const log = (name: string, ms: number) => console.log(`PERF ${name}=${Math.round(ms)}`);

/** Milliseconds from the next click to the first frame where `ready` (inlined per call: CSP). */
async function clickToFrame(page: Page, click: () => Promise<void>, selector: string, min: number) {
  await page.evaluate(() => {
    document.addEventListener("click", () => ((window as any).__t0 = performance.now()), { capture: true, once: true });
  });
  await click();
  const done = await page.waitForFunction(
    ([selector, min]) =>
      document.querySelectorAll(selector as string).length >= (min as number)
        ? performance.now() - (window as any).__t0
        : null,
    [selector, min] as const,
    { timeout: 60_000, polling: "raf" },
  );
  return (await done.jsonValue()) as number;
}

/** Milliseconds from the next input/change event to the frame after `list` changed. */
async function changeToFrame(page: Page, change: () => Promise<void>, list: string) {
  await page.evaluate((list) => {
    const w = window as any;
    w.__t0 = null;
    w.__t1 = null;
    const target = document.querySelector(list)!;
    const start = () => {
      if (w.__t0 !== null) return;
      w.__t0 = performance.now();
      const seen = new MutationObserver(() => {
        seen.disconnect();
        requestAnimationFrame(() => (w.__t1 = performance.now()));
      });
      seen.observe(target, { subtree: true, childList: true, characterData: true });
    };
    document.addEventListener("input", start, { capture: true, once: true });
    document.addEventListener("change", start, { capture: true, once: true });
  }, list);
  await change();
  const done = await page.waitForFunction(() => {
    const w = window as any;
    return w.__t1 === null ? null : w.__t1 - w.__t0;
  }, null, { timeout: 60_000 });
  return (await done.jsonValue()) as number;
}

test("100k recoveries: /log and /follow-ups open under 300 ms and filter under 200 ms at 4x CPU throttle @perf", async ({ page }) => {
  test.setTimeout(600_000);
  await seed(page, 100_000, { outcomes: false, timeout: 420_000 });
  const nav = page.getByRole("navigation", { name: "Main" });
  await page.getByRole("link", { name: "Amends", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Put it right with the customer");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

  // Each figure is the median of three, so that one slow frame on a shared machine does not decide.
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const toManager = () => clickToFrame(page, () => nav.getByRole("link", { name: "Manager" }).click(), ".manager-gate", 1);
  const category = page.getByLabel("Category", { exact: true });
  const pick = (label: string) => () => category.selectOption({ label }).then(() => {});
  const floor: number[] = [];
  const opens: number[] = [];
  const filters: number[] = [];
  const backs: number[] = [];
  for (const label of ["Defect", "Late delivery", "Damaged"]) {
    // The floor: navigating to a page with almost nothing on it (manager mode's PIN gate).
    floor.push(await toManager());
    opens.push(await clickToFrame(page, () => nav.getByRole("link", { name: "Log", exact: true }).click(), ".log-list > li", 50));
    await expect(page.getByRole("status").filter({ hasText: /Showing 100,000 of 100,000 recoveries/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Show 50 more" })).toBeVisible();
    filters.push(await changeToFrame(page, pick(label), ".log-list"));
    await expect(page.getByRole("status").filter({ hasText: /of 100,000 recoveries/ })).not.toContainText("Showing 100,000");
    backs.push(await changeToFrame(page, pick("All categories"), ".log-list"));
  }
  // An end date moves the newest entries out, so the drawn page changes.
  const dateLog = await changeToFrame(page, () => page.getByLabel("To", { exact: true }).fill("2026-06-01"), ".log-list");
  const queues: number[] = [];
  for (let i = 0; i < 3; i++) {
    await toManager();
    queues.push(await clickToFrame(page, () => nav.getByRole("link", { name: /^Follow-ups \([\d,]+ due\)$/ }).click(), "article", 25));
  }
  const upcoming = page.getByRole("button", { name: "Show 25 more" });
  await expect(upcoming).toBeVisible();
  const moreQueue = await clickToFrame(page, () => upcoming.click(), "article", 50);
  log("nav-to-small-page-100k-4x-ms", median(floor));
  log("log-open-100k-4x-ms", median(opens));
  log("log-filter-100k-4x-ms", median(filters));
  log("log-filter-back-to-all-100k-4x-ms", median(backs));
  log("log-filter-date-100k-4x-ms", dateLog);
  log("follow-ups-open-100k-4x-ms", median(queues));
  log("follow-ups-show-more-100k-4x-ms", moreQueue);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });

  // The targets are the (open 300 ms, filter 200 ms); the assertions allow twice that,
  // because on a shared 2-core machine the same build measured 42 ms and 215 ms for the same
  // filter change in two runs (the PERF lines say which). Rendering every record took 13-19 s.
  expect(median(opens), "log open, 100k records, 4x throttle (target 300 ms)").toBeLessThan(600);
  expect(median(filters), "log category filter, 100k records, 4x throttle (target 200 ms)").toBeLessThan(400);
  expect(median(backs), "log back to all, 100k records, 4x throttle (target 200 ms)").toBeLessThan(400);
  expect(dateLog, "log date filter, 100k records, 4x throttle (target 200 ms)").toBeLessThan(400);
  expect(median(queues), "follow-ups open, 100k records, 4x throttle (target 300 ms)").toBeLessThan(600);
});
