//! Stable sorting compiled once. Each `sort_by` on a new element type brings its own copy
//! of the standard library's stable sort (about 3 KB of wasm each); [`sort_by`] sorts
//! positions with one non-generic sort and then moves the elements, with the same result.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably: exactly what `v.sort_by(cmp)` gives.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` by `key`, stably: exactly what `v.sort_by_key(key)` gives.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// `0..n` sorted stably by `cmp` over positions: the one sort in the wasm for all types.
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Puts `v[order[i]]` at `i`, following each cycle of the permutation with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = std::mem::replace(&mut order[at], DONE);
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same result as the standard stable sort, ties included, for every length up to 70
    /// and longer lists, with few distinct keys (many ties) and many.
    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in (0..70).chain([100, 257, 1000, 4096]) {
            for distinct in [1, 3, 50, u64::MAX] {
                // (key, original position): the position shows whether ties kept their order.
                let v: Vec<(u64, usize)> = (0..n).map(|i| (next() % distinct, i)).collect();
                let mut want = v.clone();
                want.sort_by_key(|a| a.0);
                let mut got = v.clone();
                sort_by(&mut got, |a, b| a.0.cmp(&b.0));
                assert_eq!(got, want, "n={n} distinct={distinct}");
                let mut got = v.clone();
                sort_by_key(&mut got, |x| std::cmp::Reverse(x.0));
                want.clone_from(&v);
                want.sort_by_key(|x| std::cmp::Reverse(x.0));
                assert_eq!(got, want, "reverse n={n} distinct={distinct}");
            }
        }
        let mut strings = vec!["b".to_string(), "a".into(), "c".into(), "a".into()];
        sort_by(&mut strings, |a, b| a.cmp(b));
        assert_eq!(strings, ["a", "a", "b", "c"]);
    }
}
