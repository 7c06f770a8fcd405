// What the host adds that a <meta> cannot (issue 14): the CSP header with frame-ancestors
// limited to the helpdesk origins, the other security headers, and precompressed files,
// with the app still loading under them (any CSP violation is a console error, which
// fails the test through the fixtures).
import { test, expect, ROUTES, openApp } from "./fixtures";

test("the host sends the security headers and the app loads under them", async ({ page }) => {
  const response = await page.goto("/new");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toMatch(/frame-ancestors 'self' https:\/\/\*\.zendesk\.com .*https:\/\/\*\.freshdesk\.com/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["cache-control"]).toBe("no-cache");
  await openApp(page, "/new");
  const route = ROUTES.find((r) => r.path === "/new")!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(route.heading);
});

test("the wasm comes precompressed with brotli and is cached for a year", async ({ page, request }) => {
  // Once the app shows its page, the wasm has been fetched.
  await openApp(page, "/");
  const wasm = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => e.name).find((n) => n.endsWith("_bg.wasm")),
  );
  expect(wasm, "the page fetched its wasm").toBeTruthy();
  // The build writes the .br files; a server started on a bare dist/ writes them behind it.
  await expect
    .poll(async () => (await request.get(wasm!, { headers: { "accept-encoding": "br" } })).headers()["content-encoding"], {
      timeout: 60_000,
    })
    .toBe("br");
  const res = await request.get(wasm!, { headers: { "accept-encoding": "br" } });
  expect(res.headers()["content-type"]).toBe("application/wasm");
  expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});
