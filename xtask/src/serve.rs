//! `cargo xtask serve`: build the release app when its sources changed, and serve `dist/`
//! the way a production host should: axum + tower-http's `ServeDir` with the precompressed
//! `.br`/`.gz` files, the app's `index.html` for app routes, long caching only for hashed
//! files, the security headers a `<meta>` cannot carry, and (with `--couch URL`) CouchDB on
//! the app's own origin under `/db/`, so the page's CSP keeps `connect-src 'self'`.

use std::convert::Infallible;
use std::fs;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::compress;
use crate::sh::{self, Result};
use crate::tools;

pub const DEFAULT_PORT: u16 = 8080;

/// Who may put Amends in a frame: the helpdesks' agent workspaces (Zendesk and Freshdesk,
/// whose apps run in iframes on these hosts). `--frame-ancestors` replaces the list.
pub const DEFAULT_FRAME_ANCESTORS: [&str; 5] = [
    "https://*.zendesk.com",
    "https://*.apps.zdusercontent.com",
    "https://*.freshdesk.com",
    "https://*.freshworks.com",
    "https://*.myfreshworks.com",
];

/// Which build: the device's, or the chain host's with sync to CouchDB (`--features chain`).
///
/// The sync client can only reach a CouchDB on the app's own origin (`connect-src 'self'`),
/// so only a host that proxies `/db/` needs it: that host serves `dist-chain/`; every other
/// host serves `dist/`, which carries none of the sync code (36 KB brotli).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    Device,
    Chain,
}

impl Flavour {
    pub const ALL: [Flavour; 2] = [Flavour::Device, Flavour::Chain];

    /// The directory trunk writes this build to.
    pub fn dir_name(self) -> &'static str {
        match self {
            Flavour::Device => "dist",
            Flavour::Chain => "dist-chain",
        }
    }

    pub fn dist(self) -> PathBuf {
        sh::root().join(self.dir_name())
    }

    fn trunk_args(self) -> &'static [&'static str] {
        match self {
            Flavour::Device => &["build", "--release"],
            Flavour::Chain => &[
                "build",
                "--release",
                "--features",
                "chain",
                "--dist",
                "dist-chain",
            ],
        }
    }
}

/// How the site is served: the directory, who may frame it, and the CouchDB behind `/db/`.
#[derive(Clone, Debug)]
pub struct Options {
    pub dist: PathBuf,
    pub frame_ancestors: Vec<String>,
    pub couch: Option<Upstream>,
    pub log: bool,
}

impl Options {
    pub fn new(dist: PathBuf) -> Options {
        Options {
            dist,
            frame_ancestors: DEFAULT_FRAME_ANCESTORS.map(str::to_owned).to_vec(),
            couch: None,
            log: false,
        }
    }
}

/// `cargo xtask serve [--port N] [--no-build] [--rebuild] [--couch URL] [--frame-ancestors LIST]`.
pub fn command(args: &[String]) -> Result {
    let mut port = DEFAULT_PORT;
    let mut build = Build::IfStale;
    let mut options = Options::new(sh::root().join("dist"));
    options.log = true;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |what: &str| args.next().ok_or(format!("{arg} needs {what}"));
        match arg.as_str() {
            "--port" => {
                let value = value("a number")?;
                port = value
                    .parse()
                    .map_err(|_| format!("--port: `{value}` is not a port number"))?;
            }
            "--no-build" => build = Build::Never,
            "--rebuild" => build = Build::Always,
            "--couch" => {
                let upstream = Upstream::parse(value("the CouchDB address")?)?;
                if upstream.basic_auth.is_some() {
                    return Err(
                        "--couch: leave the login out of the address: the proxy passes \
                                each browser's own CouchDB login, never one of its own"
                            .into(),
                    );
                }
                options.couch = Some(upstream);
            }
            "--frame-ancestors" => {
                options.frame_ancestors = parse_frame_ancestors(value("a list of origins")?)?
            }
            other => return Err(format!("`serve` does not know `{other}`")),
        }
    }
    // With a CouchDB behind /db/, the build that syncs to it.
    let flavour = match options.couch {
        Some(_) => Flavour::Chain,
        None => Flavour::Device,
    };
    options.dist = flavour.dist();
    if build != Build::Never {
        tools::ensure_build_tools()?;
        release_build(flavour, build == Build::Always)?;
    }
    let listener = bind(port)?;
    let router = site(&options)?;
    println!("\nAmends is served at http://127.0.0.1:{port}/  (Ctrl+C to stop)");
    if let Some(couch) = &options.couch {
        println!("/db/ is forwarded to the CouchDB at {}", couch.display());
    }
    runtime()?.block_on(serve(listener, router))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Build {
    Never,
    IfStale,
    Always,
}

