// The staff's guided recovery end to end: within limit, over limit (approved and declined),
// draft restored after a reload, two tabs logging at once, prefill links, practice mode,
// axe on every step, and the latency of the calculator and of logging under 4x CPU throttling.
import { test, expect, openApp, expectNoAxeViolations, seed, signIn, MANAGER, PIN } from "./fixtures";
import type { Page } from "@playwright/test";
import path from "node:path";

const DOCS = path.resolve(__dirname, "../../docs");

/** Most tests run at tablet size; the layout at other sizes is covered by shell.spec.ts. */
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "tablet-landscape" && !testInfo.title.includes("[all sizes]"),
    "flow tests run at 1024x768");
});

type Incident = { failure: string; category: string; severity: number; loss: string };

async function listen(page: Page, i: Incident) {
  await page.getByRole("radio", { name: i.failure, exact: true }).check();
  await page.getByRole("radio", { name: i.category, exact: true }).check();
  await page.getByRole("radio", { name: `Severity ${i.severity}` }).check();
  await page.getByLabel("Customer's loss").fill(i.loss);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Acknowledge and apologise" })).toBeVisible();
}

async function apologise(page: Page) {
  await page.getByRole("checkbox", { name: "Listened without interrupting" }).check();
  await page.getByRole("checkbox", { name: "Apologised" }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Choose a fair remedy" })).toBeVisible();
}

async function chooseRecommended(page: Page) {
  await page.getByRole("button", { name: "Choose Recommended" }).click();
}

async function logIt(page: Page) {
  await expect(page.getByRole("heading", { name: "Confirm and log" })).toBeVisible();
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByRole("heading", { name: "Logged" })).toBeVisible();
}

const WITHIN: Incident = { failure: "Product", category: "Defect", severity: 3, loss: "40" };
const OVER: Incident = { failure: "Product", category: "Defect", severity: 3, loss: "120" };

test("a within-limit recovery from start to finish, axe clean at every step", async ({ page }) => {
  await signIn(page);
  await expectNoAxeViolations(page);
  await listen(page, WITHIN);
  await expectNoAxeViolations(page);
  await expect(page.getByText(/Open for \d+:\d\d/)).toBeVisible();
  await apologise(page);
  await expect(page.getByRole("heading", { name: /Recommended: \$48\.00/ })).toBeVisible();
  await expect(page.getByText("The item goes back and is replaced: worth the $40.00 paid").first()).toBeVisible();
  await chooseRecommended(page);
  await expect(page.locator("#bundle-decision")).toHaveText("Within your authority");
  await expectNoAxeViolations(page);
  // The README shows the calculator at tablet size, from the top of the step.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(DOCS, "screenshot-remedy.png"), fullPage: false });
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Confirm and log" })).toBeVisible();
  await expect(page.getByLabel("Follow up by")).toHaveValue("in-store");
  await page.getByLabel("Root cause").selectOption("product");
  await expectNoAxeViolations(page);
  await logIt(page);
  // "Logged" says what was given, what it cost, when to follow up and a reference.
  const logged = page.getByRole("region", { name: "Logged" });
  await expect(logged.getByRole("definition").nth(0)).toHaveText(/^[0-9A-F]{8}$/);
  await expect(logged.getByRole("definition").nth(1)).toHaveText(/Replacement or exchange \$40\.00/);
  await expect(logged.getByRole("definition").nth(3)).toHaveText(/ · In store$/);
  await expectNoAxeViolations(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Log", exact: true }).click();
  await expect(page.getByText("Showing 1 of 1 recoveries.")).toBeVisible();
  // The log lists what the customer got, not only the cost.
  await page.getByText(/Defect · Replacement or exchange \$40\.00.* · Costs the business \$29\.60/).click();
  await expect(page.getByRole("definition").filter({ hasText: "Replacement or exchange $40.00 (" })).toBeVisible();
});

test("an over-limit remedy needs someone who may approve, with the manager PIN", async ({ page }) => {
  await signIn(page);
  await listen(page, OVER);
  await apologise(page);
  await page.getByRole("button", { name: "Choose Fair" }).click();
  await expect(page.locator("#bundle-decision")).toHaveText(
    "Needs approval: exceeds your limit per incident by $22.00; Manager can approve");
  await page.getByRole("button", { name: "Next: ask a manager" }).click();
  await expect(page.getByRole("heading", { name: "Manager approval" })).toBeVisible();
  await expect(page.getByText(/^Read this out to the approver: I am Sam\. Defect, a loss of \$120\.00\. .*which costs \$72\.00\. Why it needs approval: .*The reference is [0-9A-Z]{4}-[0-9A-Z]{2}\.$/)).toBeVisible();
  await expectNoAxeViolations(page);
  // The approver comes from the staff list; a wrong PIN counts down, the right one approves.
  await page.getByLabel("Approved by").selectOption(MANAGER);
  await page.getByLabel("Manager PIN").fill("000000");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Wrong PIN. 4 tries left before a lock-out.")).toBeVisible();
  await page.getByLabel("Manager PIN").fill(PIN);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(`Approved by ${MANAGER} with the manager PIN`)).toBeVisible();
  await logIt(page);
});

