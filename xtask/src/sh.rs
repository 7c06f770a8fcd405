//! Running steps and commands: timing, the tools' PATH, and output captured while shown.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every fallible xtask operation fails with a message for the user.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

/// Where npm-installed tools (binaryen's wasm-opt) live: `<root>/.tools`.
pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// `$CARGO_HOME/bin`, where `cargo install` puts trunk and wasm-bindgen.
pub fn cargo_bin_dir() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo/bin"),
    }
}

/// PATH for child processes: `.tools/node_modules/.bin` first (npm binaryen's wasm-opt, not
/// Debian's), then cargo's bin directory, then the inherited PATH.
pub fn child_path() -> OsString {
    let mut dirs = vec![tools_dir().join("node_modules/.bin"), cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

/// A command run in the workspace root with the tools' PATH.
pub fn cmd(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command.current_dir(root()).env("PATH", child_path());
    command
}

/// `cargo`, the same one that runs xtask.
pub fn cargo() -> Command {
    cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// How a command line reads to a person.
pub fn show(command: &Command) -> String {
    // The program by its name: `cargo`, not the toolchain's full path.
    let program = Path::new(command.get_program());
    let name = program.file_name().unwrap_or(program.as_os_str());
    let mut words = vec![name.to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains([' ', '"', '\'']) {
            format!("'{a}'")
        } else {
            a.into_owned()
        }
    }));
    words.join(" ")
}

/// Runs a command with inherited output; fails unless it exits with status 0.
pub fn run(command: &mut Command) -> Result {
    println!("$ {}", show(command));
    let status = command
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", show(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", show(command)))
    }
}

/// What a command printed on stdout (shown as it comes) and whether it succeeded.
pub struct Teed {
    pub stdout: String,
    pub success: bool,
    pub status: String,
}

/// Runs a command, echoing its stdout line by line while keeping a copy; stderr passes
/// through untouched.
pub fn run_teed(command: &mut Command) -> Result<Teed> {
    println!("$ {}", show(command));
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{}`: {e}", show(command)))?;
    let mut stdout = String::new();
    let reader = BufReader::new(child.stdout.take().expect("stdout is piped"));
    for line in reader.lines() {
        let line = line.map_err(|e| format!("reading output of `{}`: {e}", show(command)))?;
        println!("{line}");
        stdout.push_str(&line);
        stdout.push('\n');
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for `{}`: {e}", show(command)))?;
    Ok(Teed {
        stdout,
        success: status.success(),
        status: status.to_string(),
    })
}

/// A command's stdout (trimmed), or None when it cannot run or fails. For version probes.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Runs one named step, printing its start, its outcome and how long it took.
pub fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    println!("\n==> {name}");
    let start = Instant::now();
    let result = f();
    let took = duration(start.elapsed());
    match &result {
        Ok(_) => println!("<== {name}: ok ({took})"),
        Err(e) => println!("<== {name}: FAILED ({took}): {e}"),
    }
    result
}

/// `0.4 s`, `12.3 s`, `7 min 31 s`.
pub fn duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        format!("{} min {:02} s", d.as_secs() / 60, d.as_secs() % 60)
    }
}

/// Whether this process runs as root (so it may run apt-get itself).
pub fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(Duration::from_millis(420)), "0.4 s");
        assert_eq!(duration(Duration::from_secs(451)), "7 min 31 s");
    }

    #[test]
    fn command_lines_quote_spaced_arguments() {
        let mut c = Command::new("npx");
        c.args(["lighthouse", "--chrome-flags=--a --b"]);
        assert_eq!(show(&c), "npx lighthouse '--chrome-flags=--a --b'");
    }
}
