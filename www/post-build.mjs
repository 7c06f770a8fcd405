// Trunk's post-build hook (Trunk.toml): the steps in order, each its own module.
await import("./externalise-loader.mjs");
await import("./precache-shell.mjs");
