//! Weighing the release build: raw, gzip and brotli bytes of its wasm, js, css and html.

use std::fs;
use std::path::{Path, PathBuf};

use crate::budget::{self, BROTLI_BUDGET_BYTES, CHAIN_BROTLI_BUDGET_BYTES};
use crate::compress;
use crate::serve::Flavour;
use crate::sh::{self, Result};

/// The kinds of file that the budget covers, in the order they are printed.
const KINDS: [&str; 4] = ["wasm", "js", "css", "html"];

/// One kind's files, summed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Weight {
    pub files: usize,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The weight of each kind in `KINDS` order.
pub struct Report {
    pub kinds: [(&'static str, Weight); 4],
}

impl Report {
    pub fn brotli_total(&self) -> u64 {
        self.kinds.iter().map(|(_, w)| w.brotli).sum()
    }

    pub fn print(&self, budget: u64) {
        println!(
            "{:<6}{:>6}{:>12}{:>12}{:>12}",
            "kind", "files", "raw B", "gzip B", "brotli B"
        );
        for (kind, w) in &self.kinds {
            println!(
                "{kind:<6}{:>6}{:>12}{:>12}{:>12}",
                w.files, w.raw, w.gzip, w.brotli
            );
        }
        let total: Weight = self
            .kinds
            .iter()
            .fold(Weight::default(), |a, (_, w)| Weight {
                files: a.files + w.files,
                raw: a.raw + w.raw,
                gzip: a.gzip + w.gzip,
                brotli: a.brotli + w.brotli,
            });
        println!(
            "{:<6}{:>6}{:>12}{:>12}{:>12}",
            "total", total.files, total.raw, total.gzip, total.brotli
        );
        println!(
            "brotli total {} B of a {} B ({} KiB) budget: {:.1}%",
            total.brotli,
            budget,
            budget / 1024,
            total.brotli as f64 * 100.0 / budget as f64
        );
    }
}

/// Weighs every wasm, js, css and html file under `dist`.
pub fn measure(dist: &Path) -> Result<Report> {
    let mut files = Vec::new();
    walk(dist, &mut files)?;
    if files.is_empty() {
        return Err(format!("{} is empty: build first", dist.display()));
    }
    let mut kinds = KINDS.map(|k| (k, Weight::default()));
    for file in files {
        let Some(slot) = kind_of(&file).and_then(|k| kinds.iter_mut().find(|(kind, _)| *kind == k))
        else {
            continue;
        };
        let data = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let w = &mut slot.1;
        w.files += 1;
        w.raw += data.len() as u64;
        w.gzip += compress::gzip(&data).len() as u64;
        w.brotli += compress::brotli(&data).len() as u64;
    }
    Ok(Report { kinds })
}

/// Which budgeted kind a file is, by extension (`.mjs` counts as js).
fn kind_of(path: &Path) -> Option<&'static str> {
    match path.extension()?.to_str()? {
        "wasm" => Some("wasm"),
        "js" | "mjs" => Some("js"),
        "css" => Some("css"),
        "html" => Some("html"),
        _ => None,
    }
}

/// Every file under `dir`, recursively.
pub fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// Each build's budget: the device's, and the chain host's with the sync client.
pub fn budget_of(flavour: Flavour) -> u64 {
    match flavour {
        Flavour::Device => BROTLI_BUDGET_BYTES,
        Flavour::Chain => CHAIN_BROTLI_BUDGET_BYTES,
    }
}

/// Measures one build's directory, prints the table and checks its budget.
pub fn report_and_check(flavour: Flavour) -> Result {
    println!("{}/:", flavour.dir_name());
    let report = measure(&flavour.dist())?;
    report.print(budget_of(flavour));
    budget::check(report.brotli_total(), budget_of(flavour))
}

/// `cargo xtask size`: weigh the current dist/ (no build).
pub fn command(args: &[String]) -> Result {
    if let Some(extra) = args.first() {
        return Err(format!("`size` takes no options (got `{extra}`)"));
    }
    sh::step("size budget", || {
        report_and_check(Flavour::Device)?;
        if Flavour::Chain.dist().join("index.html").exists() {
            report_and_check(Flavour::Chain)
        } else {
            println!("dist-chain/ is not built (`trunk build --release --features chain --dist dist-chain`): not weighed");
            Ok(())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_weighed_by_kind() {
        let dir = std::env::temp_dir().join(format!("xtask-size-{}", std::process::id()));
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html><title>x</title>").unwrap();
        fs::write(dir.join("a.js"), "console.log(1)").unwrap();
        fs::write(dir.join("b.mjs"), "export {}").unwrap();
        fs::write(dir.join("app_bg.wasm"), [0u8, 97, 115, 109]).unwrap();
        fs::write(dir.join("icons/icon.svg"), "<svg/>").unwrap();
        let report = measure(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();

        let get = |k: &str| report.kinds.iter().find(|(kind, _)| *kind == k).unwrap().1;
        assert_eq!(get("js").files, 2);
        assert_eq!(get("js").raw, 23);
        assert_eq!(get("wasm").raw, 4);
        assert_eq!(get("css"), Weight::default());
        assert_eq!(get("html").files, 1);
        assert!(report.brotli_total() > 0);
    }
}
