//! Test counts read from each runner's output, summed into the final `N passed, N failed`.

use std::ops::AddAssign;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl Counts {
    pub const ONE_PASSED: Counts = Counts {
        passed: 1,
        failed: 0,
    };
    pub const ONE_FAILED: Counts = Counts {
        passed: 0,
        failed: 1,
    };
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} passed, {} failed", self.passed, self.failed)
    }
}

/// Sums every libtest summary (`test result: ok. 3 passed; 0 failed; ...`) in the output of
/// `cargo test`, one per test binary and doc-test run; wasm-bindgen-test-runner prints the
/// same line. None when there is no summary at all.
pub fn from_libtest(output: &str) -> Option<Counts> {
    let mut total = None::<Counts>;
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        let mut counts = Counts::default();
        for part in rest.split(['.', ';']) {
            let mut words = part.split_whitespace();
            match (words.next().and_then(|n| n.parse().ok()), words.next()) {
                (Some(n), Some("passed")) => counts.passed = n,
                (Some(n), Some("failed")) => counts.failed = n,
                _ => {}
            }
        }
        *total.get_or_insert_with(Counts::default) += counts;
    }
    total
}

/// Reads Playwright's JSON report: `stats.expected` passed, `stats.flaky` passed on retry,
/// `stats.unexpected` failed. Skipped tests count as neither.
pub fn from_playwright_json(json: &str) -> Result<Counts, String> {
    let report: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("Playwright JSON report: {e}"))?;
    let stats = &report["stats"];
    let field = |name: &str| {
        stats[name]
            .as_u64()
            .ok_or_else(|| format!("Playwright JSON report has no stats.{name}"))
    };
    Ok(Counts {
        passed: field("expected")? + field("flaky")?,
        failed: field("unexpected")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_libtest_summaries_across_binaries() {
        let out = "\
running 2 tests
test a ... ok
test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

running 5 tests
test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out; finished in 1.20s

test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
        assert_eq!(
            from_libtest(out),
            Some(Counts {
                passed: 5,
                failed: 2
            })
        );
        assert_eq!(from_libtest("error: could not compile"), None);
    }

    #[test]
    fn reads_playwright_stats() {
        let json = r#"{"config":{},"suites":[],"stats":{"startTime":"x","duration":1.5,
            "expected":17,"skipped":1,"unexpected":1,"flaky":2}}"#;
        assert_eq!(
            from_playwright_json(json),
            Ok(Counts {
                passed: 19,
                failed: 1
            })
        );
        assert!(from_playwright_json("{}").is_err());
        assert!(from_playwright_json("not json").is_err());
    }

    #[test]
    fn the_summary_line_is_plain() {
        let mut c = Counts::ONE_PASSED;
        c += Counts::ONE_FAILED;
        assert_eq!(c.to_string(), "1 passed, 1 failed");
    }
}
