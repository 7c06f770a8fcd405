//! CSV for spreadsheets (Excel, Sheets, LibreOffice) and head-office tools.
//!
//! RFC 4180 (a field is quoted when it holds a comma, quote or line break; quotes are
//! doubled), UTF-8 with a byte-order mark so Excel reads UTF-8, CRLF line ends, one header
//! row. Every cell a spreadsheet could take for a formula is neutralised ([`neutralise`]).
//! The columns, their meaning and units are listed in the README's data dictionary;
//! [`header`] is their order.
//!
//! The writer is these few lines rather than the `csv` crate: measured in the release
//! build, the crate cost 15,316 B of brotli-compressed wasm (411,034 B with it, 395,718 B
//! with this writer), three times the 5 KB a dependency may cost here. Writing is the
//! easy half of CSV; the tests read every file back with the `csv` crate (a
//! dev-dependency), so a quoting mistake here would fail them.

use crate::record::{ApprovalMethod, RecoveryRecord};
use crate::remedy::{RemedyKind, RemedyLine};
use crate::time::{iso8601, local_date_time};

/// What a CSV export needs from the device besides the records.
pub struct CsvContext<'a> {
    /// The store named in this device's policy, written on every row.
    pub store: &'a str,
    /// Minutes to add to UTC for the device's local time at an instant (UTC+2 = 120;
    /// daylight saving included, hence a function of the instant).
    pub local_offset_min: &'a dyn Fn(i64) -> i32,
    /// A remedy kind's name as people read it, for the readable `remedies` column.
    pub remedy_name: &'a dyn Fn(RemedyKind) -> String,
}

/// The columns before the per-remedy-kind amounts.
const HEAD: [&str; 22] = [
    "id",
    "store",
    "opened",
    "opened_local",
    "resolved",
    "staff",
    "role",
    "practice",
    "failure",
    "category",
    "touchpoint",
    "channel",
    "severity",
    "tier",
    "currency",
    "loss",
    "keeps_item",
    "company_responsible",
    "prior_failures",
    "remedies",
    "face",
    "cost",
];

/// The columns after them.
const TAIL: [&str; 18] = [
    "level",
    "approved_by",
    "approval_method",
    "approved_at",
    "follow_up_due",
    "follow_up_channel",
    "csat",
    "nps",
    "ces",
    "resolved_yes",
    "retained",
    "outcome_note",
    "outcome_at",
    "first_contact",
    "root_cause",
    "note",
    "ticket",
    "customer_hash",
];

/// Column names in order: [`HEAD`], then `face_<kind>` for every remedy kind, then
/// `cost_<kind>`, then [`TAIL`]. Kinds are named by their stable slugs.
pub fn header() -> Vec<String> {
    let mut h: Vec<String> = HEAD.iter().map(|s| s.to_string()).collect();
    for prefix in ["face_", "cost_"] {
        for k in RemedyKind::ALL {
            h.push(format!("{prefix}{}", k.slug()));
        }
    }
    h.extend(TAIL.iter().map(|s| s.to_string()));
    h
}

