//! Word's automatic numbering (`word/numbering.xml`): the number a reader sees before a numbered
//! paragraph (第一条, 一、, （二）, 3.), which is in no `w:t` of the paragraph. [`crate::docx`] puts
//! it before the paragraph's text, so an article numbered by Word reads as one numbered by hand.

use crate::xml::{self, Event};
use std::collections::BTreeMap;

/// How one level of a list writes its number.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Level {
    /// `w:numFmt`: decimal, chineseCounting, …; `bullet` and `none` write no number.
    format: String,
    /// `w:lvlText`: 第%1条, %1、, （%1）, %1.%2.
    text: String,
    start: u32,
    /// What follows the number: a space, or nothing (`w:suff` tab or space → a space).
    suffix: &'static str,
}

/// The lists of a document and the counts so far, numbered in document order.
#[derive(Clone, Debug, Default)]
pub struct Numbering {
    /// Abstract list id and level → how it writes.
    levels: BTreeMap<(String, u8), Level>,
    /// `w:numId` → its abstract list and the levels whose start it overrides.
    nums: BTreeMap<String, (String, BTreeMap<u8, u32>)>,
    /// Per abstract list, the current count of each level.
    counts: BTreeMap<String, Vec<u32>>,
}

/// Levels a list may have (Word writes 0 to 8).
const LEVELS: u8 = 9;

/// Longest level text (`w:lvlText`) written before a paragraph; a longer one numbers nothing. Word's
/// are a few characters (第%1条); each `%1` of a 4 MB one would become a number of up to 19
/// characters, 100 MB for one paragraph.
const MAX_LEVEL_TEXT: usize = 1024;

impl Numbering {
    /// The lists of `numbering.xml`; none when it is not XML (the numbers are then left out).
    pub fn read(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut num: Option<(String, String, BTreeMap<u8, u32>)> = None;
        let mut override_level: Option<u8> = None;
        let read = xml::read_with_attributes(xml, |event, attrs| {
            let val = || attrs.get("val").unwrap_or_default();
            match event {
                Event::Start(name) | Event::Empty(name) => match name {
                    "abstractNum" => abstract_id = attrs.get("abstractNumId"),
                    "lvl" if abstract_id.is_some() => {
                        let ilvl = attrs.get("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        level = Some((
                            ilvl,
                            Level {
                                format: "decimal".to_owned(),
                                text: String::new(),
                                start: 1,
                                suffix: " ",
                            },
                        ));
                    }
                    "numFmt" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.format = val();
                        }
                    }
                    "lvlText" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.text = val();
                        }
                    }
                    "start" => {
                        let start = val().parse().unwrap_or(1);
                        match (level.as_mut(), num.as_mut(), override_level) {
                            (Some((_, l)), _, _) => l.start = start,
                            (None, Some((_, _, starts)), Some(ilvl)) => {
                                starts.insert(ilvl, start);
                            }
                            _ => {}
                        }
                    }
                    "startOverride" => {
                        if let (Some((_, _, starts)), Some(ilvl)) = (num.as_mut(), override_level) {
                            starts.insert(ilvl, val().parse().unwrap_or(1));
                        }
                    }
                    "suff" => {
                        if let Some((_, l)) = level.as_mut() {
                            l.suffix = if val() == "nothing" { "" } else { " " };
                        }
                    }
                    "num" => {
                        let id = attrs.get("numId").unwrap_or_default();
                        num = Some((id, String::new(), BTreeMap::new()));
                    }
                    "abstractNumId" => {
                        if let Some((_, a, _)) = num.as_mut() {
                            *a = val();
                        }
                    }
                    "lvlOverride" => {
                        override_level = attrs.get("ilvl").and_then(|v| v.parse().ok());
                    }
                    _ => {}
                },
                Event::End(name) => match name {
                    "lvl" => {
                        if let (Some(a), Some((ilvl, l))) = (abstract_id.as_ref(), level.take()) {
                            n.levels.insert((a.clone(), ilvl), l);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "lvlOverride" => override_level = None,
                    "num" => {
                        if let Some((id, a, starts)) = num.take() {
                            n.nums.insert(id, (a, starts));
                        }
                    }
                    _ => {}
                },
                Event::Text(_) => {}
            }
        });
        if read.is_err() {
            return Numbering::default();
        }
        n
    }

    /// The number of the next paragraph of list `num_id` at level `ilvl`, as the reader sees it
    /// with what follows it (第一条 ); `None` for a bullet, an unknown list, or `w:numId` 0.
    pub fn next(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let (abstract_id, starts) = self.nums.get(num_id)?;
        let ilvl = ilvl.min(LEVELS - 1);
        let start_of = |l: u8| {
            starts.get(&l).copied().unwrap_or_else(|| {
                self.levels
                    .get(&(abstract_id.clone(), l))
                    .map_or(1, |lv| lv.start)
            })
        };
        let level = self.levels.get(&(abstract_id.clone(), ilvl))?;
        let starts_at: Vec<u32> = (0..LEVELS).map(start_of).collect();
        let counts = self
            .counts
            .entry(abstract_id.clone())
            .or_insert_with(|| vec![0; usize::from(LEVELS)]);
        let i = usize::from(ilvl);
        let current = counts.get(i).copied().unwrap_or(0);
        let first = starts_at.get(i).copied().unwrap_or(1);
        if let Some(c) = counts.get_mut(i) {
            *c = if current == 0 {
                first
            } else {
                current.saturating_add(1)
            };
        }
        for c in counts.iter_mut().skip(i + 1) {
            *c = 0;
        }
        if matches!(level.format.as_str(), "bullet" | "none")
            || level.text.is_empty()
            || level.text.len() > MAX_LEVEL_TEXT
        {
            return None;
        }
        let mut label = level.text.clone();
        for l in 0..=ilvl {
            let placeholder = format!("%{}", l + 1);
            if !label.contains(&placeholder) {
                continue;
            }
            let li = usize::from(l);
            let count = match counts.get(li).copied() {
                Some(0) | None => starts_at.get(li).copied().unwrap_or(1),
                Some(c) => c,
            };
            let format = self
                .levels
                .get(&(abstract_id.clone(), l))
                .map_or("decimal", |lv| lv.format.as_str());
            label = label.replace(&placeholder, &written(count, format));
        }
        Some(format!("{label}{}", level.suffix))
    }
}

