//! Versions the locale files' address by their content, so a cached older file is never
//! read by a newer app (`i18n::catalogue::url`).

use std::hash::Hasher;

fn main() {
    println!("cargo:rerun-if-changed=www/locales");
    let mut paths: Vec<_> = std::fs::read_dir("www/locales")
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    // FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    for p in &paths {
        println!("cargo:rerun-if-changed={}", p.display());
        h.write(p.to_string_lossy().as_bytes());
        h.write(&std::fs::read(p).unwrap_or_default());
    }
    println!("cargo:rustc-env=AMENDS_LOCALES_HASH={:016x}", h.finish());
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