test("a declined approval returns to the remedy with the reason", async ({ page }) => {
  await signIn(page);
  await listen(page, OVER);
  await apologise(page);
  await page.getByRole("button", { name: "Choose Fair" }).click();
  await page.getByRole("button", { name: "Next: ask a manager" }).click();
  await page.getByRole("button", { name: "Decline" }).click();
  await expect(page.getByText("Say why, so the staff member can choose another remedy.")).toBeVisible();
  await page.getByLabel("Reason for declining").fill("offer store credit instead");
  await page.getByRole("button", { name: "Decline" }).click();
  await expect(page.getByRole("heading", { name: "Choose a fair remedy" })).toBeVisible();
  await expect(page.getByText("The manager declined: offer store credit instead. Choose another remedy.")).toBeVisible();
  // A smaller remedy is within authority: no approval step.
  await page.getByLabel("Value of remedy 1").fill("45");
  await page.getByLabel("Remedy 1", { exact: true }).selectOption({ label: "Store credit" });
  await expect(page.locator("#bundle-decision")).toHaveText("Within your authority");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await logIt(page);
});

test("a reload in the middle offers to resume, and nothing typed is lost", async ({ page }) => {
  await signIn(page);
  await listen(page, WITHIN);
  await page.getByRole("checkbox", { name: "Apologised" }).check();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Resume recovery?" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Resume recovery" }).click();
  await expect(page.getByRole("heading", { name: "Acknowledge and apologise" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Apologised" })).toBeChecked();
  await page.getByRole("button", { name: "1. Listen" }).click();
  await expect(page.getByLabel("Customer's loss")).toHaveValue("40");
  await expect(page.getByRole("radio", { name: "Defect", exact: true })).toBeChecked();
});

test("two tabs logging at once keep both records, and each tab sees the other's", async ({ context }) => {
  const a = await context.newPage();
  await signIn(a);
  const b = await context.newPage();
  await openApp(b, "/log");
  await openApp(b, "/new");
  // Tab b shares the device's staff member; both fill a recovery.
  await expect(b.getByRole("heading", { name: "Listen: what happened?" })).toBeVisible();
  await listen(a, WITHIN);
  await apologise(a);
  await chooseRecommended(a);
  await a.getByRole("button", { name: "Next", exact: true }).click();
  // Both tabs share one draft slot, so tab b starts its own recovery after a is at the last step.
  await b.reload();
  await b.getByRole("button", { name: "Start a new recovery" }).or(b.getByRole("heading", { name: "Listen: what happened?" })).first().waitFor();
  if (await b.getByRole("button", { name: "Start a new recovery" }).isVisible()) {
    // Tab a's draft is offered; b starts its own without touching a's screen.
    await b.getByRole("button", { name: "Start a new recovery" }).click();
  }
  await listen(b, { ...WITHIN, loss: "30" });
  await apologise(b);
  await chooseRecommended(b);
  await b.getByRole("button", { name: "Next", exact: true }).click();
  await Promise.all([
    a.getByRole("button", { name: "Log recovery" }).click(),
    b.getByRole("button", { name: "Log recovery" }).click(),
  ]);
  await expect(a.getByRole("heading", { name: "Logged" })).toBeVisible();
  await expect(b.getByRole("heading", { name: "Logged" })).toBeVisible();
  const log = await context.newPage();
  await openApp(log, "/log");
  await expect(log.getByText("Showing 2 of 2 recoveries.")).toBeVisible();
  // The log tab hears about a third record without a reload.
  await a.getByRole("button", { name: "Start the next recovery" }).click();
  await listen(a, { ...WITHIN, loss: "20" });
  await apologise(a);
  await chooseRecommended(a);
  await a.getByRole("button", { name: "Next", exact: true }).click();
  await logIt(a);
  await expect(log.getByText("Showing 3 of 3 recoveries.")).toBeVisible();
});

test("a helpdesk link prefills the fields and keeps the ticket [all sizes]", async ({ page }) => {
  await signIn(page);
  await page.goto("/new?channel=chat&category=late-delivery&amount=49.90&currency=EUR&customer=Ana&ticket=1234");
  // At 400 px most fields are below the fold: what the link filled in is one line at the top.
  const summary = page.getByText(/^From the link: Ticket 1234 · Ana · Chat · Late delivery · /);
  // On the first screen, without scrolling, at every size.
  await expect(summary).toBeInViewport();
  await page.getByRole("button", { name: "More details" }).click();
  await expect(page.getByRole("radio", { name: "Chat", exact: true })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Late delivery", exact: true })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Delay", exact: true })).toBeChecked();
  await expect(page.getByLabel("Customer's loss")).toHaveValue("49.90");
  await expect(page.getByLabel("Currency")).toHaveValue("EUR");
  await expect(page.getByLabel("Customer's name (optional)")).toHaveValue("Ana");
  await expect(page.getByLabel("Ticket number (optional)")).toHaveValue("1234");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  await page.getByRole("radio", { name: "Severity 2" }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Hi Ana,")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy apology text" })).toBeVisible();
});

