//! The locale files are data the compiler cannot see: these checks stand in for it.
//!
//! Every id the code declares has an entry in every shipped locale; no locale has keys
//! the code does not know; each entry has exactly the placeholders of its English entry;
//! plural entries have the categories their language needs (CLDR cardinal rules, as
//! `Intl.PluralRules` in the browser applies them). The pseudo-locale is generated from
//! English, and checked to be up to date (`AMENDS_UPDATE_PSEUDO=1 cargo test --test
//! locales` rewrites it).

use std::collections::{BTreeMap, BTreeSet};

use amends::i18n::{authority, catalogue, dashboard, integrity, manager, M};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/locales");

/// The cardinal plural categories each shipped language uses (CLDR 46).
fn categories(tag: &str) -> &'static [&'static str] {
    match tag.split('-').next().unwrap_or_default() {
        "es" | "fr" | "it" | "pt" => &["many", "one", "other"],
        _ => &["one", "other"],
    }
}

const SUFFIXES: [&str; 6] = ["_zero", "_one", "_two", "_few", "_many", "_other"];

/// A locale file's entries in the file's order.
fn read_ordered(tag: &str) -> Vec<(String, String)> {
    struct Ordered(Vec<(String, String)>);
    impl<'de> serde::Deserialize<'de> for Ordered {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Ordered;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object of strings")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Ordered, A::Error> {
                    let mut out = Vec::new();
                    while let Some(e) = map.next_entry()? {
                        out.push(e);
                    }
                    Ok(Ordered(out))
                }
            }
            d.deserialize_map(V)
        }
    }
    let path = format!("{DIR}/{tag}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let Ordered(entries) = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    entries
}

fn read(tag: &str) -> BTreeMap<String, String> {
    read_ordered(tag).into_iter().collect()
}

/// Every id's key, in the order of their positions (the order the files must follow).
fn ordered_keys() -> Vec<&'static str> {
    M::KEYS
        .iter()
        .chain(authority::Msg::KEYS)
        .chain(dashboard::Msg::KEYS)
        .chain(integrity::Msg::KEYS)
        .chain(manager::Msg::KEYS)
        .copied()
        .collect()
}

fn code_keys() -> BTreeSet<&'static str> {
    ordered_keys().into_iter().collect()
}

/// `file`'s entries in the order the app reads them: by id position, plural forms in
/// CLDR's order.
fn in_order(file: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let rank = |k: &str| SUFFIXES.iter().position(|s| k.ends_with(s)).unwrap_or(0);
    let mut out = Vec::new();
    for key in ordered_keys() {
        if let Some(v) = file.get(key) {
            out.push((key.to_string(), v.clone()));
        }
        let mut forms: Vec<_> = file
            .iter()
            .filter(|(k, _)| matches!(split(k), (base, Some(_)) if base == key))
            .collect();
        forms.sort_by_key(|(k, _)| rank(k));
        out.extend(forms.into_iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    out
}

fn write_ordered(tag: &str, entries: &[(String, String)]) {
    let mut text = String::from("{\n");
    for (i, (k, v)) in entries.iter().enumerate() {
        let comma = if i + 1 < entries.len() { "," } else { "" };
        text.push_str(&format!(
            " {}: {}{comma}\n",
            serde_json::to_string(k).unwrap(),
            serde_json::to_string(v).unwrap()
        ));
    }
    text.push_str("}\n");
    std::fs::write(format!("{DIR}/{tag}.json"), text).unwrap();
}

/// A key without its plural suffix, and the category if it had one.
fn split(key: &str) -> (&str, Option<&str>) {
    for s in SUFFIXES {
        if let Some(base) = key.strip_suffix(s) {
            return (base, Some(&s[1..]));
        }
    }
    (key, None)
}

/// The `{name}` placeholders of a template.
fn placeholders(template: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        rest = &rest[start + 1..];
        match rest.find('}') {
            Some(end) => {
                out.insert(rest[..end].to_string());
                rest = &rest[end + 1..];
            }
            None => break,
        }
    }
    out
}

/// What a locale file gets wrong, as readable lines (empty when it is right).
fn problems(tag: &str, file: &BTreeMap<String, String>) -> Vec<String> {
    let english = read("en");
    let code = code_keys();
    let mut out = Vec::new();
    // Group entries by base key.
    let mut bases: BTreeMap<&str, BTreeMap<Option<&str>, &String>> = BTreeMap::new();
    for (k, v) in file {
        let (base, cat) = split(k);
        bases.entry(base).or_default().insert(cat, v);
    }
    for key in &code {
        let Some(forms) = bases.get(key) else {
            out.push(format!("{tag}: missing {key}"));
            continue;
        };
        let plural = forms.keys().any(Option::is_some);
        let english_plural = english.contains_key(&format!("{key}_other"));
        if plural != english_plural {
            out.push(format!(
                "{tag}: {key} is plural in one file and not the other"
            ));
            continue;
        }
        let want = placeholders(
            english
                .get(*key)
                .or_else(|| english.get(&format!("{key}_other")))
                .map_or("", String::as_str),
        );
        for (cat, text) in forms {
            let got = placeholders(text);
            // A singular form may name the number in words ("one record"): `{n}` is
            // the only placeholder it may leave out.
            let mut want = want.clone();
            if *cat == Some("one") && !got.contains("n") {
                want.remove("n");
            }
            if got != want {
                out.push(format!(
                    "{tag}: {key}{} has placeholders {got:?}, English has {want:?}",
                    cat.map(|c| format!("_{c}")).unwrap_or_default()
                ));
            }
        }
        if plural {
            let have: BTreeSet<&str> = forms.keys().flatten().copied().collect();
            let need: BTreeSet<&str> = categories(tag).iter().copied().collect();
            if have != need {
                out.push(format!(
                    "{tag}: {key} has plural forms {have:?}, {tag} needs {need:?}"
                ));
            }
        }
    }
    for base in bases.keys() {
        if !code.contains(base) {
            out.push(format!("{tag}: {base} is not an id in the code"));
        }
    }
    out
}

/// The shipped locales, plus one being written (`AMENDS_CHECK_LOCALE=es`), so a
/// translator can check a file before it is offered.
fn shipped() -> Vec<&'static str> {
    let mut tags: Vec<&'static str> = catalogue::LOCALES.iter().map(|l| l.tag).collect();
    if let Ok(extra) = std::env::var("AMENDS_CHECK_LOCALE") {
        if !tags.contains(&extra.as_str()) {
            tags.push(Box::leak(extra.into_boxed_str()));
        }
    }
    tags
}

