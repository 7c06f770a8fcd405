//! Saving text as a file the user keeps (a record when storage fails, exports, backups).

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
