//! `cargo xtask serve|test|size|bench|lighthouse`: installs what is missing, builds, runs.
//!
//! Plain std Rust that shells out to the real tools; each step says what it does and how
//! long it took. Run `cargo xtask help` for the commands.

mod bench;
mod budget;
mod compress;
mod couch;
mod counts;
mod lighthouse;
mod pipeline;
mod pouch;
mod serve;
mod sh;
mod size;
mod tools;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command> [options]

  serve [--port N] [--no-build] [--rebuild] [--couch URL] [--frame-ancestors LIST]
        install what is missing, build the release app (if the sources changed since the
        last build) and serve dist/ on http://127.0.0.1:8080 (or --port N); --couch
        forwards /db/ to that CouchDB; --frame-ancestors replaces the helpdesk origins
        allowed to frame the app (comma-separated https://origins, or `none`)
  couch-setup URL [--store ID]...
        set up a CouchDB for chain sync, idempotently (URL with an admin login:
        http://admin:password@127.0.0.1:5984): databases, design documents, _security,
        accounts (new ones' passwords printed once), replication of each store to the chain
  couch-server [--port N] [--store ID]...
        run pouchdb-server in memory on port 5984 (or N), set up as couch-setup would
  e2e-couch [--port N]
        the sync e2e spec's server (pouchdb-server set up for store-1 to store-6, and
        serve --couch in front), printing the environment for `npx playwright test sync`
  test  install what is missing (also Chromium and the e2e npm packages), then run:
        fmt, clippy (native, wasm32), cargo test, wasm-bindgen tests in Chromium,
        release build, size budget, Playwright e2e; ends with `N passed, N failed`
  size  print raw/gzip/brotli bytes of the release build and check the budget
  bench run the domain's criterion benchmarks and print their timings
  lighthouse
        run Lighthouse (mobile, default throttling) against the release build
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        print!("{HELP}");
        return ExitCode::FAILURE;
    };
    let result = match command.as_str() {
        "serve" => serve::command(rest),
        "test" => pipeline::command(rest),
        "size" => size::command(rest),
        "bench" => bench::command(rest),
        "lighthouse" => lighthouse::command(rest),
        "couch-setup" => couch::command(rest),
        "couch-server" => pouch::command(rest),
        "e2e-couch" => pouch::e2e_command(rest),
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}
