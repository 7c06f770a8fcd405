// The app shell at every viewport: each route loads from a deep link and survives a reload,
// the navigation leads to every page, touch targets are large enough, axe finds nothing,
// and a full-page screenshot is kept for the README (docs/screenshot*.png).
import path from "node:path";
import { test, expect, ROUTES, openApp, expectNoAxeViolations } from "./fixtures";

const DOCS = path.resolve(__dirname, "../../docs");

for (const route of ROUTES) {
  test(`${route.path} loads from a deep link, survives reload and passes axe`, async ({ page }) => {
    await openApp(page, route.path);
    const h1 = page.getByRole("heading", { level: 1 });
    await expect(h1).toHaveText(route.heading);
    await expect(page).toHaveTitle(`${route.heading} · Amends`);

    await page.reload();
    await expect(h1).toHaveText(route.heading);
    await expect(page).toHaveURL(route.path);

    // Nothing wider than the viewport: no sideways scrolling at any size.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);

    await expectNoAxeViolations(page);
  });
}

test("the navigation leads to every page and marks the current one", async ({ page }) => {
  await openApp(page, "/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const route of ROUTES.filter((r) => r.path !== "/")) {
    const link = nav.getByRole("link", { name: route.nav, exact: true });
    await link.click();
    await expect(page).toHaveURL(route.path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(route.heading);
    await expect(link).toHaveAttribute("aria-current", "page");
  }
  await page.getByRole("link", { name: "Amends", exact: true }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ROUTES[0].heading);

  await page.goBack();
  await expect(page).toHaveURL("/manager");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Manager");
});

test("navigation links are touch targets of at least 44 px", async ({ page }) => {
  await openApp(page, "/");
  const links = page.getByRole("banner").getByRole("link");
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < count; i++) {
    const box = await links.nth(i).boundingBox();
    const name = await links.nth(i).textContent();
    expect(box, `${name} is visible`).not.toBeNull();
    expect(box!.height, `${name} height`).toBeGreaterThanOrEqual(44);
    expect(box!.width, `${name} width`).toBeGreaterThanOrEqual(44);
  }
});

test("an unknown address shows the not-found page inside the shell", async ({ page }) => {
  await openApp(page, "/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("screenshot of the start page for the README", async ({ page }, testInfo) => {
  await openApp(page, "/");
  await expect(page.getByRole("contentinfo")).toContainText("Amends version");
  // The page focuses its heading for screen readers; the picture needs no focus ring.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const shot = await page.screenshot({ fullPage: true, animations: "disabled" });
  const { writeFile, mkdir } = await import("node:fs/promises");
  await mkdir(DOCS, { recursive: true });
  await writeFile(path.join(DOCS, `screenshot-${testInfo.project.name}.png`), shot);
  if (testInfo.project.name === "tablet-landscape") {
    await writeFile(path.join(DOCS, "screenshot.png"), shot);
  }
});

test.describe("offline", () => {
  test.use({ locale: "fr-FR" });
  test("a device opened once works offline from its first reload, in its language", async ({ page, context, guards }, testInfo) => {
    test.skip(testInfo.project.name !== "tablet-portrait", "one layout: the service worker is the same at every size");
    await openApp(page, "/log");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Historique");
    // The service worker installs with the whole shell (www/precache-shell.mjs), not only
    // what is fetched after it takes over: before, this reload found no wasm offline.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Historique", { timeout: 20_000 });
    await page.goto("/follow-ups");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
    await context.setOffline(false);
    // Chromium fetches the tab's icon itself, past the service worker: offline, that fails.
    guards.consoleErrors = guards.consoleErrors.filter((e) => !/Failed to load resource.*icons\/icon\.svg/.test(e));
  });
});