test("after Next the new step's heading has the focus, and Start over asks before discarding", async ({ page }) => {
  await signIn(page);
  await listen(page, WITHIN);
  await expect(page.getByRole("heading", { name: "Acknowledge and apologise" })).toBeFocused();
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByRole("heading", { name: "Listen: what happened?" })).toBeFocused();
  await page.getByRole("button", { name: "Start over" }).click();
  const ask = page.getByRole("alertdialog", { name: /Start over\?/ });
  await expect(ask).toBeVisible();
  await expectNoAxeViolations(page);
  await ask.getByRole("button", { name: "Keep working" }).click();
  await expect(page.getByLabel("Customer's loss")).toHaveValue("40");
  await page.getByRole("button", { name: "Start over" }).click();
  await page.getByRole("button", { name: "Discard and start over" }).click();
  await expect(page.getByLabel("Customer's loss")).toHaveValue("");
});

test("a follow-up card shows who to contact when the customer agreed, and the ticket when not", async ({ page }) => {
  await signIn(page);
  for (const [ticket, consent] of [["T-1", true], ["T-2", false]] as const) {
    await page.goto(`/new?ticket=${ticket}&customer=Ana`);
    await listen(page, WITHIN);
    await apologise(page);
    await chooseRecommended(page);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByLabel("Follow up", { exact: true }).selectOption({ label: "Tomorrow" });
    if (consent) {
      await page.getByRole("checkbox", { name: "The customer agrees to be contacted for the follow-up" }).check();
      await page.getByLabel("Email or phone for the follow-up").fill("tomorrow");
      await page.getByRole("button", { name: "Log recovery" }).click();
      await expect(page.getByText("This is neither an email address nor a phone number.")).toBeVisible();
      await page.getByLabel("Email or phone for the follow-up").fill("ana@example.com");
      // A reload keeps the consent and the contact: the link's ticket resumes this recovery.
      await page.reload();
      await expect(page.getByLabel("Email or phone for the follow-up")).toHaveValue("ana@example.com");
    }
    await logIt(page);
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Follow-ups/ }).click();
  await page.getByRole("button", { name: "Show upcoming follow-ups" }).click();
  const agreed = page.getByRole("article").filter({ hasText: "T-1" });
  await expect(agreed.getByRole("definition").filter({ hasText: "ana@example.com" })).toBeVisible();
  await expect(agreed.getByRole("definition").filter({ hasText: /^Ana$/ })).toBeVisible();
  await expect(agreed.getByRole("definition").filter({ hasText: "Replacement or exchange $40.00" })).toBeVisible();
  const declined = page.getByRole("article").filter({ hasText: "T-2" });
  await expect(declined.getByText("The customer did not agree to be contacted here: reply on ticket T-2.")).toBeVisible();
  await expect(declined.getByRole("definition").filter({ hasText: "ana@example.com" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a link for another ticket starts a new recovery; the unfinished one stays listed by ticket and customer [all sizes]", async ({ page }) => {
  await signIn(page);
  await page.goto("/new?ticket=A-1&customer=Ana");
  await page.getByRole("radio", { name: "Defect", exact: true }).check();
  await page.getByLabel("Customer's loss").fill("40");
  // The agent opens the next ticket's link before logging the first.
  await page.goto("/new?ticket=B-2&customer=Bo");
  await expect(page.getByText(/^From the link: Ticket B-2 · Bo/)).toBeVisible();
  await expect(page.getByLabel("Customer's loss")).toHaveValue("");
  await page.getByText("Unfinished recoveries (1)").click();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: /^Resume recovery: Ticket A-1 · Ana · Defect, opened / }).click();
  await expect(page.getByLabel("Customer's loss")).toHaveValue("40");
  await page.getByRole("button", { name: "More details" }).click();
  await expect(page.getByLabel("Ticket number (optional)")).toHaveValue("A-1");
  // A link for a ticket that has an unfinished recovery comes straight back to it, and
  // B-2's stays listed.
  await page.goto("/new?ticket=A-1&customer=Ana");
  await expect(page.getByLabel("Customer's loss")).toHaveValue("40");
  await page.getByText("Unfinished recoveries (1)").click();
  await expect(page.getByRole("button", { name: /^Resume recovery: Ticket B-2 · Bo/ })).toBeVisible();
});

