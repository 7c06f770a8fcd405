//! Reading a helpdesk link's query (`/new?channel=chat&amount=49.90&...`) into raw pairs.
//!
//! Decoding is total: malformed escapes are kept literally rather than failing, so a
//! bad link never stops the page; each value is then validated field by field.

/// Percent-decodes a query component (`+` is a space); invalid escapes stay as written.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `key=value` pairs of a query string (with or without the leading `?`), in order.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(part), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_helpdesk_link() {
        let q = parse_query("?channel=chat&category=late-delivery&amount=49.90&currency=EUR&customer=Ana%20Lima&ticket=1234");
        assert_eq!(q[0], ("channel".into(), "chat".into()));
        assert_eq!(q[4], ("customer".into(), "Ana Lima".into()));
        assert_eq!(q.len(), 6);
    }

    #[test]
    fn plus_is_space_and_utf8_is_decoded() {
        assert_eq!(decode("Jos%C3%A9+Mar%C3%ADa"), "José María");
    }

    #[test]
    fn malformed_escapes_are_kept_not_fatal() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz1"), "%zz1");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(decode("%ff"), "\u{fffd}");
        assert_eq!(
            parse_query("a&=b&&c=1=2"),
            vec![
                ("a".into(), "".into()),
                ("".into(), "b".into()),
                ("c".into(), "1=2".into())
            ]
        );
    }
}
