// Manager mode end to end: the PIN gate and its lock-out, the policy editor and the staff
// flow obeying it, approval by a one-time code, exports (with formula injection
// neutralised), backup and restore into a fresh browser profile, policy files, JSON Lines
// import, erasing a customer, the idle timeout, and axe on every manager page state.
import { readFile, writeFile } from "node:fs/promises";
import type { Browser, Download, Page } from "@playwright/test";
import { test, expect, openApp, expectNoAxeViolations, enterManager, signIn, fillSetup, PIN, MANAGER, toRemedy, kvGet, kvSet, storedRecords } from "./fixtures";

/** Most tests run at tablet size; the shell at other sizes is covered by shell.spec.ts. */
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "tablet-landscape" && !testInfo.title.includes("[all sizes]"),
    "manager tests run at 1024x768");
});

/** Opens /manager and gets in (setting a new device up first). Leaves the name filled. */
async function openManager(page: Page) {
  await enterManager(page);
  await page.getByLabel("Your name (for the audit)").fill(MANAGER);
}

async function section(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
}

async function savePolicy(page: Page) {
  await section(page, "Policy");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText(/Policy saved\. Changes recorded in the audit: \d+\./)).toBeVisible();
}

/** Logs one within-limit recovery, with an optional learning note and customer reference. */
async function logRecovery(page: Page, opts: { note?: string; reference?: string } = {}) {
  await signIn(page);
  await toRemedy(page, opts.reference);
  await expect(page.locator("#bundle-decision")).toHaveText("Within your authority");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Confirm and log" })).toBeVisible();
  if (opts.note) await page.getByLabel("What should we learn? (optional)").fill(opts.note);
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByRole("heading", { name: "Logged" })).toBeVisible();
}

async function download(page: Page, button: string): Promise<{ d: Download; text: string }> {
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  const text = await readFile(await d.path(), "utf8");
  return { d, text };
}

async function freshPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1024, height: 768 } });
  const errors: string[] = [];
  context.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  context.on("weberror", (e) => errors.push(e.error().message));
  return { context, page: await context.newPage(), errors };
}

