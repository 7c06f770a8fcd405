//! The one place the app reads the wall clock, so time can be reasoned about (ms since epoch, UTC).

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
}

/// Minutes to add to UTC for the device's local time at `ms` (daylight saving included):
/// 120 in Stockholm in summer. 0 where there is no browser (native tests).
pub fn local_offset_min(ms: i64) -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        // getTimezoneOffset is UTC minus local, in whole minutes for every zone in use.
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        -(d.get_timezone_offset() as i32)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ms;
        0
    }
}