/// Characters a spreadsheet skips before deciding what a cell is: white space (Unicode
/// White_Space: space, tab, line breaks, no-break and full-width spaces...), other control
/// characters, and the zero-width ones.
fn blank(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// A character's NFKC form where that form starts with one of = + - @, else the character.
///
/// Not the whole of NFKC: the `unicode-normalization` crate, measured in the release
/// build, cost 53,871 B of brotli-compressed wasm (449,589 B with it, 395,718 B without),
/// for tables this check needs 15 entries of. Exactly the code points whose NFKC normalisation begins
/// with = + - or @ (Unicode 14, checked against Python's `unicodedata`): the full-width
/// forms U+FF1D U+FF0B U+FF0D U+FF20, the small forms U+FE66 U+FE62 U+FE63 U+FE6B, the
/// superscript and subscript U+207C U+207A U+208C U+208A, U+FB29 (Hebrew alternative
/// plus) and U+2A75 U+2A76 (two and three consecutive equals signs).
fn fold(c: char) -> char {
    match c {
        '\u{ff1d}' | '\u{fe66}' | '\u{207c}' | '\u{208c}' | '\u{2a75}' | '\u{2a76}' => '=',
        '\u{ff0b}' | '\u{fe62}' | '\u{207a}' | '\u{208a}' | '\u{fb29}' => '+',
        '\u{ff0d}' | '\u{fe63}' => '-',
        '\u{ff20}' | '\u{fe6b}' => '@',
        c => c,
    }
}

/// Make a cell safe to open in a spreadsheet: a cell that, once leading blanks are
/// trimmed and its first character normalised as NFKC would, starts with = + - or @ gets
/// a leading apostrophe (as OWASP advises), and so does one starting with a tab or CR,
/// or with an apostrophe already, so that [`unneutralise`] gives back exactly the original.
/// " =1+1", "＝1+1" and "\n=1+1" all become text.
pub fn neutralise(cell: &str) -> String {
    let formula = cell
        .chars()
        .find(|c| !blank(*c))
        .is_some_and(|c| matches!(fold(c), '=' | '+' | '-' | '@'));
    if formula || cell.starts_with(['\t', '\r', '\'']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The cell [`neutralise`] was given.
pub fn unneutralise(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Sum of one kind's lines (face or cost), empty when the record has none of that kind.
fn per_kind(r: &RecoveryRecord, kind: RemedyKind, amount: fn(&RemedyLine) -> i64) -> String {
    let mut lines = r.remedies.iter().filter(|l| l.kind == kind).peekable();
    if lines.peek().is_none() {
        return String::new();
    }
    let total: i128 = lines.map(|l| i128::from(amount(l))).sum();
    // Lines are validated to at most 32 of 10^13 minor units each: always fits.
    i64::try_from(total)
        .map(|minor| crate::money::Money::new(minor, r.currency()).plain())
        .unwrap_or_default()
}

/// "Partial refund 21.00; Store credit 10.00; Handwritten note": what the customer got,
/// line by line, face values in the record's currency.
fn readable(r: &RecoveryRecord, name: &dyn Fn(RemedyKind) -> String) -> String {
    r.remedies
        .iter()
        .map(|l| {
            if l.kind.is_gesture() && l.face.is_zero() {
                name(l.kind)
            } else {
                format!("{} {}", name(l.kind), l.face.plain())
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn cells(r: &RecoveryRecord, cx: &CsvContext) -> Vec<String> {
    let i = &r.incident;
    let o = r.outcome.as_ref();
    let a = r.approval.as_ref();
    let mut v = vec![
        r.id.clone(),
        cx.store.to_string(),
        iso8601(r.opened_ms),
        local_date_time(r.opened_ms, (cx.local_offset_min)(r.opened_ms)),
        iso8601(r.resolved_ms),
        r.staff.clone(),
        r.role.clone(),
        r.practice.to_string(),
        i.failure.to_string(),
        i.category.to_string(),
        i.touchpoint.to_string(),
        i.channel.to_string(),
        i.severity.level().to_string(),
        i.tier.to_string(),
        i.loss.currency.to_string(),
        i.loss.plain(),
        i.keeps_item.to_string(),
        i.company_responsible.to_string(),
        i.prior_failures.to_string(),
        readable(r, cx.remedy_name),
        r.face().map(|m| m.plain()).unwrap_or_default(),
        r.cost().map(|m| m.plain()).unwrap_or_default(),
    ];
    v.extend(
        RemedyKind::ALL
            .iter()
            .map(|k| per_kind(r, *k, |l| l.face.minor)),
    );
    v.extend(
        RemedyKind::ALL
            .iter()
            .map(|k| per_kind(r, *k, |l| l.cost.minor)),
    );
    v.extend([
        opt(&r.level),
        a.map(|a| a.by.clone()).unwrap_or_default(),
        a.map(|a| match a.method {
            ApprovalMethod::Pin => "pin".to_string(),
            ApprovalMethod::Code => "code".to_string(),
            #[cfg(feature = "chain")]
            ApprovalMethod::Remote => "remote".to_string(),
        })
        .unwrap_or_default(),
        a.map(|a| iso8601(a.at_ms)).unwrap_or_default(),
        r.follow_up
            .as_ref()
            .map(|f| iso8601(f.due_ms))
            .unwrap_or_default(),
        r.follow_up
            .as_ref()
            .map(|f| f.channel.to_string())
            .unwrap_or_default(),
        o.map(|o| opt(&o.csat)).unwrap_or_default(),
        o.map(|o| opt(&o.nps)).unwrap_or_default(),
        o.map(|o| opt(&o.ces)).unwrap_or_default(),
        o.map(|o| opt(&o.resolved)).unwrap_or_default(),
        o.map(|o| opt(&o.retained)).unwrap_or_default(),
        o.map(|o| o.note.clone()).unwrap_or_default(),
        o.map(|o| iso8601(o.recorded_ms)).unwrap_or_default(),
        r.first_contact.to_string(),
        r.root_cause.clone().unwrap_or_default(),
        r.note.clone(),
        r.ticket.clone().unwrap_or_default(),
        r.customer_hash.clone().unwrap_or_default(),
    ]);
    v
}

/// Records as CSV: UTF-8 with a byte-order mark, CRLF line ends, a header row, every cell
/// neutralised. The customer's name and contact are never exported.
pub fn to_csv<'a>(
    records: impl IntoIterator<Item = &'a RecoveryRecord>,
    cx: &CsvContext,
) -> String {
    fn row(out: &mut String, cells: &[String]) {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let c = neutralise(c);
            if c.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&c.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&c);
            }
        }
        out.push_str("\r\n");
    }
    let mut out = String::from("\u{feff}");
    row(&mut out, &header());
    for r in records {
        row(&mut out, &cells(r, cx));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::record::tests::sample;
    use crate::remedy::RemedyLine;
    use crate::Money;

    /// UTC+1 in winter, UTC+2 from the last Sunday of March (as Europe/Stockholm), and
    /// remedy kinds named by their slugs.
    pub fn context(store: &str) -> CsvContext<'_> {
        CsvContext {
            store,
            local_offset_min: &|_| 60,
            remedy_name: &|k| k.slug().to_string(),
        }
    }

    /// Read CSV back with the csv crate: the header and each row, unneutralised.
    pub fn read(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        let mut rd = ::csv::Reader::from_reader(text.as_bytes());
        let head = rd
            .headers()
            .expect("a header")
            .iter()
            .map(String::from)
            .collect();
        let rows = rd
            .records()
            .map(|r| {
                r.expect("a well-formed row")
                    .iter()
                    .map(|c| unneutralise(c).to_string())
                    .collect()
            })
            .collect();
        (head, rows)
    }

    fn column<'a>(head: &[String], row: &'a [String], name: &str) -> &'a str {
        let i = head.iter().position(|h| h == name).expect(name);
        &row[i]
    }

    #[test]
    fn csv_neutralises_formulas_and_reads_back_exactly() {
        let mut r = sample("r1");
        r.note = "=cmd|' /C calc'!A0, \"quoted\"\nnext line".into();
        r.staff = "@Sam".into();
        r.root_cause = Some("'already quoted".into());
        r.ticket = Some(" =HYPERLINK(\"http://x\")".into());
        let csv = to_csv([&r], &context("Main St"));
        assert!(csv.starts_with("\u{feff}id,store,opened,opened_local,"));
        assert!(csv.ends_with("\r\n"));
        assert!(csv.contains("\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\nnext line\""));
        assert!(csv.contains(",'@Sam,"));
        assert!(csv.contains(",\"' =HYPERLINK(\"\"http://x\"\")\","));
        let (head, rows) = read(&csv);
        assert_eq!(head, header());
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.len(), head.len());
        assert_eq!(column(&head, row, "note"), r.note);
        assert_eq!(column(&head, row, "staff"), "@Sam");
        assert_eq!(column(&head, row, "root_cause"), "'already quoted");
        assert_eq!(column(&head, row, "ticket"), r.ticket.as_deref().unwrap());
        assert_eq!(column(&head, row, "store"), "Main St");
    }

    #[test]
    fn remedies_read_as_words_and_sum_per_kind() {
        let mut r = sample("r2");
        let usd = |m| Money::new(m, crate::Currency::USD);
        r.remedies = vec![
            RemedyLine {
                kind: RemedyKind::RefundPartial,
                face: usd(2100),
                cost: usd(2100),
            },
            RemedyLine {
                kind: RemedyKind::StoreCredit,
                face: usd(1000),
                cost: usd(400),
            },
            RemedyLine {
                kind: RemedyKind::StoreCredit,
                face: usd(500),
                cost: usd(200),
            },
            RemedyLine {
                kind: RemedyKind::HandwrittenNote,
                face: usd(0),
                cost: usd(0),
            },
        ];
        let names = |k: RemedyKind| match k {
            RemedyKind::RefundPartial => "Partial refund".to_string(),
            RemedyKind::StoreCredit => "Store credit".to_string(),
            k => k.slug().to_string(),
        };
        let cx = CsvContext {
            remedy_name: &names,
            ..context("")
        };
        let (head, rows) = read(&to_csv([&r], &cx));
        let row = &rows[0];
        assert_eq!(
            column(&head, row, "remedies"),
            "Partial refund 21.00; Store credit 10.00; Store credit 5.00; handwritten-note"
        );
        assert_eq!(column(&head, row, "face_refund-partial"), "21.00");
        assert_eq!(column(&head, row, "cost_refund-partial"), "21.00");
        assert_eq!(column(&head, row, "face_store-credit"), "15.00");
        assert_eq!(column(&head, row, "cost_store-credit"), "6.00");
        assert_eq!(column(&head, row, "face_handwritten-note"), "0.00");
        assert_eq!(column(&head, row, "face_refund-full"), "");
        assert_eq!(column(&head, row, "face"), "36.00");
        assert_eq!(column(&head, row, "cost"), "27.00");
    }

    #[test]
    fn opened_local_is_a_date_spreadsheets_parse_beside_the_utc_instant() {
        let mut r = sample("r3");
        r.opened_ms = 1_795_801_746_123; // 2026-11-27T17:49:06.123Z
        r.resolved_ms = r.opened_ms;
        let cx = CsvContext {
            local_offset_min: &|_| -300,
            ..context("")
        };
        let (head, rows) = read(&to_csv([&r], &cx));
        assert_eq!(
            column(&head, &rows[0], "opened"),
            "2026-11-27T17:49:06.123Z"
        );
        assert_eq!(column(&head, &rows[0], "opened_local"), "2026-11-27 12:49");
    }

    #[test]
    fn neutralise_is_undone_exactly() {
        for cell in [
            "", "plain", "'", "''x", "=1", " =1", "\t", "\r\n=", "＝", "a=b", "-5", "﹦",
        ] {
            assert_eq!(unneutralise(&neutralise(cell)), cell, "{cell:?}");
        }
    }

    #[test]
    fn harmless_cells_are_left_alone() {
        for cell in [
            "Sam",
            "12.50",
            "a =b",
            "x\n=y",
            "´=1",
            "＂quoted＂",
            "2026-11-27 12:49",
        ] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn every_nfkc_form_of_a_formula_sign_is_caught() {
        for c in [
            '\u{ff1d}', '\u{fe66}', '\u{207c}', '\u{208c}', '\u{2a75}', '\u{2a76}', '\u{ff0b}',
            '\u{fe62}', '\u{207a}', '\u{208a}', '\u{fb29}', '\u{ff0d}', '\u{fe63}', '\u{ff20}',
            '\u{fe6b}',
        ] {
            let cell = format!("{c}1");
            assert_eq!(neutralise(&cell), format!("'{cell}"), "U+{:04X}", c as u32);
        }
        // Blanks a spreadsheet trims first: no-break, ideographic and zero-width spaces.
        for lead in [
            "\u{a0}", "\u{3000}", "\u{200b}", "\u{feff}", "\u{2028}", "\u{b}",
        ] {
            let cell = format!("{lead}=1");
            assert_eq!(neutralise(&cell), format!("'{cell}"), "{lead:?}");
        }
    }

    #[test]
    fn a_formula_behind_a_space_is_neutralised() {
        assert_eq!(neutralise(" =1+1"), "' =1+1");
        assert_eq!(
            neutralise("\u{a0}\u{3000}@SUM(A1)"),
            "'\u{a0}\u{3000}@SUM(A1)"
        );
    }

    #[test]
    fn a_full_width_equals_is_neutralised() {
        assert_eq!(neutralise("＝HYPERLINK(\"x\")"), "'＝HYPERLINK(\"x\")");
        assert_eq!(neutralise("＋1"), "'＋1");
    }

    #[test]
    fn a_line_break_before_equals_is_neutralised() {
        assert_eq!(neutralise("\n=1+1"), "'\n=1+1");
        assert_eq!(neutralise("\r\n =1+1"), "'\r\n =1+1");
    }
}