/// `trunk build --release` of one flavour, skipped when its directory is newer than every
/// source file (unless `force`), so a second `cargo xtask serve` starts in seconds; then the
/// `.br`/`.gz` files.
pub fn release_build(flavour: Flavour, force: bool) -> Result {
    let name = flavour.dir_name();
    sh::step(
        &format!("release build into {name}/ (trunk build --release)"),
        || {
            if !force {
                if let Some(reason) = fresh_dist(flavour) {
                    println!("skipped: {reason} (use --rebuild to build anyway)");
                    return Ok(());
                }
            }
            sh::run(sh::cmd("trunk").args(flavour.trunk_args()))
        },
    )?;
    sh::step(
        &format!("precompressed .br and .gz files in {name}/"),
        || {
            let dist = flavour.dist();
            compress::remove_stale(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;
            let written =
                compress::precompress(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;
            println!("{written} written");
            Ok(())
        },
    )
}

/// Why a build's directory can be served as it is, or None when it must be built.
fn fresh_dist(flavour: Flavour) -> Option<String> {
    let root = sh::root();
    let built = fs::metadata(flavour.dist().join("index.html"))
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
    (newest <= built).then(|| format!("{}/ is newer than every source file", flavour.dir_name()))
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
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        format!("cannot listen on 127.0.0.1:{port}: {e} (is another server using the port?)")
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("127.0.0.1:{port}: {e}"))?;
    Ok(listener)
}

/// A tokio runtime with two workers (the machine's cores; requests are small).
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}

async fn serve(listener: TcpListener, router: Router) -> Result {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
    axum::serve(listener, router)
        .await
        .map_err(|e| format!("server stopped: {e}"))
}

/// Serves `dir` on 127.0.0.1:port from a background thread; returns the bound address.
pub fn spawn(dir: PathBuf, port: u16) -> Result<SocketAddr> {
    spawn_with(Options::new(dir), port)
}

/// Serves with `options` on 127.0.0.1:port from a background thread.
pub fn spawn_with(options: Options, port: u16) -> Result<SocketAddr> {
    let listener = bind(port)?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let router = site(&options)?;
    let runtime = runtime()?;
    std::thread::spawn(move || {
        if let Err(e) = runtime.block_on(serve(listener, router)) {
            eprintln!("xtask serve: {e}");
        }
    });
    Ok(addr)
}

/// The whole site: `/db/` to CouchDB when configured, every other path from `dist`.
/// Stale `.br`/`.gz` files are removed first and missing ones written in the background.
pub fn site(options: &Options) -> Result<Router> {
    let dist = &options.dist;
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index).map_err(|_| {
        format!(
            "{} is missing: run `cargo xtask serve` without --no-build",
            index.display()
        )
    })?;
    let csp = content_security_policy(&html, &options.frame_ancestors)?;
    compress::remove_stale(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let warming = dist.clone();
    std::thread::spawn(move || {
        // Until a file's .br/.gz exists, it is sent uncompressed: slower, never wrong.
        let _ = compress::precompress(&warming);
    });

    let spa = tower::service_fn(move |req: Request| {
        let index = index.clone();
        async move { Ok::<_, Infallible>(app_route(index, req).await) }
    });
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(spa);

    let mut router: Router = Router::new();
    if let Some(couch) = &options.couch {
        let proxy = Arc::new(Proxy::new(couch.clone()));
        router = Router::new()
            .route("/db", any(forward))
            .route("/db/", any(forward))
            .route("/db/{*rest}", any(forward))
            .with_state(proxy);
    }
    let mut router = router
        .fallback_service(files)
        .layer(middleware::from_fn(caching))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&csp).map_err(|e| format!("the CSP header: {e}"))?,
        ));
    for (name, value) in SECURITY_HEADERS {
        router = router.layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    if options.log {
        router = router.layer(middleware::from_fn(log));
    }
    Ok(router)
}

