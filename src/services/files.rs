//! Reading a file the user picked (policy files, backups, imports): bytes in, nothing stored.
//!
//! The browser reads the file (`Blob.arrayBuffer()`); callers validate the bytes
//! with the domain's loaders before anything is applied.

/// A file the user chose, read whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl PickedFile {
    /// The contents as UTF-8 text (a leading byte-order mark dropped).
    pub fn text(&self) -> Result<&str, FileError> {
        let b = self
            .bytes
            .strip_prefix(b"\xef\xbb\xbf")
            .unwrap_or(&self.bytes);
        std::str::from_utf8(b).map_err(|_| FileError::NotText)
    }

    /// The contents as owned UTF-8 text, for `Result::and_then` on a pick.
    pub fn into_text(self) -> Result<String, FileError> {
        self.text().map(str::to_owned)
    }
}

/// Why a picked file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("no file was chosen")]
    NoFile,
    #[error("the browser could not read the file")]
    Unreadable,
    #[error("the file is not text (UTF-8)")]
    NotText,
}

/// Reads the first file chosen in a file `<input>`.
#[cfg(target_arch = "wasm32")]
pub async fn read_first(input: &web_sys::HtmlInputElement) -> Result<PickedFile, FileError> {
    let file = input
        .files()
        .and_then(|l| l.get(0))
        .ok_or(FileError::NoFile)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileError::Unreadable)?;
    Ok(PickedFile {
        name: file.name(),
        bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
    })
}

/// Outside a browser there is no file to read.
#[cfg(not(target_arch = "wasm32"))]
pub async fn read_first(_input: &web_sys::HtmlInputElement) -> Result<PickedFile, FileError> {
    Err(FileError::NoFile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_drops_the_byte_order_mark_and_refuses_binary() {
        let f = PickedFile {
            name: "a".into(),
            bytes: b"\xef\xbb\xbf{}".to_vec(),
        };
        assert_eq!(f.text(), Ok("{}"));
        let g = PickedFile {
            name: "b".into(),
            bytes: vec![0xff, 0xfe],
        };
        assert_eq!(g.text(), Err(FileError::NotText));
    }
}