test("logging in one tab keeps the other tab's unfinished recovery", async ({ context }) => {
  const a = await context.newPage();
  await signIn(a);
  await a.goto("/new?ticket=A-1");
  await a.getByRole("radio", { name: "Defect", exact: true }).check();
  await a.getByLabel("Customer's loss").fill("12");
  const b = await context.newPage();
  await b.goto("/new?ticket=B-2");
  await listen(b, WITHIN);
  await apologise(b);
  await chooseRecommended(b);
  await b.getByRole("button", { name: "Next", exact: true }).click();
  await logIt(b);
  // Tab a still holds its link for A-1, so a reload comes straight back to that recovery.
  await a.reload();
  await expect(a.getByLabel("Customer's loss")).toHaveValue("12");
  await a.goto("/new");
  await a.getByRole("button", { name: /^Resume recovery: Ticket A-1/ }).click();
  await expect(a.getByLabel("Customer's loss")).toHaveValue("12");
});

test("every tile's words stay inside its border [all sizes]", async ({ page }) => {
  await signIn(page);
  for (const failure of ["Money", "Product", "Service", "Attention or courtesy", "Delay"]) {
    await page.getByRole("radio", { name: failure, exact: true }).check();
    const spilled = await page.evaluate(() =>
      [...document.querySelectorAll(".tile label")]
        .filter((l) => l.scrollWidth > l.clientWidth + 1)
        .map((l) => l.textContent));
    expect(spilled, `tiles whose text overflows after choosing ${failure}`).toEqual([]);
  }
});

test("bad values in a link become warnings beside their fields, never a crash", async ({ page }) => {
  await signIn(page);
  await page.goto("/new?channel=fax&amount=12,5x&currency=XYZ&category=late-delivery&colour=red");
  await expect(page.getByText('The link\'s value "fax" does not fit here; choose it yourself.')).toBeVisible();
  await expect(page.getByText('The link\'s value "12,5x" does not fit here; choose it yourself.')).toBeVisible();
  await expect(page.getByText('The link\'s value "XYZ" does not fit here; choose it yourself.')).toBeVisible();
  await expect(page.getByText('The link\'s value "colour" does not fit here; choose it yourself.')).toBeVisible();
  await expect(page.getByRole("radio", { name: "Late delivery", exact: true })).toBeChecked();
  await expect(page.getByLabel("Customer's loss")).toHaveValue("");
  await expectNoAxeViolations(page);
});