/// Headers for every response, besides the CSP.
const SECURITY_HEADERS: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    // Helpdesk links carry customer names in the query: never pass a URL on.
    ("referrer-policy", "no-referrer"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// A path that no file answers: the app for an extension-less route (`/new`, `/log/abc`),
/// so deep links and reloads work; 404 for a missing asset (`/missing.js`).
async fn app_route(index: PathBuf, req: Request) -> Response {
    let path = req.uri().path();
    let last = path.rsplit('/').next().unwrap_or_default();
    let climbs = path.split('/').any(|segment| {
        matches!(
            segment.to_ascii_lowercase().as_str(),
            ".." | "%2e%2e" | ".%2e" | "%2e."
        )
    });
    if last.contains('.') || climbs {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    match ServeFile::new(index)
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(req)
        .await
    {
        Ok(res) => res.map(Body::new),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")).into_response(),
    }
}

/// Long caching for hashed files only, `Vary: Accept-Encoding` on every file (the same URL
/// answers with brotli, gzip or none). CouchDB's own responses pass untouched.
async fn caching(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    if path == "/db" || path.starts_with("/db/") {
        return res;
    }
    let name = path.rsplit('/').next().unwrap_or_default();
    let headers = res.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(name)),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}

async fn log(req: Request, next: Next) -> Response {
    let line = format!("{} {}", req.method(), req.uri());
    let res = next.run(req).await;
    println!("{line} {}", res.status().as_u16());
    res
}

/// Trunk names built assets with a content hash (`amends-1a2b…_bg.wasm`): those never change
/// and may be cached for a year. Everything else (index.html, sw.js, manifest) is revalidated.
fn cache_control(name: &str) -> &'static str {
    let hashed = name
        .split(['-', '.', '_'])
        .any(|part| part.len() >= 16 && part.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// The page's own policy (its `<meta http-equiv="Content-Security-Policy">`, one source of
/// truth) plus `frame-ancestors`, which browsers ignore in a meta tag.
fn content_security_policy(index_html: &str, frame_ancestors: &[String]) -> Result<String> {
    let lower = index_html.to_ascii_lowercase();
    let at = lower
        .find("http-equiv=\"content-security-policy\"")
        .ok_or("index.html has no Content-Security-Policy meta tag")?;
    let start = lower[..at].rfind('<').unwrap_or(0);
    let end = at
        + lower[at..]
            .find('>')
            .ok_or("index.html: unclosed CSP meta tag")?;
    let tag = &index_html[start..end];
    let content = tag
        .split_once("content=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(value, _)| value.trim().trim_end_matches(';').trim())
        .ok_or("index.html: the CSP meta tag has no content")?;
    if content.contains("frame-ancestors") {
        return Err("index.html's CSP names frame-ancestors, which only a header can".into());
    }
    let ancestors = if frame_ancestors.is_empty() {
        "'self'".to_owned()
    } else {
        format!("'self' {}", frame_ancestors.join(" "))
    };
    Ok(format!("{content}; frame-ancestors {ancestors}"))
}

/// `--frame-ancestors`: origins separated by commas or spaces (`https://*.zendesk.com`), or
/// `none` for no frame but our own. Anything else (a path, a quote, a keyword) is refused,
/// so the option cannot widen the policy by accident or break the header.
fn parse_frame_ancestors(list: &str) -> Result<Vec<String>> {
    if list.trim() == "none" {
        return Ok(Vec::new());
    }
    list.split([',', ' '])
        .filter(|s| !s.is_empty())
        .map(|origin| {
            let host = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))
                .ok_or(format!(
                    "--frame-ancestors: `{origin}` is not an origin (https://host)"
                ))?;
            let host = host.strip_prefix("*.").unwrap_or(host);
            let valid = !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'));
            if valid {
                Ok(origin.to_owned())
            } else {
                Err(format!(
                    "--frame-ancestors: `{origin}` is not an origin (https://host or https://*.host)"
                ))
            }
        })
        .collect()
}

/// A CouchDB address: `http://[user:password@]host[:port][/path]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upstream {
    /// `http://host:port`
    pub origin: String,
    /// `host:port`, for the Host header.
    pub authority: String,
    /// The path CouchDB is mounted on, without a trailing slash (usually empty).
    pub base: String,
    /// `user:password` when the address carries a login.
    pub basic_auth: Option<String>,
}

