//! The size budget of the release build, written in one place.

/// The most the release build's wasm, js, css and html may weigh together, brotli-compressed:
/// 250 KiB = 256,000 bytes.
pub const BROTLI_BUDGET_BYTES: u64 = 250 * 1024;

/// Whether a brotli total fits the budget; the error says by how much it does not.
pub fn check(brotli_total: u64) -> Result<(), String> {
    if brotli_total <= BROTLI_BUDGET_BYTES {
        Ok(())
    } else {
        Err(format!(
            "size budget exceeded: {brotli_total} B brotli > {BROTLI_BUDGET_BYTES} B \
             (250 KiB), over by {} B",
            brotli_total - BROTLI_BUDGET_BYTES
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_250_kib() {
        assert_eq!(BROTLI_BUDGET_BYTES, 256_000);
    }

    #[test]
    fn a_build_at_the_budget_passes_and_one_byte_over_fails() {
        assert_eq!(check(0), Ok(()));
        assert_eq!(check(BROTLI_BUDGET_BYTES), Ok(()));
        let err = check(BROTLI_BUDGET_BYTES + 1).unwrap_err();
        assert!(err.contains("over by 1 B"), "{err}");
    }
}