test("a practice role-play gives the brief, the customer's lines, what good looks like and feedback at the end", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: "Practice mode" }).click();
  await page.getByRole("button", { name: "Scenario: late parcel, chat" }).click();
  const play = page.getByRole("region", { name: "Role-play: Scenario: late parcel, chat" });
  await expect(play.getByText(/^Tom writes in the chat/)).toBeVisible();
  await expect(play.getByText(/I paid for express and got it four days late/)).toBeVisible();
  await expect(play.getByText(/^What good looks like:/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(play.getByText(/this keeps happening/)).toBeVisible();
  await page.getByRole("checkbox", { name: "Listened without interrupting" }).check();
  await page.getByRole("checkbox", { name: "Apologised" }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(play.getByText(/the delivery charge back/)).toBeVisible();
  await chooseRecommended(page);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await logIt(page);
  const how = page.getByRole("region", { name: "How it went" });
  await expect(how.getByText("Checklist: 2 of 5 done.")).toBeVisible();
  await expect(how.getByText(/^Not ticked: .*Took ownership/)).toBeVisible();
  await expect(how.getByText(/^Time taken: \d+:\d\d\.$/)).toBeVisible();
  await expect(how.getByText(/^You gave \$[\d.,]+, inside the research's band of \$[\d.,]+ to \$[\d.,]+\.$/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a within-limit recovery takes 6 taps or fewer plus the amount", async ({ page }) => {
  await signIn(page);
  await page.evaluate(() => {
    const w = window as unknown as { __taps: number };
    w.__taps = 0;
    document.addEventListener("pointerdown", () => { w.__taps += 1; }, true);
  });
  await page.getByRole("radio", { name: "Defect", exact: true }).click(); // the category picks the failure type too
  await page.getByRole("radio", { name: "Severity 2" }).click();
  await page.getByLabel("Customer's loss").fill("40"); // typed, not tapped
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("heading", { name: "Acknowledge and apologise" })).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  // The recommended option is already chosen, within the associate's authority.
  await expect(page.locator("#bundle-decision")).toHaveText("Within your authority");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByRole("heading", { name: "Logged" })).toBeVisible();
  const taps = await page.evaluate(() => (window as unknown as { __taps: number }).__taps);
  console.log(`PERF taps_within_limit=${taps}`);
  expect(taps).toBeLessThanOrEqual(6);
});

test("practice records never count in the budget", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: "Practice mode" }).click();
  await expect(page.getByText("Practice mode: role-play only.")).toBeVisible();
  await listen(page, WITHIN);
  await apologise(page);
  await chooseRecommended(page);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByText("Yes: not counted in budgets or analytics")).toBeVisible();
  await logIt(page);
  await expect(page.getByText("Practice recovery saved.")).toBeVisible();

  await page.getByRole("button", { name: "Start the next recovery" }).click();
  await listen(page, WITHIN);
  await apologise(page);
  await chooseRecommended(page);
  // Only this recovery's $29.60 is used of the $200 shift budget: the practice one is not counted.
  await expect(page.getByRole("meter", { name: "This shift" })).toHaveAccessibleDescription("$170.40 left of $200.00");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await logIt(page);
  await page.getByRole("button", { name: "Start the next recovery" }).click();
  await listen(page, WITHIN);
  await apologise(page);
  await chooseRecommended(page);
  await expect(page.getByRole("meter", { name: "This shift" })).toHaveAccessibleDescription("$140.80 left of $200.00");
});

/**
 * Types into the loss field 20 times under 4x CPU throttling (the remedy step open) and
 * prints the median and worst time from keydown to the options in the DOM and to the next
 * frame. Leaves the throttling on; returns the CDP session and the median to the DOM.
 */
