//! gzip and brotli at their highest settings, as a static host would pre-compress, and the
//! `.br`/`.gz` files beside the build's text files that the local server (tower-http's
//! `ServeDir`) and a production host (nginx `brotli_static`/`gzip_static`, Caddy
//! `precompressed`) send to browsers that accept them.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// gzip, level 9.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(data)
        .expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

/// brotli, quality 11, 4 MiB window.
pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer
            .write_all(data)
            .expect("writing to a Vec cannot fail");
    }
    out
}

/// The files worth compressing: text and wasm (not png/ico, already compressed).
pub fn is_compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "mjs" | "css" | "wasm" | "json" | "webmanifest" | "svg" | "txt")
    )
}

/// `file.br` or `file.gz` beside `file`.
fn sibling(file: &Path, ext: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Whether `derived` exists and was written after `source` last changed.
fn fresh(source: &Path, derived: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(source), modified(derived)), (Some(s), Some(d)) if d >= s)
}

/// The compressible files under `dir`.
fn sources(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    crate::size::walk(dir, &mut files).map_err(std::io::Error::other)?;
    files.retain(|f| is_compressible(f));
    Ok(files)
}

/// Deletes every `.br`/`.gz` under `dir` older than its source, or without one, so that a
/// stale body is never sent. Fast (metadata only); run before serving.
pub fn remove_stale(dir: &Path) -> std::io::Result<usize> {
    let mut files = Vec::new();
    crate::size::walk(dir, &mut files).map_err(std::io::Error::other)?;
    let mut removed = 0;
    for file in files {
        let Some("br" | "gz") = file.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        let source = file.with_extension("");
        if !is_compressible(&source) || !fresh(&source, &file) {
            fs::remove_file(&file)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes `file.br` and `file.gz` beside every compressible file under `dir` that lacks a
/// fresh one; each is written to a temporary name and renamed, so a server reading the
/// directory meanwhile sees a whole file or none. Returns how many it wrote.
pub fn precompress(dir: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    for file in sources(dir)? {
        for (ext, compress) in [("br", brotli as fn(&[u8]) -> Vec<u8>), ("gz", gzip)] {
            let target = sibling(&file, ext);
            if fresh(&file, &target) {
                continue;
            }
            let data = fs::read(&file)?;
            let partial = sibling(&file, &format!("{ext}.partial"));
            fs::write(&partial, compress(&data))?;
            fs::rename(&partial, &target)?;
            written += 1;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn precompressed_files_are_written_once_and_stale_ones_removed() {
        let dir = std::env::temp_dir().join(format!("xtask-precompress-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("locales")).unwrap();
        fs::write(dir.join("app.js"), "let a = 1;".repeat(100)).unwrap();
        fs::write(dir.join("locales/en.json"), "{}").unwrap();
        fs::write(dir.join("icon.png"), [137u8, 80, 78, 71]).unwrap();
        assert_eq!(precompress(&dir).unwrap(), 4);
        assert!(dir.join("app.js.br").is_file() && dir.join("locales/en.json.gz").is_file());
        assert!(!dir.join("icon.png.br").exists());
        assert_eq!(
            precompress(&dir).unwrap(),
            0,
            "fresh files are not rewritten"
        );

        let mut back = String::new();
        brotli::Decompressor::new(fs::File::open(dir.join("app.js.br")).unwrap(), 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, "let a = 1;".repeat(100));

        // A rebuilt source makes its compressed copies stale: they go, the others stay.
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(dir.join("app.js"), "let b = 2;").unwrap();
        fs::write(dir.join("orphan.css.gz"), "x").unwrap();
        assert_eq!(remove_stale(&dir).unwrap(), 3);
        assert!(!dir.join("app.js.br").exists() && dir.join("locales/en.json.br").is_file());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn both_round_trip_and_shrink_repetitive_text() {
        let text = "Put it right with the customer. ".repeat(200);
        let gz = gzip(text.as_bytes());
        let br = brotli(text.as_bytes());
        assert!(gz.len() < text.len() / 10 && br.len() < text.len() / 10);

        let mut back = String::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        back.clear();
        brotli::Decompressor::new(br.as_slice(), 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }
}