test("set the PIN, every section passes axe and fits the screen, leave manager mode [all sizes]", async ({ page }) => {
  test.slow();
  await openApp(page, "/manager");
  await expect(page.getByRole("heading", { name: "Set up this device" })).toBeVisible();
  await expectNoAxeViolations(page);
  // A name is needed, and a PIN of at least 6 digits.
  await page.getByLabel("New manager PIN").fill(PIN);
  await page.getByLabel("Type the PIN again").fill(PIN);
  await page.getByRole("button", { name: "Set PIN" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await page.getByLabel("Your name", { exact: true }).fill(MANAGER);
  await page.getByLabel("New manager PIN").fill("12345");
  await page.getByLabel("Type the PIN again").fill("12345");
  await page.getByRole("button", { name: "Set PIN" }).click();
  await expect(page.getByText("Use at least 6 digits.")).toBeVisible();
  await expectNoAxeViolations(page);
  await fillSetup(page);
  await expect(page.getByText("Manager mode is open.")).toBeVisible();
  for (const name of ["Policy", "Staff", "Approve by phone", "Policy file", "Data", "Privacy", "Audit", "Manager PIN"]) {
    await section(page, name);
    await expect(page.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name, exact: true }))
      .toHaveAttribute("aria-pressed", "true");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow in ${name}`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  }
  // Saving needs a name for the audit.
  await page.getByLabel("Your name (for the audit)").fill("");
  await section(page, "Policy");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Enter your name: changes are recorded under it.")).toBeVisible();
  await expect(page.getByLabel("Your name (for the audit)")).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Leave manager mode" }).click();
  await expect(page.getByRole("heading", { name: "Open manager mode" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save policy" })).toHaveCount(0);
  // A reload does not reopen it either.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Open manager mode" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("five wrong PINs lock the gate, and the lock survives a reload", async ({ page }) => {
  await openManager(page);
  await page.getByRole("button", { name: "Leave manager mode" }).click();
  for (const left of [4, 3, 2, 1]) {
    await page.getByLabel("Manager PIN").fill("000000");
    await page.getByRole("button", { name: "Open manager mode" }).click();
    await expect(page.getByText(`Wrong PIN. ${left} tries left before a lock-out.`)).toBeVisible();
  }
  await page.getByLabel("Manager PIN").fill("000000");
  await page.getByRole("button", { name: "Open manager mode" }).click();
  await expect(page.getByText(/Too many wrong tries\. Try again in (30|29|28) s\./)).toBeVisible();
  await expect(page.getByRole("button", { name: "Open manager mode" })).toBeDisabled();
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByText(/Too many wrong tries\. Try again in \d+ s\./)).toBeVisible();
  await expect(page.getByRole("button", { name: "Open manager mode" })).toBeDisabled();
});

test("manager mode closes after 10 idle minutes; activity keeps it open", async ({ page }) => {
  await page.clock.install();
  await openManager(page);
  await page.clock.fastForward("05:00");
  await page.getByRole("heading", { name: "Policy", level: 2 }).click();
  await page.clock.fastForward("06:00");
  await expect(page.getByRole("button", { name: "Leave manager mode" })).toBeVisible();
  await page.clock.fastForward("05:00");
  await expect(page.getByRole("heading", { name: "Open manager mode" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save policy" })).toHaveCount(0);
});

test("the policy editor keeps Save and the unsaved state in view, with role cards side by side", async ({ page }) => {
  await openManager(page);
  await section(page, "Policy");
  const save = page.getByRole("button", { name: "Save policy" });
  const associate = page.getByRole("group", { name: "Associate", exact: true });
  // Near the top of the long form, Save is still on screen.
  await associate.getByLabel("Limit per incident").fill("75");
  await expect(save).toBeInViewport();
  await expect(page.getByText("You have unsaved changes.")).toBeInViewport();
  // Role cards share a row at 1024 px.
  const a = (await associate.boundingBox())!;
  const b = (await page.getByRole("group", { name: "Supervisor", exact: true }).boundingBox())!;
  expect(Math.abs(a.y - b.y), "two role cards on one row").toBeLessThan(2);
  await save.click();
  await expect(page.getByText(/Policy saved\./)).toBeVisible();
  await expect(page.getByText("No unsaved changes.")).toBeVisible();
});

// Issue 12: the editor is one long page; its sections fold away by their names, and a
// problem in a folded section still leads to its field.
test("policy editor sections collapse and expand by their names, by mouse and keyboard", async ({ page }) => {
  await openManager(page);
  const roles = page.getByRole("group", { name: "Roles and limits", exact: true });
  const associate = page.getByRole("group", { name: "Associate", exact: true });
  await expect(roles).toHaveAttribute("open");
  await roles.getByRole("heading", { name: "Roles and limits" }).click();
  await expect(roles).not.toHaveAttribute("open");
  await expect(associate).toBeHidden();
  await expect(page.getByRole("button", { name: "Save policy" })).toBeVisible();
  await expectNoAxeViolations(page);
  // The summary has the focus: Enter opens the section again.
  await page.keyboard.press("Enter");
  await expect(roles).toHaveAttribute("open");
  await expect(associate.getByLabel("Limit per incident")).toBeVisible();

  // A problem inside a folded section: its link in the list opens the section at the field.
  await associate.getByLabel("Limit per incident").fill("500");
  const settings = page.getByRole("group", { name: "Calculator settings", exact: true });
  await settings.getByRole("heading", { name: "Calculator settings" }).click();
  await roles.getByRole("heading", { name: "Roles and limits" }).click();
  await expect(roles).not.toHaveAttribute("open");
  await page.getByRole("button", { name: "Save policy" }).click();
  await page.getByRole("button", { name: /^Associate: Limit per incident: / }).click();
  await expect(roles).toHaveAttribute("open");
  await expect(associate.getByLabel("Limit per incident")).toBeFocused();
  await expect(settings).not.toHaveAttribute("open");
});

test("an invalid policy is not saved and each error sits beside its field", async ({ page }) => {
  await openManager(page);
  const associate = page.getByRole("group", { name: "Associate", exact: true });
  await associate.getByLabel("Limit per incident").fill("500");
  await page.getByLabel("Fair (% of the loss)").fill("abc");
  await page.getByLabel("Shift length (hours)").fill("30");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByRole("heading", { name: "Nothing was saved. Fix these first (3):" })).toBeVisible();
  await expect(associate.getByText("Must not be more than the limit per shift. Must not be more than the limit per customer.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Fair (% of the loss)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a number, like 20 or 12.5.", { exact: true })).toBeVisible();
  await expect(page.getByText("Must be from 1 to 24.", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  // The list of problems leads to the field.
  await page.getByRole("button", { name: /^Associate: Limit per incident: / }).click();
  await expect(associate.getByLabel("Limit per incident")).toBeFocused();
  await section(page, "Audit");
  // Only the device's setup is recorded: nothing of the refused save.
  await expect(page.getByRole("cell", { name: "Device set up with the policy \u201cConservative retail\u201d" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Limit per incident" })).toHaveCount(0);

  // A preset fills the editor but saves nothing until "Save policy".
  await section(page, "Policy");
  await page.getByRole("button", { name: "Apply Ritz-Carlton style" }).click();
  await expect(associate.getByLabel("Limit per incident")).toHaveValue("2000.00");
  await expect(page.getByText("You have unsaved changes.")).toBeVisible();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText(/Policy saved\. Changes recorded in the audit: \d+\./)).toBeVisible();
  await section(page, "Audit");
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "Associate: Limit per incident $50.00 \u2192 $2,000.00", exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Mo");
  await expect(page.getByRole("table")).not.toContainText("minor");
  await expectNoAxeViolations(page);
});

test("which failures a remedy suits is edited per remedy, and the calculator follows it", async ({ page }) => {
  await signIn(page);
  await toRemedy(page);
  await expect(page.getByText("The item goes back and is replaced: worth the $40.00 paid").first()).toBeVisible();

  await openManager(page);
  const fits = page.getByRole("group", { name: "Suggest replacement or exchange for" });
  for (const kind of ["Money", "Product", "Service", "Attention or courtesy", "Delay"]) {
    await fits.getByRole("checkbox", { name: kind, exact: true }).uncheck();
  }
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(fits.getByText("Pick at least one kind of failure, or stop offering this remedy.")).toBeVisible();
  await expectNoAxeViolations(page);
  await fits.getByRole("checkbox", { name: "Service", exact: true }).check();
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText(/Policy saved\. Changes recorded in the audit: \d+\./)).toBeVisible();

  await signIn(page);
  await toRemedy(page);
  await expect(page.getByText("A full refund is exactly the $40.00 paid").first()).toBeVisible();
  await expect(page.getByText("The item goes back and is replaced: worth the $40.00 paid")).toHaveCount(0);
});

test("a lower limit makes the staff flow ask, and a one-time code approves", async ({ page, context }) => {
  await logRecovery(page);
  await openManager(page);
  const associate = page.getByRole("group", { name: "Associate", exact: true });
  await associate.getByLabel("Limit per incident").fill("20");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Policy saved. Changes recorded in the audit: 1.")).toBeVisible();

  // The same remedy that was within authority now needs approval.
  await signIn(page);
  await toRemedy(page);
  await expect(page.locator("#bundle-decision")).toHaveText(
    "Needs approval: exceeds your limit per incident by $9.60; Manager can approve");
  await page.getByRole("button", { name: "Next: ask a manager" }).click();
  const said = await page.getByText(/^Read this out to the approver:/).textContent();
  const [, staff, what, cost, why, reference] = said!.match(
    /^Read this out to the approver: I am (\w+)\. (.+), a loss of .* which costs (\$[\d.,]+)\. Why it needs approval: (.+)\. The reference is ([0-9A-Z]{4}-[0-9A-Z]{2})\.$/)!;
  expect(what).toBe("Defect");

  // The manager, elsewhere, makes a code for that reference and cost.
  const manager = await context.newPage();
  await openManager(manager);
  await section(manager, "Approve by phone");
  await manager.getByLabel("Reference", { exact: true }).fill(reference.toLowerCase().replace("-", " "));
  await manager.getByLabel("Cost to the business", { exact: true }).fill(cost);
  await manager.getByLabel("Who is asking").selectOption(staff);
  await manager.getByLabel("What happened").selectOption({ label: what });
  await manager.getByLabel("Why it needs approval").fill(why);
  // Nothing is made until the approver has seen who asks, for what, how much and why.
  await manager.getByRole("button", { name: "Check before approving" }).click();
  const review = manager.getByRole("region", { name: "Check before you approve" });
  await expect(review).toContainText(`${staff} asks to give ${cost} for: Defect. Why: ${why}. Reference ${reference}.`);
  await expect(manager.getByText("Approval code for")).toHaveCount(0);
  await expectNoAxeViolations(manager);
  // Changing anything after the check takes it back: no code for what was not seen.
  await manager.getByLabel("Cost to the business", { exact: true }).fill("$999.00");
  await expect(review).toHaveCount(0);
  await manager.getByLabel("Cost to the business", { exact: true }).fill(cost);
  await manager.getByRole("button", { name: "Check before approving" }).click();
  await review.getByRole("button", { name: "Make approval code" }).click();
  const result = manager.getByRole("status").filter({ hasText: "Approval code for" });
  await expect(result).toContainText(`Approval code for ${reference}, cost ${cost}:`);
  await expect(result).toContainText("expires in about 20 minutes and works only once");
  const code = (await result.textContent())!.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
  await expectNoAxeViolations(manager);

  await page.getByLabel("Approved by").selectOption(MANAGER);
  await page.getByLabel("Approval code").fill(code);
  await page.getByRole("button", { name: "Check code" }).click();
  await expect(page.getByRole("heading", { name: "Confirm and log" })).toBeVisible();
  await expect(page.getByText("Approved by Mo with a one-time code")).toBeVisible();
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByRole("heading", { name: "Logged" })).toBeVisible();
});

test("CSV and JSON Lines exports: practice left out by default, formulas neutralised", async ({ page }) => {
  await logRecovery(page, { note: "=cmd|' /C calc'!A0" });
  // A practice recovery, which the export leaves out unless asked.
  await page.getByRole("button", { name: "Start the next recovery" }).click();
  await page.getByRole("button", { name: "Practice mode" }).click();
  await toRemedy(page);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByText("Practice recovery saved.")).toBeVisible();

  await openManager(page);
  await section(page, "Data");
  await expect(page.getByText("Recoveries to export: 1.")).toBeVisible();
  const { d, text: csv } = await download(page, "Export CSV");
  expect(d.suggestedFilename()).toMatch(/^amends-log-\d{4}-\d\d-\d\d\.csv$/);
  expect(csv.startsWith("\ufeffid,store,opened,opened_local,resolved,staff,role,practice,")).toBe(true);
  const rows = csv.trimEnd().split("\r\n");
  expect(rows).toHaveLength(2);
  expect(csv).toContain(",'=cmd|' /C calc'!A0,");
  expect(csv).not.toMatch(/,=cmd/);
  expect(rows[1]).toContain(",Sam,associate,false,");
  await expect(page.getByText(/Download started: amends-log-.*\.csv\./)).toBeVisible();

  await page.getByRole("checkbox", { name: "Include practice recoveries" }).check();
  await expect(page.getByText("Recoveries to export: 2.")).toBeVisible();
  const { text: jsonl } = await download(page, "Export JSON Lines");
  const lines = jsonl.trimEnd().split("\n").map((l) => JSON.parse(l));
  expect(lines).toHaveLength(2);
  expect(lines.filter((r) => r.practice)).toHaveLength(1);
  expect(lines.find((r) => !r.practice).note).toBe("=cmd|' /C calc'!A0");
  await expectNoAxeViolations(page);
});

/** Writes a record as a newer version of Amends would store it, straight into IndexedDB. */
async function writeNewerRecord(page: Page, id: string, json: string) {
  await page.evaluate(
    ([id, json]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("records", "readwrite");
          tx.objectStore("records").put({ id, json });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [id, json] as const,
  );
}

test.describe("CSV for spreadsheets", () => {
  test.use({ timezoneId: "Asia/Kolkata" });

  test("the store, a local date-time beside UTC, remedies in words, no formula behind a full-width sign", async ({ page }) => {
    await logRecovery(page, { note: " \uff1d1+1" });
    await openManager(page);
    await section(page, "Policy");
    await page.getByLabel("Store name").fill("Main St");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByText(/Policy saved\./)).toBeVisible();
    expect(JSON.parse((await kvGet(page, "policy"))!).store).toBe("Main St");
    await section(page, "Data");
    const { text: csv } = await download(page, "Export CSV");
    const [head, row, ...rest] = csv.replace(/^\ufeff/, "").trimEnd().split("\r\n");
    expect(rest).toEqual([]);
    expect(row).not.toContain('"');
    const names = head.split(",");
    const cells = row.split(",");
    expect(cells).toHaveLength(names.length);
    const cell = (name: string) => cells[names.indexOf(name)];
    expect(cell("store")).toBe("Main St");
    // India is UTC+5:30 all year: the local column is the UTC instant moved by 330 minutes.
    const utc = Date.parse(cell("opened"));
    const local = new Date(utc + 330 * 60_000).toISOString().slice(0, 16).replace("T", " ");
    expect(cell("opened_local")).toBe(local);
    expect(cell("opened_local")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    // Remedies as words, amounts per kind in their own columns (slugs in the header).
    expect(cell("remedies")).not.toMatch(/[a-z]+-[a-z]+:\d/);
    expect(cell("remedies")).toMatch(/^[A-Z][a-z].* \d+\.\d\d/);
    const perKind = names.filter((n) => n.startsWith("face_")).map((n) => cell(n)).filter((v) => v !== "");
    expect(perKind.length).toBeGreaterThan(0);
    expect(names).toContain("cost_store-credit");
    // A full-width equals sign starts a formula once normalised: the cell is text (the
    // note is stored trimmed, so the space in front is covered by the domain's tests).
    expect(cell("note")).toBe("'\uff1d1+1");
  });
});

test("a record of a newer version: counted as left out of exports, kept as stored in backups and restores", async ({ page, browser, baseURL }) => {
  await logRecovery(page);
  const raw = JSON.stringify({ schema: 99, id: "from-a-newer-version", opened_ms: 1, what: "a field we do not know" });
  await writeNewerRecord(page, "from-a-newer-version", raw);
  await openManager(page);
  await section(page, "Data");
  const { text: csv } = await download(page, "Export CSV");
  expect(csv.trimEnd().split("\r\n")).toHaveLength(2);
  await expect(page.getByText("1 stored record cannot be read by this version of Amends and is not in the file; it stays on this device and in backups.")).toBeVisible();
  const { d, text } = await download(page, "Download backup");
  const backup = JSON.parse(text);
  expect(backup.records).toHaveLength(1);
  expect(backup.unreadable).toEqual([{ id: "from-a-newer-version", json: raw }]);

  const fresh = await freshPage(browser, baseURL);
  await openManager(fresh.page);
  await section(fresh.page, "Data");
  await fresh.page.getByLabel("Backup file to restore").setInputFiles(await d.path());
  await expect(fresh.page.getByText("Recoveries this version cannot read: 1 to restore as they are, 0 already here.")).toBeVisible();
  await fresh.page.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(fresh.page.getByText(/^Restored\. Recoveries added: 2;/)).toBeVisible();
  expect(await storedRecords(fresh.page)).toBe(2);
  const kept = await fresh.page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open("amends");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction("records").objectStore("records").get("from-a-newer-version");
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result.json);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
  expect(kept).toBe(raw);
  await openApp(fresh.page, "/log");
  await expect(fresh.page.getByText("1 stored entry could not be read; it was left untouched.")).toBeVisible();
  expect(fresh.errors).toEqual([]);
  await fresh.context.close();
});

test("an import of records past the retention period says so before anything is written", async ({ page }, testInfo) => {
  await logRecovery(page);
  await openManager(page);
  await section(page, "Data");
  const { text } = await download(page, "Export JSON Lines");
  const record = JSON.parse(text.trim().split("\n")[0]);
  // The conservative preset keeps 24 months: a record from three years ago is past it.
  const old = { ...record, id: "three-years-old", opened_ms: record.opened_ms - 3 * 365 * 86_400_000, resolved_ms: record.resolved_ms - 3 * 365 * 86_400_000 };
  if (old.follow_up) old.follow_up.due_ms -= 3 * 365 * 86_400_000;
  const file = testInfo.outputPath("old.jsonl");
  await writeFile(file, JSON.stringify(old) + "\n");
  const before = await storedRecords(page);
  await page.getByLabel("JSON Lines file to import").setInputFiles(file);
  await expect(page.getByText("1 of these recoveries is older than the retention period (24 months): retention removes it again when Amends next starts or manager mode opens.")).toBeVisible();
  expect(await storedRecords(page)).toBe(before);
  await expectNoAxeViolations(page);
});

test("backup, then restore into a fresh browser profile with the same records and policy", async ({ page, browser, baseURL }) => {
  await logRecovery(page);
  await page.getByRole("button", { name: "Start the next recovery" }).click();
  await toRemedy(page);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByRole("heading", { name: "Logged" })).toBeVisible();
  await openManager(page);
  await page.getByRole("group", { name: "Associate", exact: true }).getByLabel("Limit per incident").fill("35");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Policy saved. Changes recorded in the audit: 1.")).toBeVisible();
  await section(page, "Data");
  const { d, text } = await download(page, "Download backup");
  expect(d.suggestedFilename()).toMatch(/^amends-backup-\d{4}-\d\d-\d\d\.json$/);
  const backup = JSON.parse(text);
  expect(backup.records).toHaveLength(2);
  const backupPath = await d.path();
  await openApp(page, "/log");
  const shown = await page.getByText(/^Showing \d+ of \d+ recoveries\.$/).textContent();

  const fresh = await freshPage(browser, baseURL);
  await openManager(fresh.page);
  await section(fresh.page, "Data");
  await fresh.page.getByLabel("Backup file to restore").setInputFiles(backupPath);
  await expect(fresh.page.getByText("Recoveries: 2 to add, 0 already here.")).toBeVisible();
  await expect(fresh.page.getByText("Staff: 1 to add, 1 already here.")).toBeVisible();
  await expect(fresh.page.getByRole("checkbox", { name: "Replace this device's policy with the backup's" })).toBeChecked();
  await expectNoAxeViolations(fresh.page);
  await fresh.page.getByRole("button", { name: "Restore", exact: true }).click();
  await expect(fresh.page.getByText(/^Restored\. Recoveries added: 2; already here: 0\. Staff added: 1\..*The backup's policy is now in use\.$/)).toBeVisible();
  // The same file again adds nothing: merged by id.
  await fresh.page.getByLabel("Backup file to restore").setInputFiles(backupPath);
  await expect(fresh.page.getByText("Recoveries: 0 to add, 2 already here.")).toBeVisible();
  await expect(fresh.page.getByText("Nothing to restore: everything in this backup is already here.")).toBeVisible();
  await expect(fresh.page.getByRole("button", { name: "Restore", exact: true })).toBeDisabled();
  await section(fresh.page, "Policy");
  await expect(fresh.page.getByRole("group", { name: "Associate", exact: true }).getByLabel("Limit per incident")).toHaveValue("35.00");
  await openApp(fresh.page, "/log");
  await expect(fresh.page.getByText(shown!, { exact: true })).toBeVisible();
  expect(fresh.errors).toEqual([]);
  await fresh.context.close();

  // A file that is not a backup changes nothing.
  await openManager(page);
  await section(page, "Data");
  await page.getByLabel("Backup file to restore").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from("{\"nope\":1}") });
  await expect(page.getByText("This file is not an Amends backup.")).toBeVisible();
});

test("policy file: export, then import a changed one with a table of what changes", async ({ page }, testInfo) => {
  await openManager(page);
  await savePolicy(page);
  await section(page, "Policy file");
  const { text } = await download(page, "Export policy");
  const policy = JSON.parse(text);
  expect(policy.approval_key).toMatch(/^[0-9a-f]{64}$/);
  policy.roles[0].per_incident.minor = 1500;
  policy.name = "Shop policy";
  const changed = testInfo.outputPath("policy.json");
  await writeFile(changed, JSON.stringify(policy));
  await page.getByLabel("Policy file to import").setInputFiles(changed);
  const table = page.getByRole("table", { name: "Settings that change (2)" });
  // Worded as the editor names it, amounts as money: not `roles[0].per_incident.minor 5000`.
  const limit = table.getByRole("row").filter({ has: page.getByRole("cell", { name: "Associate: Limit per incident", exact: true }) });
  await expect(limit.getByRole("cell", { name: "$50.00", exact: true })).toBeVisible();
  await expect(limit.getByRole("cell", { name: "$15.00", exact: true })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "name" }).first()).toContainText("Shop policy");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(table).toHaveCount(0);
  await page.getByLabel("Policy file to import").setInputFiles(changed);
  await page.getByRole("button", { name: "Apply imported policy" }).click();
  await expect(page.getByText("Imported policy saved. Changes recorded in the audit: 2.")).toBeVisible();
  await section(page, "Policy");
  await expect(page.getByRole("group", { name: "Associate", exact: true }).getByLabel("Limit per incident")).toHaveValue("15.00");

  // An invalid file is refused, naming the field and the rule; nothing changes.
  await section(page, "Policy file");
  policy.roles[0].per_incident.minor = 99_999_999;
  await writeFile(changed, JSON.stringify(policy));
  await page.getByLabel("Policy file to import").setInputFiles(changed);
  await expect(page.getByText(/This policy file has a problem at "Role 1: Limit per incident": Must not be more than the limit per shift\. Nothing was changed\./)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("JSON Lines import: all or nothing, line numbers for what is wrong", async ({ page, browser, baseURL }, testInfo) => {
  await logRecovery(page);
  await openManager(page);
  await section(page, "Data");
  const { text } = await download(page, "Export JSON Lines");
  const good = testInfo.outputPath("good.jsonl");
  await writeFile(good, text);
  const bad = testInfo.outputPath("bad.jsonl");
  await writeFile(bad, text + "not json\n{\"schema\":1}\n");

  const fresh = await freshPage(browser, baseURL);
  await openManager(fresh.page);
  await section(fresh.page, "Data");
  await fresh.page.getByLabel("JSON Lines file to import").setInputFiles(bad);
  await expect(fresh.page.getByText("Nothing was imported. Lines with problems: 2.")).toBeVisible();
  await expect(fresh.page.getByText(/^Line 2: /)).toBeVisible();
  await expect(fresh.page.getByText(/^Line 3: /)).toBeVisible();
  await expectNoAxeViolations(fresh.page);
  await fresh.page.getByLabel("JSON Lines file to import").setInputFiles(good);
  await expect(fresh.page.getByText("New recoveries: 1. Already here: 0.", { exact: false })).toBeVisible();
  await fresh.page.getByRole("button", { name: "Import new recoveries (1)" }).click();
  await expect(fresh.page.getByText("Recoveries imported: 1.")).toBeVisible();
  await fresh.page.getByLabel("JSON Lines file to import").setInputFiles(good);
  await expect(fresh.page.getByText("New recoveries: 0. Already here: 1.", { exact: false })).toBeVisible();
  expect(fresh.errors).toEqual([]);
  await fresh.context.close();
});

// Issue 12: the audit showed `roles[0].per_incident.minor 5000 -> 7500`; entries are typed
// events worded by the catalogue. An entry stored by an earlier version still shows.
test("the audit reads a limit change as money for the role; an older entry still shows", async ({ page }) => {
  await openManager(page);
  // An entry as earlier versions stored it (strings, no schema), under its own key.
  await kvSet(page, "audit/000000000000001/legacy0000",
    JSON.stringify({ at_ms: 1, who: "Ola", field: "retention", old: "3 records", new: "removed (older than 24 months)" }));
  const associate = page.getByRole("group", { name: "Associate", exact: true });
  await associate.getByLabel("Limit per incident").fill("75");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Policy saved. Changes recorded in the audit: 1.")).toBeVisible();
  await enterManager(page); // a fresh load: the entries are read back from storage
  await section(page, "Audit");
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "Associate: Limit per incident $50.00 \u2192 $75.00", exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell", { name: MANAGER, exact: true })).toBeVisible();
  await expect(page.getByRole("table")).not.toContainText("per_incident");
  await expect(page.getByRole("table")).not.toContainText("7500");
  await expect(page.getByRole("cell", { name: "retention: 3 records \u2192 removed (older than 24 months) (recorded by an earlier version)" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("erase one customer's recoveries by their reference, with confirmation and an audit entry", async ({ page }) => {
  // The policy is saved first: it holds the salt that makes references findable.
  await openManager(page);
  await savePolicy(page);
  await logRecovery(page, { reference: "ana@example.com" });
  await page.getByRole("button", { name: "Start the next recovery" }).click();
  await toRemedy(page, "bo@example.com");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByRole("button", { name: "Log recovery" }).click();
  await expect(page.getByRole("heading", { name: "Logged" })).toBeVisible();

  await openManager(page);
  await section(page, "Privacy");
  await page.getByLabel("Customer reference").fill(" Ana@Example.com ");
  await page.getByRole("button", { name: "Find their recoveries" }).click();
  await expect(page.getByRole("heading", { name: "1 recovery belongs to this customer" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Erase 1 record" })).toHaveCount(0);
  await page.getByRole("button", { name: "Find their recoveries" }).click();
  await page.getByRole("button", { name: "Erase 1 record" }).click();
  await expect(page.getByText("Erased 1 record.")).toBeVisible();
  await page.getByLabel("Customer reference").fill("ana@example.com");
  await page.getByRole("button", { name: "Find their recoveries" }).click();
  await expect(page.getByText("No recoveries of this customer are on this device.")).toBeVisible();
  await section(page, "Audit");
  await expect(page.getByRole("cell", { name: "One customer's recoveries erased: 1" })).toBeVisible();
  await expect(page.getByRole("table")).not.toContainText("ana@");
  await openApp(page, "/log");
  await expect(page.getByText("Showing 1 of 1 recoveries.")).toBeVisible();
});

test("staff roles are changed and removed in manager mode, each audited", async ({ page }) => {
  await logRecovery(page);
  await openManager(page);
  await section(page, "Staff");
  await expect(page.getByLabel("Role of Sam")).toHaveValue("associate");
  await page.getByLabel("Role of Sam").selectOption({ label: "Supervisor" });
  await expect(page.getByText("The role of Sam was changed.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Remove Sam" }).click();
  await expect(page.getByText("Sam was removed from this device.")).toBeVisible();
  await expect(page.getByLabel("Role of Sam")).toHaveCount(0);
  await expect(page.getByLabel(`Role of ${MANAGER}`)).toHaveValue("manager");
  await section(page, "Audit");
  await expect(page.getByRole("cell", { name: "Role of Sam: Associate \u2192 Supervisor" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Sam removed from this device (was Supervisor)" })).toBeVisible();
});

test("change the manager PIN: the old one first, then the new one opens manager mode", async ({ page }) => {
  await openManager(page);
  await section(page, "Manager PIN");
  await page.getByRole("textbox", { name: "Manager PIN", exact: true }).fill("111111");
  await page.getByRole("button", { name: "Check current PIN" }).click();
  await expect(page.getByText("Wrong PIN. 4 tries left before a lock-out.")).toBeVisible();
  await page.getByRole("textbox", { name: "Manager PIN", exact: true }).fill(PIN);
  await page.getByRole("button", { name: "Check current PIN" }).click();
  await page.getByLabel("New manager PIN").fill("135791");
  await page.getByLabel("Type the PIN again").fill("135791");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Set PIN" }).click();
  await expect(page.getByText("The manager PIN was changed.")).toBeVisible();
  await page.getByRole("button", { name: "Leave manager mode" }).click();
  await page.getByRole("textbox", { name: "Manager PIN", exact: true }).fill(PIN);
  await page.getByRole("button", { name: "Open manager mode" }).click();
  await expect(page.getByText("Wrong PIN. 4 tries left before a lock-out.")).toBeVisible();
  await page.getByRole("textbox", { name: "Manager PIN", exact: true }).fill("135791");
  await page.getByRole("button", { name: "Open manager mode" }).click();
  await expect(page.getByRole("button", { name: "Leave manager mode" })).toBeVisible();
});
