//! `cargo xtask bench`: the domain's criterion benchmarks, with their timings gathered at
//! the end.

use std::fs;

use crate::sh::{self, cargo, Result};

pub fn command(args: &[String]) -> Result {
    let root = sh::root();
    let has_benches = root.join("domain/benches").is_dir()
        || fs::read_to_string(root.join("domain/Cargo.toml"))
            .is_ok_and(|manifest| manifest.contains("[[bench]]"));
    if !has_benches {
        println!(
            "amends-domain has no benchmarks yet (domain/benches/ is missing): nothing to run"
        );
        return Ok(());
    }
    let out = sh::step("domain benchmarks (cargo bench -p amends-domain)", || {
        let out = sh::run_teed(
            cargo()
                .args(["bench", "-p", "amends-domain", "--"])
                .args(args),
        )?;
        if out.success {
            Ok(out.stdout)
        } else {
            Err(format!("cargo bench failed ({})", out.status))
        }
    })?;
    let timings = time_lines(&out);
    if timings.is_empty() {
        println!("\nno `time:` lines in the output: are the benches criterion benches?");
    } else {
        println!("\ntimings:");
        for line in timings {
            println!("{line}");
        }
    }
    Ok(())
}

/// Criterion's `time:` lines, each with its benchmark's name (criterion puts a long name on
/// the line before).
fn time_lines(output: &str) -> Vec<String> {
    let lines: Vec<&str> = output.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        // Criterion's `time:   [low estimate high]`, not a test named `time::...`.
        let Some(at) = line
            .find("time:")
            .filter(|&at| line[at + 5..].trim_start().starts_with('['))
        else {
            continue;
        };
        let name = line[..at].trim();
        let name = if name.is_empty() && i > 0 {
            lines[i - 1].trim()
        } else {
            name
        };
        found.push(format!("{name:<40} {}", line[at..].trim()));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_each_time_with_its_benchmark() {
        let out = "\
test time::tests::formats_and_parses ... ignored
Benchmarking recommend: Analyzing
recommend               time:   [2.1012 µs 2.1100 µs 2.1204 µs]
                        change: [-1.0% +0.1% +1.2%] (p = 0.80 > 0.05)
analytics/over_100k_records
                        time:   [11.203 ms 11.310 ms 11.420 ms]
";
        let lines = time_lines(out);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("recommend ") && lines[0].contains("2.1100 µs"));
        assert!(
            lines[1].starts_with("analytics/over_100k_records") && lines[1].contains("11.310 ms")
        );
    }
}