/// Largest number written in letters (ZZ…Z, 30 letters) or roman numerals (MMMCMXCIX); a list
/// numbered beyond is written in digits. A start value is the document's to choose, up to 4294967295,
/// and a number in letters or roman numerals grows with it (4,000,000 M's), so without a bound one
/// paragraph's number could outgrow the whole contract.
const MAX_LETTERS: u32 = 780;
const MAX_ROMAN: u32 = 3999;

/// A list number in the list's format.
fn written(n: u32, format: &str) -> String {
    use dixian_core::numeral_style::{Style, write};
    let milli = i64::from(n) * 1000;
    let too_many_letters = matches!(format, "upperLetter" | "lowerLetter") && n > MAX_LETTERS;
    let too_large_roman = matches!(format, "upperRoman" | "lowerRoman") && n > MAX_ROMAN;
    if too_many_letters || too_large_roman {
        return n.to_string();
    }
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => write(milli, Style::Chinese),
        "chineseLegalSimplified" => write(milli, Style::Chinese)
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                '百' => '佰',
                '千' => '仟',
                other => other,
            })
            .collect(),
        "decimalFullWidth" | "decimalFullWidth2" => write(milli, Style::FullWidth),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = char::from(base + u8::try_from((n.max(1) - 1) % 26).unwrap_or(0));
            letter
                .to_string()
                .repeat(usize::try_from((n.max(1) - 1) / 26 + 1).unwrap_or(1))
        }
        "upperRoman" | "lowerRoman" => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_ascii_lowercase()
            } else {
                roman
            }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, s) in NUMERALS {
        while n >= value {
            out.push_str(s);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num></w:numbering>"#;

    #[test]
    fn articles_items_and_restarts_are_numbered_as_word_shows_them() {
        let mut n = Numbering::read(XML);
        assert_eq!(n.next("1", 0).as_deref(), Some("第一条 "));
        assert_eq!(n.next("1", 1).as_deref(), Some("（一）"));
        assert_eq!(n.next("1", 1).as_deref(), Some("（二）"));
        assert_eq!(n.next("1", 0).as_deref(), Some("第二条 "));
        assert_eq!(n.next("1", 1).as_deref(), Some("（一）"));
        for _ in 0..8 {
            n.next("1", 0);
        }
        assert_eq!(n.next("1", 0).as_deref(), Some("第十一条 "));
        assert_eq!(n.next("2", 0), None);
        assert_eq!(n.next("3", 0).as_deref(), Some("9. "));
        assert_eq!(n.next("0", 0), None);
        assert_eq!(n.next("7", 0), None);
    }

    #[test]
    fn formats() {
        assert_eq!(written(3, "chineseLegalSimplified"), "叁");
        assert_eq!(written(2, "decimalEnclosedCircle"), "②");
        assert_eq!(written(28, "upperLetter"), "BB");
        assert_eq!(written(14, "lowerRoman"), "xiv");
        assert_eq!(written(12, "decimalFullWidth"), "１２");
        assert_eq!(written(780, "upperLetter"), "Z".repeat(30));
        assert_eq!(written(3999, "upperRoman"), "MMMCMXCIX");
    }

    /// A list may start anywhere a 32-bit number reaches: its numbers stay short (digits beyond
    /// what letters and roman numerals write) and the count stops at the largest instead of
    /// overflowing.
    #[test]
    fn a_list_started_at_the_largest_number_stays_short_and_does_not_overflow() {
        for format in ["upperLetter", "lowerRoman", "decimal", "chineseCounting"] {
            let xml = XML
                .replace(
                    r#"<w:startOverride w:val="9"/>"#,
                    r#"<w:startOverride w:val="4294967295"/>"#,
                )
                .replace(
                    r#"<w:numFmt w:val="decimal"/>"#,
                    &format!(r#"<w:numFmt w:val="{format}"/>"#),
                );
            let mut n = Numbering::read(&xml);
            for _ in 0..3 {
                let label = n.next("3", 0).unwrap();
                assert!(label.chars().count() < 40, "{format}: {label}");
            }
        }
    }

    #[test]
    fn a_level_text_longer_than_any_words_numbers_nothing() {
        let long = "%1".repeat(MAX_LEVEL_TEXT / 2 + 1);
        let mut n = Numbering::read(&XML.replace("%1.", &long));
        assert_eq!(n.next("3", 0), None);
        let mut n = Numbering::read(&XML.replace("%1.", &"%1".repeat(MAX_LEVEL_TEXT / 2)));
        assert_eq!(
            n.next("3", 0).map(|l| l.len()),
            Some(MAX_LEVEL_TEXT / 2 + 1)
        );
    }

    #[test]
    fn broken_numbering_numbers_nothing() {
        let mut n = Numbering::read("<w:numbering><w:num w:numId=\"1\">");
        assert_eq!(n.next("1", 0), None);
    }
}
