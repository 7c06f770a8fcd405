//! The only code that talks to the chain's CouchDB: `fetch` on the app's own origin (the
//! host proxies `/db/` to CouchDB, so the CSP keeps `connect-src 'self'`), signed in with
//! a session cookie from `POST /db/_session` (the password is sent once and never kept).
//! What to send and how to read the answers is the domain's (`amends_domain::sync`).

use serde_json::Value;

/// Why a request to the chain's server failed, in terms the status line can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NetError {
    /// No answer at all (offline, or the server is down).
    #[error("no answer from the server")]
    Offline,
    /// 401: the login was refused or the session ended.
    #[error("the server asks to sign in again")]
    SignedOut,
    /// 403 (or a refusal in a bulk answer): the server's own reason.
    #[error("{0}")]
    Refused(String),
    /// Any other status, with the server's reason when it gave one.
    #[error("the server answered {0}: {1}")]
    Status(u16, String),
    /// The answer is not what CouchDB sends.
    #[error("{0}")]
    Protocol(String),
    /// Erasures (`.0` records) wait on this device: the server lets only a manager's
    /// login erase, and this device signs in with another.
    #[error("{0} erased records wait for a manager's login")]
    ErasureNeedsManager(usize),
    /// Signed in, but the login (`.0`) is not an account of store `.1`.
    #[error("{0} is not an account of store {1}")]
    NotMember(String, String),
}

impl From<amends_domain::sync::SyncError> for NetError {
    fn from(e: amends_domain::sync::SyncError) -> NetError {
        NetError::Protocol(e.to_string())
    }
}

/// Who the server says is signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub name: String,
    pub roles: Vec<String>,
}

impl Session {
    pub fn is_head_office(&self) -> bool {
        self.roles.iter().any(|r| r == "amends-head-office")
    }

    pub fn is_manager(&self) -> bool {
        self.roles
            .iter()
            .any(|r| r == "amends-manager" || r == "amends-head-office")
    }

    fn of(v: &Value) -> Option<Session> {
        let ctx = v.get("userCtx").unwrap_or(v);
        Some(Session {
            name: ctx.get("name")?.as_str()?.to_owned(),
            roles: (ctx.get("roles")?.as_array()?.iter())
                .filter_map(|r| r.as_str().map(str::to_owned))
                .collect(),
        })
    }
}

/// The server's reason in an error body (`{"error": ..., "reason": ...}`).
fn reason(body: &str) -> String {
    serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v.get("reason")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One request; `Ok((status, body))` for 2xx and 404 (a missing checkpoint is an answer).
/// A boxed future: awaiting it does not copy its state machine into every caller (the
/// sync loop awaits a dozen requests; inlined, they cost the wasm tens of KB).
pub type Boxed<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>>;

pub fn request<'a>(
    method: &'a str,
    url: &'a str,
    body: Option<&'a str>,
) -> Boxed<'a, Result<(u16, String), NetError>> {
    Box::pin(async move {
        let (status, text) = send(method, url, body).await?;
        match status {
            200..=299 | 404 => Ok((status, text)),
            401 => Err(NetError::SignedOut),
            403 => Err(NetError::Refused(reason(&text))),
            s => Err(NetError::Status(s, reason(&text))),
        }
    })
}

#[cfg(target_arch = "wasm32")]
async fn send(method: &str, url: &str, body: Option<&str>) -> Result<(u16, String), NetError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"Accept".into(), &"application/json".into());
    if let Some(body) = body {
        let _ = js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/json".into());
        init.set_body(&body.into());
    }
    init.set_headers(&headers);
    let answer = JsFuture::from(gloo::utils::window().fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| NetError::Offline)?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| NetError::Offline)?;
    let text = match response.text() {
        Ok(p) => JsFuture::from(p).await.map_err(|_| NetError::Offline)?,
        Err(_) => return Err(NetError::Offline),
    };
    Ok((response.status(), text.as_string().unwrap_or_default()))
}

#[cfg(not(target_arch = "wasm32"))]
async fn send(_: &str, _: &str, _: Option<&str>) -> Result<(u16, String), NetError> {
    Err(NetError::Offline)
}

/// Signs in: the server sets the session cookie; the password is not kept anywhere.
pub async fn sign_in(server: &str, name: &str, password: &str) -> Result<Session, NetError> {
    let body = serde_json::json!({ "name": name, "password": password }).to_string();
    let (_, text) = request("POST", &format!("{server}/_session"), Some(&body)).await?;
    let v: Value = serde_json::from_str(&text).map_err(|e| NetError::Protocol(e.to_string()))?;
    let mut s =
        Session::of(&v).ok_or_else(|| NetError::Protocol(text.chars().take(200).collect()))?;
    if s.name.is_empty() {
        s.name = name.to_owned();
    }
    Ok(s)
}

/// Who the session cookie signs in, if anyone.
pub async fn session(server: &str) -> Result<Option<Session>, NetError> {
    let (_, text) = request("GET", &format!("{server}/_session"), None).await?;
    let v: Value = serde_json::from_str(&text).map_err(|e| NetError::Protocol(e.to_string()))?;
    Ok(Session::of(&v).filter(|s| !s.name.is_empty()))
}

/// Whether the browser believes it is online (a hint: a request still decides).
pub fn online() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        gloo::utils::window().navigator().on_line()
    }
    #[cfg(not(target_arch = "wasm32"))]
    true
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = ms;
}
