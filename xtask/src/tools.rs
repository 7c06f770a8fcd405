//! Installing what the build and the tests need, idempotently: each tool is version-checked
//! first and installed only when missing or at the wrong version.
//!
//! Pins (see ../shared/toolchain.md): trunk 0.21.14 (0.22 needs a newer rustc), the
//! wasm-bindgen CLI at exactly the Cargo.lock version (installed without `--locked`),
//! npm binaryen 132 for wasm-opt (Debian's is too old), Debian's chromium + chromedriver.

use std::fs;
use std::path::{Path, PathBuf};

use crate::sh::{self, cargo, cmd, output, run, step, Result};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132.0.0";
/// The CouchDB-compatible server the CouchDB tests start (in memory): no CouchDB installs
/// here from Debian, PyPI or npm (see ARCHITECTURE.md, "Chain sync").
pub const POUCHDB_SERVER_VERSION: &str = "4.2.0";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const APT_CHROMIUM: &str = "apt-get update && apt-get install -y chromium chromium-driver";

/// What `trunk build` needs: the wasm target, trunk, wasm-bindgen, wasm-opt (and node).
pub fn ensure_build_tools() -> Result {
    ensure_node()?;
    step("wasm32 target", ensure_wasm_target)?;
    step(&format!("trunk {TRUNK_VERSION}"), ensure_trunk)?;
    let wb = wasm_bindgen_version()?;
    step(&format!("wasm-bindgen-cli {wb}"), || {
        ensure_wasm_bindgen(&wb)
    })?;
    step(
        &format!("wasm-opt (npm binaryen@{BINARYEN_VERSION})"),
        ensure_binaryen,
    )
}

/// What the browser tests need besides the build tools: Chromium and chromedriver.
pub fn ensure_browser() -> Result {
    step("chromium + chromium-driver", || {
        if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
            let version = output(cmd(CHROMIUM).arg("--version")).unwrap_or_default();
            println!("present: {}", last_line(&version));
            return Ok(());
        }
        if !sh::is_root() || which("apt-get").is_none() {
            return Err(format!(
                "Chromium is missing and this user cannot install it. Run, as root:\n\n    \
                 {APT_CHROMIUM}\n\nthen run this command again."
            ));
        }
        println!("installing Debian's chromium and chromium-driver");
        run(cmd("sh").args(["-c", APT_CHROMIUM]))
    })
}