async function measureTyping(page: Page, label: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const loss = page.getByLabel("Customer's loss");
  await loss.click();
  await loss.press("End");
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __dom: number[]; __t0: number };
    w.__lat = [];
    w.__dom = [];
    w.__t0 = 0;
    document.addEventListener("keydown", () => { w.__t0 = performance.now(); }, true);
    // Two figures a keystroke: the new options in the DOM, and the next frame (painted).
    new MutationObserver(() => {
      if (!w.__t0) return;
      const start = w.__t0;
      w.__t0 = 0;
      w.__dom.push(performance.now() - start);
      requestAnimationFrame(() => w.__lat.push(performance.now() - start));
    }).observe(document.getElementById("options")!, { subtree: true, childList: true, characterData: true });
  });
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press(i % 2 === 0 ? "5" : "Backspace");
    await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length > n, i);
  }
  await expect(page.getByRole("heading", { name: /Recommended: \$48\.00/ })).toBeVisible();
  const { lat, dom } = await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __dom: number[] };
    return { lat: w.__lat, dom: w.__dom };
  });
  const stats = (xs: number[]) => {
    const s = [...xs].sort((x, y) => x - y);
    return { median: (s[9] + s[10]) / 2, worst: s[s.length - 1] };
  };
  const { median, worst } = stats(lat);
  const d = stats(dom);
  console.log(`PERF ${label}keystroke-to-recommendation-ms median=${median.toFixed(1)} worst=${worst.toFixed(1)} n=${lat.length} (next frame, 4x CPU throttle)`);
  console.log(`PERF ${label}keystroke-to-dom-ms median=${d.median.toFixed(1)} worst=${d.worst.toFixed(1)} n=${dom.length} (options updated in the DOM, 4x CPU throttle)`);
  expect(lat.length).toBe(20);
  expect(median, "median keystroke latency (ms), target 16").toBeLessThan(100);

  return { cdp, domMedian: d.median };
}

test("latency under 4x CPU throttling: typing a loss to the new recommendation, and logging @perf", async ({ page }) => {
  await signIn(page);
  await listen(page, WITHIN);
  await apologise(page);
  await chooseRecommended(page);
  const { cdp } = await measureTyping(page, "");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Confirm and log" })).toBeVisible();
  const logMs = await page.evaluate(async () => {
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Log recovery")!;
    const start = performance.now();
    button.click();
    while (![...document.querySelectorAll("h2")].some((h) => h.textContent === "Logged")) {
      await new Promise((r) => requestAnimationFrame(r));
    }
    return performance.now() - start;
  });
  console.log(`PERF log-to-logged-ms=${logMs.toFixed(1)} (4x CPU throttle)`);
  expect(logMs).toBeLessThan(2000);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
});

test("the Listen step works with the keyboard alone, with a visible focus", async ({ page }) => {
  await signIn(page);
  // Tab from the page's top reaches the first failure tile.
  await page.getByRole("heading", { name: "Listen: what happened?" }).click();
  let guard = 0;
  while (!(await page.getByRole("radio", { name: "Money", exact: true }).evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press("Tab");
    if (++guard > 40) throw new Error("Tab never reached the first failure tile");
  }
  const outline = await page.evaluate(() => {
    const tile = document.activeElement!.closest(".tile")!;
    return getComputedStyle(tile).outlineStyle;
  });
  expect(outline, "the focused tile shows a focus ring").not.toBe("none");
  await page.keyboard.press("ArrowRight"); // radio groups move with the arrows: Product
  await expect(page.getByRole("radio", { name: "Product", exact: true })).toBeChecked();
  await page.keyboard.press("Tab"); // into the category group
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Defect", exact: true })).toBeChecked();
  await page.keyboard.press("Tab"); // severity
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Severity 3" })).toBeChecked();
  await page.keyboard.press("Tab"); // the loss
  await expect(page.getByLabel("Customer's loss")).toBeFocused();
  await page.keyboard.type("40");
  await page.keyboard.press("Enter"); // submits the step
  await expect(page.getByRole("heading", { name: "Acknowledge and apologise" })).toBeVisible();
});

test("latency with 100k recoveries in the log: typing a loss does not walk the log @perf", async ({ page }) => {
  test.setTimeout(180_000);
  // The budget state is memoised on the log, so a keystroke costs the same with a long log.
  await seed(page, 100_000, { outcomes: false, timeout: 120_000 });
  await signIn(page);
  await listen(page, WITHIN);
  await apologise(page);
  await chooseRecommended(page);
  const { cdp, domMedian } = await measureTyping(page, "100k-");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  // Walking 100k records on each keystroke measured 42 ms here; memoised, about 10 ms.
  expect(domMedian, "median keystroke to DOM (ms) with 100k records").toBeLessThan(25);
});
