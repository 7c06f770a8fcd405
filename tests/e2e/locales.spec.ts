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

type W = ReturnType<typeof words>;

// Each test below walks setup and a whole recovery, some of it twice.
test.describe.configure({ timeout: 90_000 });

/** First run in the page's language: the manager sets the device up. */
async function setUp(page: Page, w: W) {
  await page.goto("/manager");
  await expect(page.getByRole("heading", { name: w("authority.SetupTitle") })).toBeVisible({ timeout: 20_000 });
  await page.getByLabel(w("authority.SetupName"), { exact: true }).fill("Mo");
  await page.getByLabel(w("PinNew")).fill(PIN);
  await page.getByLabel(w("PinConfirm")).fill(PIN);
  await page.getByRole("button", { name: w("PinSetSave") }).click();
  await expect(page.getByRole("button", { name: w("manager.Leave") })).toBeVisible();
}

/**
 * `name` starts using the device, from any page: `now` is the language on screen, `form` the
 * device's own (nobody is signed in while the name is asked), `theirs` the person's.
 */
async function startAs(page: Page, name: string, now: W, form: W = now, theirs: W = form) {
  await page.getByRole("link", { name: now("NavNew") }).first().click();
  const switchUser = page.getByRole("button", { name: now("authority.SwitchUser") });
  if (await switchUser.isVisible()) await switchUser.click();
  await page.getByLabel(form("StaffName"), { exact: true }).fill(name);
  await page.getByRole("button", { name: form("StaffStart"), exact: true }).click();
  await expect(page.getByRole("heading", { name: theirs("ListenTitle") })).toBeVisible();
}

/** The within-limit recovery of the English suite ($40 defect, severity 3), to Logged. */
async function recover(page: Page, w: W) {
  await page.getByRole("radio", { name: w("FailureProduct"), exact: true }).check();
  await page.getByRole("radio", { name: w("CategoryDefect"), exact: true }).check();
  await page.getByRole("radio", { name: w("SeverityTile", { level: 3 }) }).check();
  await page.getByLabel(w("LossLabel")).fill("40");
  await page.getByRole("button", { name: w("Next"), exact: true }).click();
  await page.getByRole("checkbox", { name: w("CheckApologised") }).check();
  await page.getByRole("button", { name: w("Next"), exact: true }).click();
  await expect(page.getByRole("heading", { name: w("RemedyTitle") })).toBeVisible();
  await page.getByRole("button", { name: w("Next"), exact: true }).click();
  await page.getByRole("button", { name: w("LogRecovery") }).click();
  await expect(page.getByRole("heading", { name: w("Logged") })).toBeVisible();
}

test.describe("Spanish from the browser", () => {
  test.use({ locale: "es-ES" });

  test("a browser set to Spanish gets the whole flow in Spanish, amounts as Spanish writes them", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "tablet-landscape", "one locale per layout");
    const w = words("es");
    await setUp(page, w);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await startAs(page, "Sam", w);
    await recover(page, w);
    // Intl in Spanish: "29,60 US$", never "$29.60".
    await expect(page.getByRole("region", { name: w("Logged") })).toContainText("29,60");
    await expectNoAxeViolations(page);
  });
});

test.describe("French chosen by one person", () => {
  test.use({ locale: "en-US" });

  test("a person's language follows them on a shared tablet; the customer's words can be in another", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "tablet-portrait", "one locale per layout");
    const en = words("en");
    const fr = words("fr");
    await setUp(page, en);
    await startAs(page, "Léa", en);
    await page.getByLabel(en("LanguageLabel")).selectOption({ label: "Français" });
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { name: fr("ListenTitle") })).toBeVisible();
    // The pages were mounted afresh in French; the keyboard focus is back on the picker.
    await expect(page.getByLabel(fr("LanguageLabel"))).toBeFocused();
    // The next person gets the device's default; Léa gets French back.
    await startAs(page, "Sam", fr, en);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await startAs(page, "Léa", en, en, fr);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await recover(page, fr);
    await expectNoAxeViolations(page);
    // An English-speaking agent writes to a French customer in French.
    await startAs(page, "Sam", fr, en);
    await page.getByRole("radio", { name: en("FailureProduct"), exact: true }).check();
    await page.getByRole("radio", { name: en("CategoryDefect"), exact: true }).check();
    await page.getByRole("radio", { name: en("SeverityTile", { level: 3 }) }).check();
    await page.getByLabel(en("LossLabel")).fill("40");
    await page.getByRole("button", { name: en("MoreDetails") }).click();
    await page.getByRole("radio", { name: en("ChannelChat"), exact: true }).check();
    await page.getByRole("button", { name: en("Next"), exact: true }).click();
    await page.getByLabel(en("CustomerLanguage")).selectOption({ label: "Français" });
    const ready = page.locator('pre.copy-text[lang="fr"]');
    await expect(ready).toContainText(fr("CustomerFallbackName"));
    await expect(page.getByRole("heading", { name: en("ApologiseTitle") })).toBeVisible();
  });
});

test.describe("German as the store's language", () => {
  test.use({ locale: "en-GB" });

  test("the manager sets the store's language; staff who chose nothing see German [README screenshot]", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "side-panel", "one locale per layout");
    const en = words("en");
    const de = words("de");
    await setUp(page, en);
    await page.getByLabel(en("manager.WhoLabel")).fill("Mo");
    await page.getByLabel(en("manager.StoreLanguage")).selectOption({ label: "Deutsch" });
    await page.getByRole("button", { name: en("manager.SavePolicy") }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await startAs(page, "Sam", de);
    await page.getByRole("radio", { name: de("FailureProduct"), exact: true }).check();
    await page.getByRole("radio", { name: de("CategoryDefect"), exact: true }).check();
    await page.getByRole("radio", { name: de("SeverityTile", { level: 3 }) }).check();
    await page.getByLabel(de("LossLabel")).fill("40");
    await page.getByRole("button", { name: de("Next"), exact: true }).click();
    await page.getByRole("checkbox", { name: de("CheckApologised") }).check();
    await page.getByRole("button", { name: de("Next"), exact: true }).click();
    await expect(page.getByRole("heading", { name: de("RemedyTitle") })).toBeVisible();
    expect(await spills(page), "spills in German at 400 px").toEqual([]);
    await page.screenshot({ path: join(__dirname, "../../docs/screenshot-remedy-de.png"), fullPage: false });
    await page.getByRole("button", { name: de("Next"), exact: true }).click();
    await page.getByRole("button", { name: de("LogRecovery") }).click();
    await expect(page.getByRole("heading", { name: de("Logged") })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

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
    await page.getByRole("button", { name: w("Next"), exact: true }).click();
    await check("apologise");
    await page.getByRole("checkbox", { name: w("CheckApologised") }).check();
    await page.getByRole("button", { name: w("Next"), exact: true }).click();
    await expect(page.getByRole("heading", { name: w("RemedyTitle") })).toBeVisible();
    await check("remedy");
    await page.getByRole("button", { name: w("Next"), exact: true }).click();
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
