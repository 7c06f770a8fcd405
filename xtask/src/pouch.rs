//! A CouchDB-compatible server for tests and local trials: npm `pouchdb-server` in memory,
//! started on a free port with a server admin (ending the "admin party"), stopped on drop.
//! What it does differently from CouchDB is written in ARCHITECTURE.md ("Chain sync").

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::couch::Couch;
use crate::sh::{self, Result};

pub const ADMIN: &str = "admin";

pub struct PouchServer {
    child: Child,
    dir: PathBuf,
    pub port: u16,
    password: String,
}

impl PouchServer {
    /// Starts pouchdb-server from `.tools/` on `port` (0: a free one) and makes an admin.
    pub fn start(port: u16) -> Result<PouchServer> {
        let bin = sh::tools_dir().join("node_modules/.bin/pouchdb-server");
        if !bin.is_file() {
            return Err(format!(
                "{} is missing: `cargo xtask test` or `cargo xtask couch-server` installs it",
                bin.display()
            ));
        }
        let port = if port == 0 {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
            probe.local_addr().map_err(|e| e.to_string())?.port()
        } else {
            port
        };
        // Its config.json and log.txt go here, not into the work tree.
        let dir = std::env::temp_dir().join(format!("amends-pouch-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let child = Command::new(&bin)
            .args([
                "--in-memory",
                "--no-stdout-logs",
                "--host",
                "127.0.0.1",
                "--port",
            ])
            .arg(port.to_string())
            .arg("--dir")
            .arg(&dir)
            .arg("--config")
            .arg(dir.join("config.json"))
            .env("PATH", sh::child_path())
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", bin.display()))?;
        let mut server = PouchServer {
            child,
            dir,
            port,
            password: String::new(),
        };
        let anonymous = Couch::new(&format!("http://127.0.0.1:{port}"))?;
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            if let Ok(answer) = anonymous.get("/") {
                if answer.status == 200 {
                    break;
                }
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("pouchdb-server exited at start ({status})"));
            }
            if Instant::now() > deadline {
                return Err("pouchdb-server did not answer within 90 s".into());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        server.password = format!("pw-{}-{port}", std::process::id());
        let made = anonymous.put(&format!("/_config/admins/{ADMIN}"), &json!(server.password))?;
        if made.status != 200 {
            return Err(format!("making the admin: {} {}", made.status, made.body));
        }
        Ok(server)
    }

    /// `http://admin:password@127.0.0.1:port`
    pub fn admin_url(&self) -> String {
        format!("http://{ADMIN}:{}@127.0.0.1:{}", self.password, self.port)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn wait(mut self) -> Result {
        self.child
            .wait()
            .map(|_| ())
            .map_err(|e| format!("pouchdb-server: {e}"))
    }
}

impl Drop for PouchServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `cargo xtask couch-server [--port N] [--store ID]...`: pouchdb-server in memory, set up
/// as `couch-setup` would, with the logins printed; for `cargo xtask serve --couch URL`.
pub fn command(args: &[String]) -> Result {
    let mut port = 5984;
    let mut stores = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = args.next().ok_or("--port needs a number")?;
                port = value
                    .parse()
                    .map_err(|_| format!("--port: `{value}` is not a port number"))?;
            }
            "--store" => stores.push(args.next().ok_or("--store needs a store id")?.clone()),
            other => return Err(format!("`couch-server` does not know `{other}`")),
        }
    }
    if stores.is_empty() {
        stores.push("store-1".into());
    }
    crate::tools::ensure_couch_server()?;
    let server = PouchServer::start(port)?;
    let report = crate::couch::setup(&Couch::new(&server.admin_url())?, &stores)?;
    println!(
        "\npouchdb-server (in memory: everything goes when it stops) at {}",
        server.url()
    );
    println!("server admin: {ADMIN} / {}", server.password);
    for (name, password) in &report.new_accounts {
        println!("account {name} / {password}");
    }
    println!(
        "serve the app in front of it: cargo xtask serve --couch {}\n(Ctrl+C to stop)",
        server.url()
    );
    server.wait()
}

/// The chain's server for the sync e2e tests: pouchdb-server in memory, set up for six
/// stores, behind `serve --couch` on its own port (the other specs keep theirs). Returns
/// the server (stopped on drop), the app's address and the accounts as JSON
/// (`{"store-1": "<password>", ...}`) for the spec's environment.
pub fn sync_backend(
    dist: PathBuf,
    port: u16,
) -> Result<(PouchServer, std::net::SocketAddr, String)> {
    let server = PouchServer::start(0)?;
    let admin = Couch::new(&server.admin_url())?;
    // One or two stores for each chain spec, so that records of one spec do not count
    // in another's store.
    let stores: Vec<String> = (1..=6).map(|n| format!("store-{n}")).collect();
    let report = crate::couch::setup(&admin, &stores)?;
    let mut options = crate::serve::Options::new(dist);
    options.couch = Some(crate::serve::Upstream::parse(&server.url())?);
    let addr = crate::serve::spawn_with(options, port)?;
    let accounts: serde_json::Map<String, serde_json::Value> = report
        .new_accounts
        .into_iter()
        .map(|(name, password)| (name, password.into()))
        .collect();
    Ok((
        server,
        addr,
        serde_json::Value::Object(accounts).to_string(),
    ))
}

/// `cargo xtask e2e-couch [--port N]`: the sync spec's server, for running it alone:
/// prints the environment to give `npx playwright test sync.spec.ts`, then waits.
pub fn e2e_command(args: &[String]) -> Result {
    let port = match args {
        [] => 0,
        [flag, n] if flag == "--port" => n.parse().map_err(|_| format!("--port: `{n}`"))?,
        _ => return Err("usage: cargo xtask e2e-couch [--port N]".into()),
    };
    crate::tools::ensure_couch_server()?;
    crate::tools::ensure_build_tools()?;
    let chain = crate::serve::Flavour::Chain;
    crate::serve::release_build(chain, false)?;
    let (server, addr, accounts) = sync_backend(chain.dist(), port)?;
    println!("E2E_SYNC_URL=http://{addr} E2E_SYNC_ACCOUNTS='{accounts}'");
    println!("(pouchdb-server at {}; Ctrl+C to stop)", server.url());
    server.wait()
}
