// Trunk post-build hook, after externalise-loader.mjs: writes into the built sw.js the
// app shell's files (every same-origin file index.html names, each language file and the
// icons) and a cache name made from them, so that a device opened once works offline from
// its first reload, and each build gets its own cache. Runs with TRUNK_STAGING_DIR set.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("precache-shell: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
const html = readFileSync(join(dir, "index.html"), "utf8");
// Files only: the skeleton's links to pages (/new, /log...) are routes the shell serves.
const isFile = (f) => existsSync(join(dir, f)) && statSync(join(dir, f)).isFile();
const named = [...html.matchAll(/(?:href|src)="(\/[^"#?]+)"/g)].map((m) => m[1]).filter(isFile);
const locales = readdirSync(join(dir, "locales"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => `/locales/${f}`);
const shell = [...new Set(["/", ...named, ...locales])].sort();
const hash = createHash("sha256");
for (const f of shell) hash.update(f === "/" ? html : readFileSync(join(dir, f.slice(1))));
const cache = `amends-${hash.digest("hex").slice(0, 16)}`;

const swPath = join(dir, "sw.js");
const sw = readFileSync(swPath, "utf8");
const cacheLine = /^const CACHE = "amends-dev";$/m;
const shellLine = /^const SHELL = \["\/"\];$/m;
if (!cacheLine.test(sw) || !shellLine.test(sw)) {
  console.error("precache-shell: sw.js lacks the CACHE and SHELL lines to fill in");
  process.exit(1);
}
writeFileSync(
  swPath,
  sw
    .replace(cacheLine, `const CACHE = ${JSON.stringify(cache)};`)
    .replace(shellLine, `const SHELL = ${JSON.stringify(shell)};`),
);
console.log(`precache-shell: ${shell.length} files in ${cache}`);
