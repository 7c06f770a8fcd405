//! `cargo xtask serve`: build the release app when its sources changed, and serve `dist/`
//! with a small static file server (std::net, a thread per connection).
//!
//! What a single-page app needs from its host: the right MIME types (`application/wasm` for
//! streaming compilation), the app's `index.html` for any extension-less path so deep links
//! and reloads work, brotli/gzip like a real host, and long caching only for hashed files.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crate::compress;
use crate::sh::{self, Result};
use crate::tools;

pub const DEFAULT_PORT: u16 = 8080;

/// `cargo xtask serve [--port N] [--no-build] [--rebuild]`.
pub fn command(args: &[String]) -> Result {
    let mut port = DEFAULT_PORT;
    let mut build = Build::IfStale;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = args.next().ok_or("--port needs a number")?;
                port = value
                    .parse()
                    .map_err(|_| format!("--port: `{value}` is not a port number"))?;
            }
            "--no-build" => build = Build::Never,
            "--rebuild" => build = Build::Always,
            other => return Err(format!("`serve` does not know `{other}`")),
        }
    }
    if build != Build::Never {
        tools::ensure_build_tools()?;
        release_build(build == Build::Always)?;
    }
    let dist = sh::root().join("dist");
    if !dist.join("index.html").is_file() {
        return Err(
            "dist/index.html is missing: run `cargo xtask serve` without --no-build".into(),
        );
    }
    let listener = bind(port)?;
    println!("\nAmends is served at http://127.0.0.1:{port}/  (Ctrl+C to stop)");
    accept_loop(listener, Site::start(dist, true));
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Build {
    Never,
    IfStale,
    Always,
}

/// `trunk build --release`, skipped when dist/ is newer than every source file (unless
/// `force`), so a second `cargo xtask serve` starts in seconds.
pub fn release_build(force: bool) -> Result {
    sh::step("release build (trunk build --release)", || {
        if !force {
            if let Some(reason) = fresh_dist() {
                println!("skipped: {reason} (use --rebuild to build anyway)");
                return Ok(());
            }
        }
        sh::run(sh::cmd("trunk").args(["build", "--release"]))
    })
}

/// Why dist/ can be served as it is, or None when it must be built.
fn fresh_dist() -> Option<String> {
    let root = sh::root();
    let built = fs::metadata(root.join("dist/index.html"))
        .and_then(|m| m.modified())
        .ok()?;
    let inputs = [
        "src",
        "domain/src",
        "www",
        "Cargo.toml",
        "Cargo.lock",
        "Trunk.toml",
        "domain/Cargo.toml",
    ];
    let newest = inputs
        .iter()
        .filter_map(|p| newest_mtime(&root.join(p)))
        .max()?;
    (newest <= built).then(|| "dist/ is newer than every source file".to_owned())
}

fn newest_mtime(path: &Path) -> Option<SystemTime> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    fs::read_dir(path)
        .ok()?
        .filter_map(|e| newest_mtime(&e.ok()?.path()))
        .max()
}

/// Binds 127.0.0.1:port (0 picks a free port).
pub fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        format!("cannot listen on 127.0.0.1:{port}: {e} (is another server using the port?)")
    })
}

/// Serves `dir` on 127.0.0.1:port from a background thread; returns the bound address.
pub fn spawn(dir: PathBuf, port: u16) -> Result<SocketAddr> {
    let listener = bind(port)?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let site = Site::start(dir, false);
    std::thread::spawn(move || accept_loop(listener, site));
    Ok(addr)
}

