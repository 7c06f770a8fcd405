//! Saving text as a file the user keeps (a record when storage fails, exports, backups).

/// "2026-11-27" for file names (UTC).
pub fn file_date(now: i64) -> String {
    amends_domain::time::iso8601(now).chars().take(10).collect()
}

/// The two forms the log is exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// For spreadsheets: UTF-8, formula injection neutralised (`export::to_csv`).
    Csv,
    /// One JSON record per line, the form `import_jsonl` reads back.
    Jsonl,
}

/// Offers `records` as a log file in `format`; returns the file name, or `None` when the
/// browser did not start the download. The CSV names `store` on every row, gives the
/// opening time in the device's zone beside UTC, and remedies in the catalogue's words.
pub fn save_log(
    records: Vec<&amends_domain::RecoveryRecord>,
    format: LogFormat,
    now: i64,
    store: &str,
) -> Option<String> {
    use amends_domain::export::{to_csv, to_jsonl, CsvContext};
    let date = file_date(now);
    let (name, mime, text) = match format {
        LogFormat::Csv => (
            format!("amends-log-{date}.csv"),
            "text/csv;charset=utf-8",
            to_csv(
                records,
                &CsvContext {
                    store,
                    local_offset_min: &crate::services::clock::local_offset_min,
                    remedy_name: &|k| crate::i18n::remedy(k).to_string(),
                },
            ),
        ),
        LogFormat::Jsonl => (
            format!("amends-log-{date}.jsonl"),
            "application/x-ndjson",
            to_jsonl(records),
        ),
    };
    save_text(&name, mime, &text).then_some(name)
}

/// Offers `text` as a download named `filename` with the given MIME type.
pub fn save_text(filename: &str, mime: &str, text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return false;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return false;
        };
        let document = gloo::utils::document();
        let Ok(a) = document
            .create_element("a")
            .map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>())
        else {
            return false;
        };
        a.set_href(&url);
        a.set_download(filename);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        true
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (filename, mime, text);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::file_date;

    #[test]
    fn file_names_carry_the_date() {
        assert_eq!(file_date(1_795_801_746_123), "2026-11-27");
    }
}
