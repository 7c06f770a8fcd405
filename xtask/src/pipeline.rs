//! `cargo xtask test`: every check, in order, stopping at the first failure, ending with one
//! plain `N passed, N failed` line over all the tests it ran.
//!
//! Tests counted: native `cargo test`, the wasm-bindgen tests in Chromium, the size budget
//! (one check) and the Playwright e2e tests. A failing step without tests of its own (fmt,
//! clippy, the build) counts as one failure, so a red run never reads `0 failed`.

use std::fs;
use std::process::Command;
use std::time::Instant;

use crate::counts::{self, Counts};
use crate::serve::{self, Flavour};
use crate::sh::{self, cargo, step, Result};
use crate::size;
use crate::tools::{self, CHROMEDRIVER, WASM_TARGET};

/// The port the e2e tests expect the release build on, unless `E2E_PORT` says otherwise
/// (the same default and variable as tests/e2e/playwright.config.ts).
pub const E2E_PORT: u16 = 4173;

fn e2e_port() -> Result<u16> {
    match std::env::var("E2E_PORT") {
        Ok(port) => port
            .parse()
            .map_err(|_| format!("E2E_PORT: `{port}` is not a port number")),
        Err(_) => Ok(E2E_PORT),
    }
}

pub fn command(args: &[String]) -> Result {
    if let Some(extra) = args.first() {
        return Err(format!("`test` takes no options (got `{extra}`)"));
    }
    let start = Instant::now();
    let mut total = Counts::default();
    let mut timings = Vec::new();
    let outcome = run_all(&mut total, &mut timings);
    if outcome.is_err() && total.failed == 0 {
        total += Counts::ONE_FAILED;
    }
    println!("\nstep durations:");
    for (name, took) in &timings {
        println!("  {took:>12}  {name}");
    }
    println!("  {:>12}  total", sh::duration(start.elapsed()));
    match &outcome {
        Ok(()) => println!("\nall checks passed"),
        Err(e) => println!("\nstopped at the first failure: {e}"),
    }
    println!("{total}");
    outcome.map_err(|_| "test run failed (see above)".to_owned())
}

/// A step that is timed and recorded for the closing table.
fn timed<T>(
    timings: &mut Vec<(String, String)>,
    name: &str,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let start = Instant::now();
    let result = step(name, f);
    timings.push((name.to_owned(), sh::duration(start.elapsed())));
    result.map_err(|e| format!("{name}: {e}"))
}