impl Upstream {
    pub fn parse(url: &str) -> Result<Upstream> {
        let rest = url.strip_prefix("http://").ok_or_else(|| {
            if url.starts_with("https://") {
                format!(
                    "`{url}`: this local tool speaks plain http to CouchDB (on this machine or \
                     a private network); put nginx or Caddy (see README) in front of a TLS one"
                )
            } else {
                format!("`{url}` is not an http:// address")
            }
        })?;
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let (basic_auth, host) = match authority.rsplit_once('@') {
            Some((login, host)) => (Some(login.to_owned()), host),
            None => (None, authority),
        };
        if host.is_empty() || !host.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(format!("`{url}` has no host"));
        }
        if path.contains(['?', '#']) {
            return Err(format!(
                "`{url}`: give the server's address without a query"
            ));
        }
        Ok(Upstream {
            origin: format!("http://{host}"),
            authority: host.to_owned(),
            base: path.trim_end_matches('/').to_owned(),
            basic_auth,
        })
    }

    /// The address without its login, for messages.
    pub fn display(&self) -> String {
        format!("{}{}", self.origin, self.base)
    }
}

/// The reverse proxy in front of CouchDB: hyper-util's pooled HTTP/1 client.
pub struct Proxy {
    upstream: Upstream,
    client: Client<HttpConnector, Body>,
}

