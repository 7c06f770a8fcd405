// Trunk post-build hook: moves trunk's inline `<script type="module">` loader into its own
// file, so the Content-Security-Policy can stay `script-src 'self'` with no 'unsafe-inline'.
// Runs with TRUNK_STAGING_DIR set by trunk (see Trunk.toml [[hooks]]).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("externalise-loader: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
const indexPath = join(dir, "index.html");
const html = readFileSync(indexPath, "utf8");
const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inline)];
if (found.length !== 1) {
  console.error(`externalise-loader: expected one inline module script, found ${found.length}`);
  process.exit(1);
}
const body = found[0][1];
const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
const name = `loader-${hash}.js`;
writeFileSync(join(dir, name), body);
const integrity = "sha384-" + createHash("sha384").update(body).digest("base64");
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
const tag = `<script type="module" src="${publicUrl}${name}" integrity="${integrity}"></script>`;
writeFileSync(indexPath, html.replace(found[0][0], tag));
console.log(`externalise-loader: loader moved to ${name}`);