#[test]
fn every_locale_has_every_key_with_the_same_placeholders_and_its_plurals() {
    let mut all = Vec::new();
    for tag in shipped().into_iter().chain([catalogue::PSEUDO.tag]) {
        all.extend(problems(tag, &read(tag)));
    }
    assert!(
        all.is_empty(),
        "{} problems:\n{}",
        all.len(),
        all.join("\n")
    );
}

/// The app reads a file by position: its keys must come in the ids' order
/// (`AMENDS_SORT_LOCALES=1 cargo test --test locales` puts them there).
#[test]
fn every_locale_lists_its_keys_in_the_order_of_the_ids() {
    let sort = std::env::var_os("AMENDS_SORT_LOCALES").is_some();
    let mut wrong = Vec::new();
    for tag in shipped().into_iter().chain([catalogue::PSEUDO.tag]) {
        let got = read_ordered(tag);
        let want = in_order(&got.iter().cloned().collect());
        if got != want {
            if sort && want.len() == got.len() {
                write_ordered(tag, &want);
            } else {
                wrong.push(tag);
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "out of order (run AMENDS_SORT_LOCALES=1 cargo test --test locales): {wrong:?}"
    );
}

#[test]
fn every_file_in_the_folder_is_a_shipped_locale() {
    let mut tags: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_owned)
        })
        .collect();
    tags.sort();
    let mut want: Vec<String> = shipped()
        .into_iter()
        .chain([catalogue::PSEUDO.tag])
        .map(str::to_owned)
        .collect();
    want.sort();
    assert_eq!(tags, want);
}

#[test]
fn the_checks_catch_a_missing_key_a_wrong_placeholder_and_a_missing_plural_form() {
    let mut file = read("en");
    file.remove("AppName");
    file.insert("FooterVersion".into(), "Amends {versoin}".into());
    file.insert("NoSuchId".into(), "x".into());
    let found = problems("fr", &file).join("\n");
    assert!(found.contains("missing AppName"), "{found}");
    assert!(found.contains("FooterVersion has placeholders"), "{found}");
    assert!(found.contains("NoSuchId is not an id"), "{found}");
    if let Some(k) = file.keys().find(|k| k.ends_with("_other")).cloned() {
        let (base, _) = split(&k);
        assert!(
            found.contains(&format!("{base} has plural forms")),
            "{found}"
        );
    }
}

/// English, accented and made 40% longer, placeholders untouched: shows at a glance what
/// is not translated and what does not fit.
fn pseudo(text: &str) -> String {
    let mut out = String::from("[");
    let mut in_placeholder = false;
    let mut letters = 0usize;
    for c in text.chars() {
        if c == '{' {
            in_placeholder = true;
        }
        if in_placeholder {
            out.push(c);
            in_placeholder = c != '}';
            continue;
        }
        letters += 1;
        out.push(match c {
            'a' => 'à',
            'e' => 'é',
            'i' => 'î',
            'o' => 'ô',
            'u' => 'û',
            'c' => 'ç',
            'n' => 'ñ',
            's' => 'š',
            'y' => 'ý',
            'A' => 'Å',
            'E' => 'É',
            'I' => 'Î',
            'O' => 'Ö',
            'U' => 'Û',
            'C' => 'Ç',
            'S' => 'Š',
            other => other,
        });
    }
    // 40% longer in words that wrap like real ones.
    let mut pad = (letters * 2).div_ceil(5);
    while pad > 0 {
        let word = pad.min(6);
        out.push(' ');
        out.extend(std::iter::repeat_n('ẋ', word.saturating_sub(1).max(1)));
        pad = pad.saturating_sub(word + 1);
    }
    out.push(']');
    out
}

#[test]
fn the_pseudo_locale_is_english_accented_and_longer() {
    let english = read("en");
    let want: BTreeMap<String, String> = english
        .iter()
        .map(|(k, v)| (k.clone(), pseudo(v)))
        .collect();
    if std::env::var_os("AMENDS_UPDATE_PSEUDO").is_some() {
        write_ordered(catalogue::PSEUDO.tag, &in_order(&want));
    }
    assert_eq!(
        read(catalogue::PSEUDO.tag),
        want,
        "the pseudo-locale is out of date: run AMENDS_UPDATE_PSEUDO=1 cargo test --test locales"
    );
    assert_eq!(pseudo("Hi {name}"), "[Hî {name} ẋ]");
}

#[test]
fn the_code_reads_english_from_the_file_by_position() {
    let en = read("en");
    assert_eq!(amends::i18n::t(M::AppName), en["AppName"]);
    assert_eq!(
        amends::i18n::manager::t(manager::Msg::StoreLanguageHint),
        en["manager.StoreLanguageHint"]
    );
    assert_eq!(
        amends::i18n::integrity::t(integrity::Msg::ChangedElsewhere),
        en["integrity.ChangedElsewhere"]
    );
}