fn run_all(total: &mut Counts, timings: &mut Vec<(String, String)>) -> Result {
    timed(timings, "install what is missing", || {
        tools::ensure_build_tools()?;
        tools::ensure_browser()?;
        tools::ensure_e2e_packages()?;
        tools::ensure_couch_server()
    })?;
    timed(timings, "cargo fmt --check", || {
        sh::run(cargo().args(["fmt", "--all", "--check"]))
            .map_err(|e| format!("{e}\nformatting differs: run `cargo fmt --all`"))
    })?;
    timed(timings, "clippy (native)", || {
        sh::run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    timed(timings, "clippy (wasm32)", || {
        sh::run(cargo().args([
            "clippy",
            "-p",
            "amends",
            "--target",
            WASM_TARGET,
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    timed(timings, "native tests (cargo test --workspace)", || {
        counted_libtest(total, cargo().args(["test", "--workspace"]))
    })?;
    // The chain build's code (cargo feature `chain`: sync, remote approval...) has tests of
    // its own, which the device build's run above never compiles.
    timed(
        timings,
        "native tests of the chain build (--all-features)",
        || {
            counted_libtest(
                total,
                cargo().args([
                    "test",
                    "-p",
                    "amends-domain",
                    "-p",
                    "amends",
                    "--all-features",
                ]),
            )
        },
    )?;
    timed(
        timings,
        "CouchDB tests (couch-setup and the /db/ proxy against pouchdb-server)",
        || {
            // Ignored by a plain `cargo test` (they need the npm server installed above);
            // each test starts its own pouchdb-server and stops it.
            counted_libtest(
                total,
                cargo().args(["test", "-p", "xtask", "--", "--ignored", "couch::"]),
            )
        },
    )?;
    timed(
        timings,
        "browser tests (wasm-bindgen-test in Chromium)",
        || {
            let mut command = cargo();
            command
                .args(["test", "-p", "amends", "--target", WASM_TARGET, "--tests"])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                )
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "60");
            counted_libtest(total, &mut command)
        },
    )?;
    for flavour in Flavour::ALL {
        timed(timings, &format!("release build ({flavour:?})"), || {
            serve::release_build(flavour, true)
        })?;
    }
    timed(timings, "size budgets (device, chain)", || {
        let mut first_error = Ok(());
        for flavour in Flavour::ALL {
            let result = size::report_and_check(flavour);
            *total += if result.is_ok() {
                Counts::ONE_PASSED
            } else {
                Counts::ONE_FAILED
            };
            if first_error.is_ok() {
                first_error = result;
            }
        }
        first_error
    })?;
    timed(timings, "e2e (Playwright + axe in Chromium)", || e2e(total))
}

/// Runs a libtest-style command and adds its counts; fails if it fails or reports nothing.
fn counted_libtest(total: &mut Counts, command: &mut Command) -> Result {
    let out = sh::run_teed(command)?;
    let counts = counts::from_libtest(&out.stdout);
    if let Some(c) = counts {
        println!("counted: {c}");
        *total += c;
    }
    match (out.success, counts) {
        (true, Some(_)) => Ok(()),
        (true, None) => Err("no test results found in the output".into()),
        (false, Some(c)) if c.failed > 0 => Err(format!("{} test(s) failed", c.failed)),
        (false, _) => Err(format!("`{}` failed ({})", sh::show(command), out.status)),
    }
}

/// Serves dist/ on the e2e port and runs Playwright there, reading its JSON report: first
/// every test but the measurements (tagged `@perf`) and the chain's specs on two workers,
/// then the chain's specs one at a time, then the measurements alone on one worker, so
/// that no other test shares the CPU while they time it.
fn e2e(total: &mut Counts) -> Result {
    let port = e2e_port()?;
    let addr = serve::spawn(sh::root().join("dist"), port)?;
    println!("serving dist/ at http://{addr}/ for the e2e tests");
    // The sync spec's chain: pouchdb-server and a second server proxying /db/ to it,
    // started here and stopped when this step ends (the server on drop).
    let (couch, sync_addr, accounts) = crate::pouch::sync_backend(Flavour::Chain.dist(), 0)?;
    println!(
        "serving dist-chain/ with /db/ -> {} at http://{sync_addr}/ for sync.spec.ts",
        couch.url()
    );
    let env = [
        ("E2E_SYNC_URL", format!("http://{sync_addr}")),
        ("E2E_SYNC_ACCOUNTS", accounts),
    ];
    // The chain specs (`sync*.spec.ts`) share one server and its chain-wide policy, so
    // they run apart, one at a time; the others on two workers beside nothing of theirs.
    let mut others = env.to_vec();
    others.push(("E2E_SKIP_SYNC", "1".into()));
    playwright(port, &["--grep-invert", "@perf"], &others, total)?;
    println!("\nthe chain's specs, one at a time (they share the chain's policy):");
    playwright(
        port,
        &["sync", "--grep-invert", "@perf", "--workers", "1"],
        &env,
        total,
    )?;
    println!("\nthe measurements, alone on one worker:");
    let measured = playwright(port, &["--grep", "@perf", "--workers", "1"], &env, total);
    drop(couch);
    measured
}

fn playwright(port: u16, filter: &[&str], env: &[(&str, String)], total: &mut Counts) -> Result {
    let dir = sh::root().join("tests/e2e");
    let report = sh::root().join("target/e2e-report.json");
    let _ = fs::remove_file(&report);
    let out = sh::run_teed(
        sh::cmd(dir.join("node_modules/.bin/playwright"))
            .args(["test", "--reporter=list,json"])
            .args(filter)
            .env("PLAYWRIGHT_JSON_OUTPUT_FILE", &report)
            .env("E2E_PORT", port.to_string())
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .current_dir(&dir),
    )?;
    let counts = fs::read_to_string(&report)
        .map_err(|e| {
            format!(
                "Playwright wrote no JSON report ({}): {e}",
                report.display()
            )
        })
        .and_then(|json| counts::from_playwright_json(&json));
    match counts {
        Ok(c) => {
            println!("counted: {c}");
            *total += c;
            match (out.success, c.failed) {
                (true, 0) => Ok(()),
                (_, 0) => Err(format!("Playwright failed ({})", out.status)),
                (_, n) => Err(format!("{n} e2e test(s) failed")),
            }
        }
        Err(e) if out.success => Err(e),
        Err(e) => Err(format!("Playwright failed ({}); {e}", out.status)),
    }
}
