// Issue 11 #8, #9 and the versioned staff and PIN writes: what two tabs (two pages in one
// context) or a full storage did to the lock-out, the staff list and the manager PIN.
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect, openApp, kvGet, enterManager, signIn, MANAGER, PIN } from "./fixtures";

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "tablet-landscape", "tab tests run at 1024x768");
});

const WRONG = "111111";

/** The manager gate of a device already set up, in a tab of its own. */
async function gate(page: Page) {
  await openApp(page, "/manager");
  await expect(page.getByRole("heading", { name: "Open manager mode" })).toBeVisible();
}

async function tryPin(page: Page, pin: string) {
  await page.getByLabel("Manager PIN").fill(pin);
  await page.getByRole("button", { name: "Open manager mode" }).click();
}

/** A tab that hears nothing from the others (its news arrives late, or never). */
async function deafTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    // @ts-expect-error: the app then opens no BroadcastChannel in this tab.
    window.BroadcastChannel = undefined;
  });
  return page;
}

const storedLock = async (page: Page) => JSON.parse((await kvGet(page, "pin.lock")) ?? "{}");

// #8: tabs opened before a lock-out had fresh tries and overwrote the stored lock.
test("#8 a tab opened before a lock-out is locked too, and the wait doubles across tabs", async ({ page, context }) => {
  await context.clock.install();
  await enterManager(page);
  const other = await context.newPage();
  await gate(other);
  await gate(page);
  for (let left = 4; left >= 1; left--) {
    await tryPin(page, WRONG);
    await expect(page.getByText(`Wrong PIN. ${left} tries left before a lock-out.`)).toBeVisible();
  }
  await tryPin(page, WRONG);
  await expect(page.getByText("Too many wrong tries. Try again in 30 s.")).toBeVisible();

  // The other tab, opened before the lock-out, gets no fresh tries.
  await tryPin(other, WRONG);
  await expect(other.getByText(/Too many wrong tries\. Try again in (30|29|28) s\./)).toBeVisible();
  expect(await storedLock(page)).toMatchObject({ failures: 5 });

  // Once the wait is over, the next wrong PIN in either tab doubles it.
  await context.clock.fastForward(31_000);
  await expect(other.getByLabel("Manager PIN")).toBeEnabled();
  await tryPin(other, WRONG);
  await expect(other.getByText("Too many wrong tries. Try again in 1 min 0 s.")).toBeVisible();
  expect(await storedLock(page)).toMatchObject({ failures: 6 });
});

// #9: with storage full, wrong PINs were not counted and the right one did not open manager mode.
test("#9 with storage full the PIN works from memory, wrong tries are counted, and the manager is told what to do", async ({ page, context }) => {
  await enterManager(page);
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
      if (this.name === "kv") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
  await gate(page);
  const full = page.getByRole("alert").filter({ hasText: "Storage on this device is full" });
  await tryPin(page, WRONG);
  await expect(page.getByText("Wrong PIN. 4 tries left before a lock-out.")).toBeVisible();
  await expect(full).toBeVisible();
  await tryPin(page, WRONG);
  await expect(page.getByText("Wrong PIN. 3 tries left before a lock-out.")).toBeVisible();
  expect(await storedLock(page), "nothing could be stored").toMatchObject({ failures: 0 });

  await tryPin(page, PIN);
  await expect(page.getByRole("button", { name: "Leave manager mode" })).toBeVisible();
  await expect(full).toContainText("Download a backup");
});

// Staff list writes were last-writer-wins: a stale tab reverted another tab's role change.
test("a staff change made from a list another tab has since changed is refused, and both changes survive", async ({ page, context }) => {
  await signIn(page, "Ann");
  await signIn(page, "Sam");
  await enterManager(page);
  const stale = await deafTab(context);
  await enterManager(stale);
  for (const p of [page, stale]) {
    await p.getByLabel("Your name (for the audit)").fill(MANAGER);
    await p.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name: "Staff", exact: true }).click();
  }
  await page.getByLabel("Role of Sam").selectOption({ label: "Supervisor" });
  await expect(page.getByText("The role of Sam was changed.")).toBeVisible();

  await stale.getByLabel("Role of Ann").selectOption({ label: "Supervisor" });
  await expect(stale.getByText(/Not saved: this was changed in another tab/)).toBeVisible();
  const roles = async () =>
    Object.fromEntries(JSON.parse((await kvGet(page, "staff.list")) ?? "[]").map((m: { name: string; role: string }) => [m.name, m.role]));
  expect(await roles()).toMatchObject({ Sam: "supervisor", Ann: "associate" });
  // The refusing tab now shows the stored list; the change made again is saved beside the other.
  await expect(stale.getByLabel("Role of Sam")).toHaveValue("supervisor");
  await stale.getByLabel("Role of Ann").selectOption({ label: "Supervisor" });
  await expect(stale.getByText("The role of Ann was changed.")).toBeVisible();
  expect(await roles()).toMatchObject({ Sam: "supervisor", Ann: "supervisor" });
});

// The PIN was last-writer-wins too: a tab that checked the old PIN could overwrite a new one.
test("a PIN change started before another tab changed the PIN is refused, and the new PIN stays", async ({ page, context }) => {
  await enterManager(page);
  const stale = await deafTab(context);
  await enterManager(stale);
  const section = (p: Page) =>
    p.getByRole("navigation", { name: "Manager sections" }).getByRole("button", { name: "Manager PIN", exact: true }).click();
  for (const p of [page, stale]) {
    await p.getByLabel("Your name (for the audit)").fill(MANAGER);
    await section(p);
  }
  // The stale tab checks the current PIN first, then waits.
  await stale.getByLabel("Manager PIN", { exact: true }).fill(PIN);
  await stale.getByRole("button", { name: "Check current PIN" }).click();
  await expect(stale.getByLabel("New manager PIN")).toBeVisible();

  await page.getByLabel("Manager PIN", { exact: true }).fill(PIN);
  await page.getByRole("button", { name: "Check current PIN" }).click();
  await page.getByLabel("New manager PIN").fill("135790");
  await page.getByLabel("Type the PIN again").fill("135790");
  await page.getByRole("button", { name: "Set PIN" }).click();
  await expect(page.getByText("The manager PIN was changed.")).toBeVisible();
  const changed = await kvGet(page, "pin");

  await stale.getByLabel("New manager PIN").fill("999999");
  await stale.getByLabel("Type the PIN again").fill("999999");
  await stale.getByRole("button", { name: "Set PIN" }).click();
  await expect(stale.getByText(/Not saved: this was changed in another tab/)).toBeVisible();
  expect(await kvGet(page, "pin"), "the other tab's PIN is kept").toBe(changed);
});

// "No swallowed error": a hash the browser could not compute was shown as a wrong PIN (and counted).
test("a PIN the browser cannot hash is reported as that, not as a wrong PIN, and not counted", async ({ page, context }) => {
  await enterManager(page);
  await context.addInitScript(() => {
    SubtleCrypto.prototype.deriveBits = () => Promise.reject(new DOMException("no hashing today", "OperationError"));
  });
  await gate(page);
  await tryPin(page, PIN);
  await expect(page.getByText(/The browser could not compute the PIN's hash/)).toBeVisible();
  await expect(page.getByText(/Wrong PIN/)).toHaveCount(0);
  expect(await storedLock(page)).toMatchObject({ failures: 0 });
});
