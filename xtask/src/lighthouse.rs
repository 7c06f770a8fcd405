//! `cargo xtask lighthouse`: Lighthouse (mobile, default simulated throttling) against the
//! release build served locally, in Debian's Chromium; prints the four category scores and
//! FCP, LCP, TBT and CLS. The full report is kept in target/lighthouse/report.json.

use std::fs;

use serde_json::Value;

use crate::serve;
use crate::sh::{self, Result};
use crate::tools::{self, CHROMIUM};

/// Chromium flags this machine needs (no sandbox as root, no calls home).
const CHROME_FLAGS: &str = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
     --disable-background-networking --disable-component-update --disable-sync \
     --disable-dev-shm-usage";

const CATEGORIES: [(&str, &str); 4] = [
    ("performance", "Performance"),
    ("accessibility", "Accessibility"),
    ("best-practices", "Best practices"),
    ("seo", "SEO"),
];

const METRICS: [(&str, &str); 4] = [
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
];

pub fn command(args: &[String]) -> Result {
    if let Some(extra) = args.first() {
        return Err(format!("`lighthouse` takes no options (got `{extra}`)"));
    }
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    tools::ensure_e2e_packages()?;
    serve::release_build(serve::Flavour::Device, false)?;

    let root = sh::root();
    let addr = serve::spawn(root.join("dist"), 0)?;
    let url = format!("http://{addr}/");
    let out_dir = root.join("target/lighthouse");
    let profile = out_dir.join("chrome-profile");
    let _ = fs::remove_dir_all(&profile);
    fs::create_dir_all(&profile).map_err(|e| format!("{}: {e}", profile.display()))?;
    let report = out_dir.join("report.json");

    sh::step(&format!("lighthouse {url}"), || {
        sh::run(
            sh::cmd(root.join("tests/e2e/node_modules/.bin/lighthouse"))
                .arg(&url)
                .args(["--output=json", "--form-factor=mobile", "--quiet"])
                .arg(format!("--output-path={}", report.display()))
                .arg(format!(
                    "--chrome-flags={CHROME_FLAGS} --user-data-dir={}",
                    profile.display()
                ))
                .env("CHROME_PATH", CHROMIUM),
        )
    })?;
    let json = fs::read_to_string(&report).map_err(|e| format!("{}: {e}", report.display()))?;
    let summary = summarise(&json)?;
    println!("\nLighthouse {url} (mobile, simulated throttling)");
    for line in &summary {
        println!("  {line}");
    }
    println!("full report: {}", report.display());
    Ok(())
}

/// The scores (0-100) and metrics of a Lighthouse JSON report, one line each.
fn summarise(json: &str) -> Result<Vec<String>> {
    let lhr: Value = serde_json::from_str(json).map_err(|e| format!("Lighthouse JSON: {e}"))?;
    if let Some(error) = lhr["runtimeError"]["message"].as_str() {
        return Err(format!("Lighthouse could not load the page: {error}"));
    }
    let mut lines = Vec::new();
    for (id, title) in CATEGORIES {
        let score = lhr["categories"][id]["score"]
            .as_f64()
            .ok_or_else(|| format!("no score for category `{id}`"))?;
        lines.push(format!("{title:<15}{:>4}", (score * 100.0).round()));
    }
    for (id, short) in METRICS {
        let audit = &lhr["audits"][id];
        let value = audit["numericValue"]
            .as_f64()
            .ok_or_else(|| format!("no value for `{id}`"))?;
        let shown = if short == "CLS" {
            format!("{value:.3}")
        } else {
            format!("{value:.0} ms")
        };
        lines.push(format!("{short:<15}{shown:>10}"));
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_scores_and_metrics() {
        let json = r#"{
          "categories": {
            "performance": {"score": 0.98}, "accessibility": {"score": 1},
            "best-practices": {"score": 0.96}, "seo": {"score": 0.9}
          },
          "audits": {
            "first-contentful-paint": {"numericValue": 812.4},
            "largest-contentful-paint": {"numericValue": 1902.6},
            "total-blocking-time": {"numericValue": 0},
            "cumulative-layout-shift": {"numericValue": 0.0123}
          }
        }"#;
        let lines = summarise(json).unwrap();
        assert_eq!(lines[0], "Performance      98");
        assert_eq!(lines[1], "Accessibility   100");
        assert!(lines[4].starts_with("FCP") && lines[4].ends_with("812 ms"));
        assert!(lines[7].ends_with("0.012"));
        assert!(summarise(r#"{"runtimeError":{"message":"NO_FCP"}}"#).is_err());
    }
}