impl Proxy {
    pub fn new(upstream: Upstream) -> Proxy {
        Proxy {
            upstream,
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }
}

/// Headers that belong to one hop (RFC 9110 7.6.1) and are not forwarded either way.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

fn strip_hop_by_hop(headers: &mut axum::http::HeaderMap) {
    let named: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
}

/// `/db/rest?query` to `<couch>/rest?query`: method, headers (the browser's own login or
/// session cookie among them) and body streamed both ways, so `_changes` feeds work.
async fn forward(State(proxy): State<Arc<Proxy>>, req: Request) -> Response {
    let target = req
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    let rest = target.strip_prefix("/db").unwrap_or(target);
    let rest = if rest.starts_with('/') {
        rest.to_owned()
    } else {
        format!("/{rest}")
    };
    let up = &proxy.upstream;
    let Ok(uri) = format!("{}{}{rest}", up.origin, up.base).parse::<Uri>() else {
        return (StatusCode::BAD_REQUEST, "bad path\n").into_response();
    };
    let (mut parts, body) = req.into_parts();
    strip_hop_by_hop(&mut parts.headers);
    if let Ok(host) = HeaderValue::from_str(&up.authority) {
        parts.headers.insert(header::HOST, host);
    }
    parts.headers.insert(
        HeaderName::from_static("x-forwarded-proto"),
        HeaderValue::from_static("http"),
    );
    parts.uri = uri;
    match proxy.client.request(Request::from_parts(parts, body)).await {
        Ok(res) => {
            let mut res = res.map(Body::new);
            strip_hop_by_hop(res.headers_mut());
            res
        }
        Err(e) => (
            StatusCode::BAD_GATEWAY,
            format!("CouchDB at {} did not answer: {e}\n", up.display()),
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream;

    fn site_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::create_dir_all(dir.join("locales")).unwrap();
        fs::write(
            dir.join("index.html"),
            "<!doctype html><meta http-equiv=\"Content-Security-Policy\"\n  \
             content=\"default-src 'self'; connect-src 'self'\" /><h1>app</h1>",
        )
        .unwrap();
        fs::write(
            dir.join("amends-0123456789abcdef_bg.wasm"),
            [0u8, 97, 115, 109].repeat(400),
        )
        .unwrap();
        fs::write(dir.join("icons/icon.svg"), "<svg/>").unwrap();
        fs::write(
            dir.join("sw.js"),
            "self.addEventListener('fetch', () => {});",
        )
        .unwrap();
        fs::write(dir.join("locales/en.json"), "{\"hello\": \"Hello\"}").unwrap();
        compress::precompress(&dir).unwrap();
        dir
    }

    /// One raw HTTP/1.1 exchange; the whole response as text (bodies here are small).
    fn exchange(addr: SocketAddr, request: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        String::from_utf8_lossy(&out).into_owned()
    }

    fn get(addr: SocketAddr, path: &str, extra: &str) -> String {
        exchange(
            addr,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n"),
        )
    }

    fn has(response: &str, header_line: &str) -> bool {
        response
            .to_ascii_lowercase()
            .contains(&header_line.to_ascii_lowercase())
    }

    #[test]
    fn routes_fall_back_to_the_app_and_missing_assets_do_not() {
        let addr = spawn(site_dir("routes"), 0).unwrap();
        for route in [
            "/",
            "/new",
            "/follow-ups?x=1",
            "/log/2024/abc",
            "/dashboard",
        ] {
            let res = get(addr, route, "");
            assert!(res.starts_with("HTTP/1.1 200"), "{route}: {res}");
            assert!(has(&res, "content-type: text/html"), "{route}: {res}");
            assert!(res.ends_with("<h1>app</h1>"), "{route}: {res}");
            assert!(has(&res, "cache-control: no-cache"), "{route}: {res}");
        }
        let svg = get(addr, "/icons/icon.svg", "");
        assert!(
            svg.starts_with("HTTP/1.1 200") && svg.ends_with("<svg/>"),
            "{svg}"
        );
        for missing in ["/missing.js", "/../etc/passwd", "/%2e%2e/secret.txt"] {
            let res = get(addr, missing, "");
            assert!(
                res.starts_with("HTTP/1.1 404") || res.starts_with("HTTP/1.1 400"),
                "{missing}: {res}"
            );
        }
        let post = exchange(
            addr,
            "POST /sw.js HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
    }

    #[test]
    fn service_worker_and_versioned_locales_are_served() {
        let addr = spawn(site_dir("sw"), 0).unwrap();
        let sw = get(addr, "/sw.js", "");
        assert!(sw.starts_with("HTTP/1.1 200"), "{sw}");
        assert!(has(&sw, "content-type: text/javascript"), "{sw}");
        assert!(has(&sw, "cache-control: no-cache"), "{sw}");
        let locale = get(addr, "/locales/en.json?v=abc123", "");
        assert!(locale.starts_with("HTTP/1.1 200"), "{locale}");
        assert!(has(&locale, "content-type: application/json"), "{locale}");
        assert!(locale.ends_with("{\"hello\": \"Hello\"}"), "{locale}");
    }

    #[test]
    fn precompressed_bodies_types_and_caching() {
        let dir = site_dir("enc");
        let addr = spawn(dir.clone(), 0).unwrap();
        let wasm_path = "/amends-0123456789abcdef_bg.wasm";
        let br = get(addr, wasm_path, "Accept-Encoding: gzip, deflate, br\r\n");
        assert!(has(&br, "content-type: application/wasm"), "{br}");
        assert!(has(&br, "content-encoding: br"), "{br}");
        assert!(has(&br, "vary: accept-encoding"), "{br}");
        assert!(
            has(&br, "cache-control: public, max-age=31536000, immutable"),
            "{br}"
        );
        let br_len = fs::metadata(dir.join("amends-0123456789abcdef_bg.wasm.br"))
            .unwrap()
            .len();
        assert!(has(&br, &format!("content-length: {br_len}")), "{br}");
        let gz = get(addr, wasm_path, "Accept-Encoding: gzip, br;q=0\r\n");
        assert!(has(&gz, "content-encoding: gzip"), "{gz}");
        let plain = get(addr, wasm_path, "");
        assert!(!has(&plain, "content-encoding"), "{plain}");
        assert!(has(&plain, "content-length: 1600"), "{plain}");
        // An app route gets the precompressed index.html too.
        let route = get(addr, "/new", "Accept-Encoding: br\r\n");
        assert!(has(&route, "content-encoding: br"), "{route}");
    }

    #[test]
    fn security_headers_carry_frame_ancestors() {
        let mut options = Options::new(site_dir("csp"));
        options.frame_ancestors = parse_frame_ancestors("https://*.zendesk.com").unwrap();
        let addr = spawn_with(options, 0).unwrap();
        let res = get(addr, "/", "");
        assert!(
            has(
                &res,
                "content-security-policy: default-src 'self'; connect-src 'self'; \
                 frame-ancestors 'self' https://*.zendesk.com\r\n"
            ),
            "{res}"
        );
        assert!(has(&res, "x-content-type-options: nosniff"), "{res}");
        assert!(has(&res, "referrer-policy: no-referrer"), "{res}");
        let missing = get(addr, "/nope.css", "");
        assert!(
            has(&missing, "frame-ancestors 'self' https://"),
            "{missing}"
        );
    }

    #[test]
    fn frame_ancestors_take_origins_only() {
        assert_eq!(
            parse_frame_ancestors("https://*.zendesk.com, https://help.example.com:8443").unwrap(),
            ["https://*.zendesk.com", "https://help.example.com:8443"]
        );
        assert_eq!(parse_frame_ancestors("none").unwrap(), Vec::<String>::new());
        for bad in [
            "*",
            "https://x.com/path",
            "'unsafe-inline'",
            "https://a.com;script-src",
            "zendesk.com",
        ] {
            assert!(parse_frame_ancestors(bad).is_err(), "{bad}");
        }
        let html = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';\">";
        assert_eq!(
            content_security_policy(html, &[]).unwrap(),
            "default-src 'self'; frame-ancestors 'self'"
        );
        assert!(content_security_policy("<p>no policy</p>", &[]).is_err());
    }

    #[test]
    fn the_real_page_policy_is_found_and_keeps_connect_self() {
        let html = fs::read_to_string(sh::root().join("www/index.html")).unwrap();
        let defaults = DEFAULT_FRAME_ANCESTORS.map(str::to_owned);
        let csp = content_security_policy(&html, &defaults).unwrap();
        assert!(csp.contains("connect-src 'self';"), "{csp}");
        assert!(
            csp.ends_with("frame-ancestors 'self' https://*.zendesk.com https://*.apps.zdusercontent.com https://*.freshdesk.com https://*.freshworks.com https://*.myfreshworks.com"),
            "{csp}"
        );
    }

    #[test]
    fn couch_addresses() {
        let up = Upstream::parse("http://admin:s3cret@127.0.0.1:5984/couch/").unwrap();
        assert_eq!(up.origin, "http://127.0.0.1:5984");
        assert_eq!(up.base, "/couch");
        assert_eq!(up.basic_auth.as_deref(), Some("admin:s3cret"));
        assert_eq!(up.display(), "http://127.0.0.1:5984/couch");
        assert!(Upstream::parse("https://x.cloudant.com").is_err());
        assert!(Upstream::parse("127.0.0.1:5984").is_err());
    }

    /// A stand-in CouchDB: answers every request with what it received.
    fn echo_server() -> SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || {
                    let mut stream = stream;
                    let mut buf = vec![0u8; 8192];
                    let mut got = Vec::new();
                    // The head, then the body by Content-Length.
                    loop {
                        let n = stream.read(&mut buf).unwrap_or(0);
                        if n == 0 {
                            break;
                        }
                        got.extend_from_slice(&buf[..n]);
                        let text = String::from_utf8_lossy(&got).to_string();
                        if let Some(end) = text.find("\r\n\r\n") {
                            let len = text
                                .to_ascii_lowercase()
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length: ")?.parse().ok())
                                .unwrap_or(0usize);
                            if got.len() >= end + 4 + len {
                                break;
                            }
                        }
                    }
                    let body = String::from_utf8_lossy(&got).replace("\r\n", "\n");
                    let _ = write!(
                        stream,
                        "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nConnection: close\r\n\
                         Keep-Alive: timeout=5\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                });
            }
        });
        addr
    }

    #[test]
    fn db_is_forwarded_with_method_query_login_and_body() {
        let couch = echo_server();
        let mut options = Options::new(site_dir("proxy"));
        options.couch = Some(Upstream::parse(&format!("http://{couch}")).unwrap());
        let addr = spawn_with(options, 0).unwrap();
        let res = exchange(
            addr,
            "PUT /db/amends-store-1/rec%3A1?new_edits=false HTTP/1.1\r\nHost: app\r\n\
             Authorization: Basic c3RvcmU6cHc=\r\nContent-Type: application/json\r\n\
             Content-Length: 9\r\nConnection: close\r\n\r\n{\"a\": 1}\n",
        );
        assert!(res.starts_with("HTTP/1.1 201"), "{res}");
        assert!(
            res.contains("PUT /amends-store-1/rec%3A1?new_edits=false HTTP/1.1"),
            "{res}"
        );
        assert!(has(&res, &format!("\nhost: {couch}\n")), "{res}");
        assert!(has(&res, "authorization: Basic c3RvcmU6cHc="), "{res}");
        assert!(res.ends_with("{\"a\": 1}\n"), "{res}");
        assert!(
            !has(&res, "keep-alive: timeout"),
            "hop-by-hop header passed: {res}"
        );
        let root = get(addr, "/db/", "");
        assert!(
            res.starts_with("HTTP/1.1 201") && root.contains("GET / HTTP/1.1"),
            "{root}"
        );
        // Files are still served beside the proxy.
        assert!(get(addr, "/new", "").ends_with("<h1>app</h1>"));
    }

    #[test]
    fn a_couch_that_does_not_answer_is_a_502_with_the_reason() {
        let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let dead = free.local_addr().unwrap();
        drop(free);
        let mut options = Options::new(site_dir("dead"));
        options.couch = Some(Upstream::parse(&format!("http://{dead}")).unwrap());
        let addr = spawn_with(options, 0).unwrap();
        let res = get(addr, "/db/_session", "");
        assert!(res.starts_with("HTTP/1.1 502"), "{res}");
        assert!(res.contains("did not answer"), "{res}");
    }
}