fn accept_loop(listener: TcpListener, site: Arc<Site>) {
    for stream in listener.incoming().flatten() {
        let site = Arc::clone(&site);
        std::thread::spawn(move || {
            // A dropped connection is the browser's business, not an error of ours.
            let _ = site.handle(stream);
        });
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

/// Compressed bodies by file and encoding, with the file's modification time they match.
type Cache = HashMap<(PathBuf, Encoding), (SystemTime, Arc<Vec<u8>>)>;

/// The directory served, and compressed bodies kept until their file changes.
struct Site {
    root: PathBuf,
    log: bool,
    compressed: Mutex<Cache>,
    /// Held while compressing, so concurrent first requests compress a file once.
    compressing: Mutex<()>,
}

/// One parsed request head.
struct Request {
    method: String,
    target: String,
    accept_encoding: String,
    close: bool,
}

impl Site {
    /// The site for `root`, with its files being compressed in the background.
    fn start(root: PathBuf, log: bool) -> Arc<Site> {
        let site = Arc::new(Site::new(root, log));
        let warming = Arc::clone(&site);
        std::thread::spawn(move || warming.warm());
        site
    }

    fn new(root: PathBuf, log: bool) -> Site {
        Site {
            root,
            log,
            compressed: Mutex::new(HashMap::new()),
            compressing: Mutex::new(()),
        }
    }

    /// Compresses every compressible file ahead of the first request for it.
    fn warm(&self) {
        let mut files = Vec::new();
        if crate::size::walk(&self.root, &mut files).is_err() {
            return;
        }
        for file in files.iter().filter(|f| is_compressible(mime_type(f))) {
            if let Ok(data) = fs::read(file) {
                let _ = self.compress(file, Encoding::Brotli, &data);
                let _ = self.compress(file, Encoding::Gzip, &data);
            }
        }
    }

    /// Answers requests on one connection until the client closes it or idles for 15 s.
    fn handle(&self, stream: TcpStream) -> std::io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(15)))?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut writer = stream;
        while let Some(request) = read_request(&mut reader)? {
            self.respond(&request, &mut writer)?;
            if request.close {
                break;
            }
        }
        Ok(())
    }

    fn respond(&self, req: &Request, out: &mut TcpStream) -> std::io::Result<()> {
        if req.method != "GET" && req.method != "HEAD" {
            return send(
                out,
                req,
                405,
                "text/plain; charset=utf-8",
                &[],
                b"method not allowed\n",
            );
        }
        let Some(file) = resolve(&self.root, &req.target) else {
            if self.log {
                println!("{} {} 404", req.method, req.target);
            }
            return send(
                out,
                req,
                404,
                "text/plain; charset=utf-8",
                &[],
                b"not found\n",
            );
        };
        let data = fs::read(&file)?;
        let mime = mime_type(&file);
        let mut headers = vec![("Cache-Control", cache_control(&file))];
        let body = if is_compressible(mime) {
            headers.push(("Vary", "Accept-Encoding"));
            match preferred_encoding(&req.accept_encoding) {
                Encoding::Identity => Arc::new(data),
                encoding => {
                    headers.push((
                        "Content-Encoding",
                        if encoding == Encoding::Brotli {
                            "br"
                        } else {
                            "gzip"
                        },
                    ));
                    self.compress(&file, encoding, &data)?
                }
            }
        } else {
            Arc::new(data)
        };
        if self.log {
            println!("{} {} 200 {} B", req.method, req.target, body.len());
        }
        send(out, req, 200, mime, &headers, &body)
    }

    /// The file's body in `encoding`, compressed once per version of the file.
    fn compress(
        &self,
        file: &Path,
        encoding: Encoding,
        data: &[u8],
    ) -> std::io::Result<Arc<Vec<u8>>> {
        let modified = fs::metadata(file)?.modified()?;
        let key = (file.to_path_buf(), encoding);
        let cache = || self.compressed.lock().unwrap_or_else(|e| e.into_inner());
        let cached = || {
            cache()
                .get(&key)
                .filter(|(when, _)| *when == modified)
                .map(|(_, body)| Arc::clone(body))
        };
        if let Some(body) = cached() {
            return Ok(body);
        }
        let _compressing = self.compressing.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(body) = cached() {
            return Ok(body);
        }
        let body = Arc::new(match encoding {
            Encoding::Brotli => compress::brotli(data),
            Encoding::Gzip => compress::gzip(data),
            Encoding::Identity => data.to_vec(),
        });
        cache().insert(key, (modified, Arc::clone(&body)));
        Ok(body)
    }
}

/// Reads one request head; None at a clean end of the connection.
fn read_request(reader: &mut impl BufRead) -> std::io::Result<Option<Request>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut words = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (words.next(), words.next(), words.next())
    else {
        return Ok(None);
    };
    let mut req = Request {
        method: method.to_owned(),
        target: target.to_owned(),
        accept_encoding: String::new(),
        close: version == "HTTP/1.0",
    };
    let mut head_bytes = line.len();
    loop {
        line.clear();
        let n = reader.read_line(&mut line)?;
        head_bytes += n;
        if n == 0 || head_bytes > 64 * 1024 {
            return Ok(None);
        }
        let header = line.trim_end();
        if header.is_empty() {
            return Ok(Some(req));
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "accept-encoding" => req.accept_encoding = value.to_owned(),
                "connection" => {
                    let v = value.to_ascii_lowercase();
                    if v.contains("close") {
                        req.close = true;
                    } else if v.contains("keep-alive") {
                        req.close = false;
                    }
                }
                _ => {}
            }
        }
    }
}

