// The interface in other languages. Labels are read from the locale files themselves
// (www/locales/<tag>.json), so these tests find elements by role and by the words a person in
// that language reads. Locales are spread over the viewports, not multiplied by them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, expectNoAxeViolations, PIN } from "./fixtures";

type Words = Record<string, string>;

/** A locale's file, and a lookup that fills `{placeholders}` and picks plural forms. */
function words(tag: string) {
  const file: Words = JSON.parse(readFileSync(join(__dirname, "../../www/locales", `${tag}.json`), "utf8"));
  return (key: string, args: Record<string, string | number> = {}) => {
    let text = file[key] ?? file[`${key}_other`];
    if (text === undefined) throw new Error(`${tag}.json has no ${key}`);
    for (const [k, v] of Object.entries(args)) text = text.split(`{${k}}`).join(String(v));
    return text;
  };
}

/** Elements that spill out of the viewport or whose own box cuts their content. */
async function spills(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) {
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("main *, header *, footer *"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.position === "absolute" && style.clip !== "auto") continue;
      const name = `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
      if (box.right > width + 1) out.push(`${name} ends at ${Math.round(box.right)} px`);
      const cuts = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
      if (cuts && el.scrollWidth > el.clientWidth + 1) out.push(`${name} is cut: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
}

test.describe("pseudo-locale (accented, 40% longer)", () => {
  test.use({ locale: "en-XA" });

  test("at 400 px nothing overflows or is cut, from setup to a logged recovery", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "side-panel", "the pseudo-locale is checked in the narrowest layout");
    const w = words("en-XA");
    const check = async (where: string) => expect(await spills(page), `spills on ${where}`).toEqual([]);
    await page.goto("/manager");
    await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
    await expect(page.getByRole("heading", { name: w("authority.SetupTitle") })).toBeVisible({ timeout: 20_000 });
    await check("setup");
    await page.getByLabel(w("authority.SetupName"), { exact: true }).fill("Mo");
    await page.getByLabel(w("PinNew")).fill(PIN);
    await page.getByLabel(w("PinConfirm")).fill(PIN);
    await page.getByRole("button", { name: w("PinSetSave") }).click();
    await expect(page.getByRole("button", { name: w("manager.Leave") })).toBeVisible();
    await check("manager mode");
    for (const [path, nav] of [["/", "AppName"], ["/log", "NavLog"], ["/follow-ups", "NavFollowUps"], ["/dashboard", "NavDashboard"]]) {
      await page.getByRole("link", { name: w(nav) }).first().click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await check(path);
    }
    await page.getByRole("link", { name: w("NavNew") }).first().click();
    await page.getByLabel(w("StaffName"), { exact: true }).fill("Sam");
    await check("who is using the device");
    await page.getByRole("button", { name: w("StaffStart") }).click();
    await expect(page.getByRole("heading", { name: w("ListenTitle") })).toBeVisible();
    await check("listen");
    await page.getByRole("radio", { name: w("FailureProduct"), exact: true }).check();
    await page.getByRole("radio", { name: w("CategoryDefect"), exact: true }).check();
    await page.getByRole("radio", { name: w("SeverityTile", { level: 3 }) }).check();
    await page.getByLabel(w("LossLabel")).fill("40");
    await page.getByRole("button", { name: w("MoreDetails") }).click();
    await check("listen, more details");
    await page.getByRole("button", { name: w("Next") }).click();
    await check("apologise");
    await page.getByRole("checkbox", { name: w("CheckApologised") }).check();
    await page.getByRole("button", { name: w("Next") }).click();
    await expect(page.getByRole("heading", { name: w("RemedyTitle") })).toBeVisible();
    await check("remedy");
    await page.getByRole("button", { name: w("Next") }).click();
    await check("log");
    await page.getByRole("button", { name: w("LogRecovery") }).click();
    await expect(page.getByRole("heading", { name: w("Logged") })).toBeVisible();
    await check("logged");
    await expectNoAxeViolations(page);
    // The check itself can fail: a box wider than the panel is reported.
    await page.evaluate(() => {
      const wide = document.createElement("p");
      wide.textContent = "wide";
      wide.style.width = "900px";
      document.querySelector("main")?.append(wide);
    });
    expect((await spills(page)).join("\n")).toContain('p "wide" ends at');
  });
});