/// `npm ci` in tests/e2e, skipped when node_modules was installed from this very lockfile.
pub fn ensure_e2e_packages() -> Result {
    ensure_node()?;
    step("e2e npm packages (tests/e2e)", || {
        let dir = sh::root().join("tests/e2e");
        let lock = fs::read(dir.join("package-lock.json"))
            .map_err(|e| format!("tests/e2e/package-lock.json: {e}"))?;
        let stamp = dir.join("node_modules/.xtask-installed-lock");
        if fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
            println!("present: node_modules matches package-lock.json");
            return Ok(());
        }
        run(cmd("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir))?;
        fs::write(&stamp, &lock).map_err(|e| format!("{}: {e}", stamp.display()))
    })
}

fn ensure_node() -> Result {
    if which("node").is_some() && which("npm").is_some() {
        return Ok(());
    }
    Err(
        "node and npm are needed (trunk's build hook, wasm-opt, the e2e tests). \
         Run, as root:\n\n    apt-get update && apt-get install -y nodejs npm\n"
            .into(),
    )
}

fn ensure_wasm_target() -> Result {
    let installed = output(cmd("rustup").args(["target", "list", "--installed"]))
        .ok_or("`rustup` is needed to add the wasm target; install Rust with rustup")?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("present: {WASM_TARGET}");
        return Ok(());
    }
    run(cmd("rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk() -> Result {
    let want = format!("trunk {TRUNK_VERSION}");
    match output(cmd("trunk").arg("--version")) {
        Some(v) if v == want => {
            println!("present: {v}");
            return Ok(());
        }
        Some(v) => println!("found {v}, want {want}: reinstalling (takes ~8 min on 2 cores)"),
        None => println!("trunk is missing: installing (takes ~8 min on 2 cores)"),
    }
    run(cargo()
        .args(["install", "--locked", "--force", "trunk", "--version"])
        .arg(TRUNK_VERSION))
}

fn ensure_wasm_bindgen(version: &str) -> Result {
    let want = format!("wasm-bindgen {version}");
    let want_runner = format!("wasm-bindgen-test-runner {version}");
    let have = output(cmd("wasm-bindgen").arg("--version"));
    let have_runner = output(cmd("wasm-bindgen-test-runner").arg("--version"));
    match (&have, &have_runner) {
        (Some(v), Some(r)) if *v == want && *r == want_runner => {
            println!("present: {v} (and its test runner)");
            return Ok(());
        }
        (Some(v), _) if *v == want => {
            println!("found {v} without {want_runner}: reinstalling (takes ~3 min on 2 cores)")
        }
        (Some(v), _) => {
            println!("found {v}, want {want}: reinstalling (takes ~3 min on 2 cores)")
        }
        (None, _) => println!("wasm-bindgen is missing: installing (takes ~3 min on 2 cores)"),
    }
    // Not `--locked`: the CLI's own lockfile names a crate version this registry lacks.
    run(cargo()
        .args(["install", "--force", "wasm-bindgen-cli", "--version"])
        .arg(version))
}

fn ensure_binaryen() -> Result {
    let wasm_opt = sh::tools_dir().join("node_modules/.bin/wasm-opt");
    let want = format!(
        "version {}",
        BINARYEN_VERSION.split('.').next().unwrap_or_default()
    );
    if let Some(v) = output(cmd(&wasm_opt).arg("--version")) {
        if v.contains(&want) {
            println!("present: {v} in .tools/");
            return Ok(());
        }
        println!("found `{v}` in .tools/, want {want}: reinstalling");
    }
    let dir = sh::tools_dir();
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    run(cmd("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("binaryen@{BINARYEN_VERSION}")))?;
    output(cmd(&wasm_opt).arg("--version"))
        .filter(|v| v.contains(&want))
        .map(|v| println!("installed: {v}"))
        .ok_or_else(|| {
            format!(
                "{} does not report {want} after install",
                wasm_opt.display()
            )
        })
}

/// npm `pouchdb-server` in `.tools/`, for the CouchDB tests. `--ignore-scripts`: its
/// optional sqlite3 would try to download a prebuilt binary; the in-memory store needs
/// none of the install scripts.
pub fn ensure_couch_server() -> Result {
    ensure_node()?;
    step(
        &format!("pouchdb-server {POUCHDB_SERVER_VERSION} (the CouchDB tests' server)"),
        || {
            let dir = sh::tools_dir();
            let manifest = dir.join("node_modules/pouchdb-server/package.json");
            let installed = fs::read_to_string(&manifest)
                .ok()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                .and_then(|v| v["version"].as_str().map(str::to_owned));
            if installed.as_deref() == Some(POUCHDB_SERVER_VERSION) {
                println!("present: pouchdb-server {POUCHDB_SERVER_VERSION} in .tools/");
                return Ok(());
            }
            println!("installing (about 350 npm packages; a few minutes on two cores)");
            fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            run(cmd("npm")
                .args([
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--ignore-scripts",
                    "--prefix",
                ])
                .arg(&dir)
                .arg(format!("pouchdb-server@{POUCHDB_SERVER_VERSION}")))
        },
    )
}

/// The wasm-bindgen version Cargo.lock resolved; the CLI must equal it exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = fs::read_to_string(sh::root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| "Cargo.lock has no package `wasm-bindgen`".into())
}

/// The version of `name` in a Cargo.lock's text.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let want = format!("name = \"{name}\"");
    lock.split("[[package]]").find_map(|package| {
        let mut lines = package.lines().map(str::trim);
        lines.find(|l| *l == want)?;
        let version = lines.find(|l| l.starts_with("version = "))?;
        Some(
            version
                .trim_start_matches("version = ")
                .trim_matches('"')
                .to_owned(),
        )
    })
}

/// A program's full path if it is on the tools' PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&sh::child_path())
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_locked_version_of_a_package_by_exact_name() {
        let lock = r#"
[[package]]
name = "wasm-bindgen-futures"
version = "0.4.50"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-futures").as_deref(),
            Some("0.4.50")
        );
        assert_eq!(locked_version(lock, "yew"), None);
    }
}