fn send(
    out: &mut TcpStream,
    req: &Request,
    status: u16,
    content_type: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: {}\r\n",
        body.len(),
        if req.close { "close" } else { "keep-alive" }
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if req.method != "HEAD" {
        out.write_all(body)?;
    }
    out.flush()
}

/// The file that answers a request target: the file itself, a directory's index.html, or,
/// for an extension-less path with no file (a route such as `/new`), the app's index.html.
/// None for a missing asset or a path that tries to leave the root.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let path = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for segment in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if segment == ".." || segment.contains(['\\', '\0']) {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    if file.is_file() {
        return Some(file);
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    (!last.contains('.')).then(|| root.join("index.html"))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn mime_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn is_compressible(mime: &str) -> bool {
    !mime.starts_with("image/png") && mime != "application/octet-stream" && mime != "image/x-icon"
}

/// Brotli when the client takes it, else gzip, else none (`q=0` means "not this one").
fn preferred_encoding(accept: &str) -> Encoding {
    let accepted = |name: &str| {
        accept.split(',').any(|item| {
            let mut parts = item.split(';').map(str::trim);
            parts.next() == Some(name)
                && !parts
                    .any(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0))
        })
    };
    if accepted("br") {
        Encoding::Brotli
    } else if accepted("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

/// Trunk names built assets with a content hash (`amends-1a2b…_bg.wasm`): those never change
/// and may be cached for a year. Everything else (index.html, sw.js, manifest) is revalidated.
fn cache_control(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let hashed = name
        .split(['-', '.', '_'])
        .any(|part| part.len() >= 16 && part.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html><h1>app</h1>").unwrap();
        fs::write(
            dir.join("amends-0123456789abcdef_bg.wasm"),
            [0u8, 97, 115, 109],
        )
        .unwrap();
        fs::write(dir.join("icons/icon.svg"), "<svg/>").unwrap();
        dir
    }

    #[test]
    fn routes_fall_back_to_the_app_and_missing_assets_do_not() {
        let root = site();
        let index = root.join("index.html");
        assert_eq!(resolve(&root, "/"), Some(index.clone()));
        assert_eq!(resolve(&root, "/new"), Some(index.clone()));
        assert_eq!(resolve(&root, "/follow-ups?x=1"), Some(index.clone()));
        assert_eq!(resolve(&root, "/log/2024/abc"), Some(index));
        assert_eq!(
            resolve(&root, "/icons/icon.svg"),
            Some(root.join("icons/icon.svg"))
        );
        assert_eq!(resolve(&root, "/missing.js"), None);
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/%2e%2e/secret.txt"), None);
    }

    #[test]
    fn types_encodings_and_caching() {
        assert_eq!(mime_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("a.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("m.webmanifest")),
            "application/manifest+json"
        );
        assert_eq!(
            preferred_encoding("gzip, deflate, br, zstd"),
            Encoding::Brotli
        );
        assert_eq!(preferred_encoding("gzip, br;q=0"), Encoding::Gzip);
        assert_eq!(preferred_encoding(""), Encoding::Identity);
        assert_eq!(
            cache_control(Path::new("amends-0123456789abcdef_bg.wasm")),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control(Path::new("index.html")), "no-cache");
        assert_eq!(cache_control(Path::new("sw.js")), "no-cache");
    }

    fn get(addr: SocketAddr, path: &str, extra: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut body = Vec::new();
        s.read_to_end(&mut body).unwrap();
        String::from_utf8_lossy(&body).into_owned()
    }

    #[test]
    fn serves_over_tcp_with_deep_links_and_compression() {
        let addr = spawn(site(), 0).unwrap();
        let deep = get(addr, "/dashboard", "");
        assert!(deep.starts_with("HTTP/1.1 200 OK"), "{deep}");
        assert!(deep.contains("text/html"), "{deep}");
        assert!(deep.ends_with("<h1>app</h1>"), "{deep}");
        let wasm = get(
            addr,
            "/amends-0123456789abcdef_bg.wasm",
            "Accept-Encoding: br\r\n",
        );
        assert!(wasm.contains("Content-Type: application/wasm"), "{wasm}");
        assert!(wasm.contains("Content-Encoding: br"), "{wasm}");
        assert!(get(addr, "/nope.css", "").starts_with("HTTP/1.1 404"));
    }
}
