//! Copying ready text (apologies, resolutions, follow-ups) into a ticket or chat.

/// Writes `text` to the clipboard; resolves to whether the browser accepted it.
pub async fn copy(text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let clipboard = gloo::utils::window().navigator().clipboard();
        wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
            .await
            .is_ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        false
    }
}
