//! The contract's own facts from its text: title, region (from the enterprise's address or name),
//! signing date, term (期限 / 有效期) and workforce. Each comes with the byte range it was read from.

use crate::dates::{FoundDate, find_dates};
use crate::numbers::{RawUnit, mentions};
use chrono::{Months, NaiveDate};
use dixian_core::rules::RuleSet;

/// Province-level names as written in addresses (the full forms only, so 江西路 is not 江西).
const PROVINCES: [&str; 34] = [
    "北京市",
    "天津市",
    "上海市",
    "重庆市",
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "台湾省",
    "内蒙古自治区",
    "广西壮族自治区",
    "西藏自治区",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
];
const ADDRESS_LABELS: [&str; 9] = [
    "地址",
    "住所",
    "所在地",
    "注册地",
    "地点",
    "位于",
    "坐落",
    "地处",
    "住址",
];
const NAME_LABELS: [&str; 6] = [
    "企业名称",
    "单位名称",
    "公司名称",
    "甲方",
    "用人单位",
    "企业",
];
const TERM_WORDS: [&str; 3] = ["期限", "有效期", "生效"];
/// Labels that open a signing-date line (签订日期：…); the clause splitter stops at them too.
pub(crate) const SIGNED_LABELS: [&str; 9] = [
    "签订日期",
    "签订时间",
    "签约日期",
    "签约时间",
    "签署时间",
    "签字时间",
    "签署日期",
    "签字日期",
    "订立日期",
];

/// Whether a line speaks of the signing date: a label, or running text such as 本合同签订于….
fn mentions_signing(s: &str) -> bool {
    SIGNED_LABELS.iter().any(|w| s.contains(w)) || s.contains("签订于")
}

/// A fact and the bytes it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<T> {
    pub value: T,
    pub span: (usize, usize),
}

#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    pub region: Option<Found<String>>,
    /// Set when the region was taken from a cited provincial statute: that statute's title.
    pub region_statute: Option<String>,
    pub signed: Option<Found<NaiveDate>>,
    pub term: Option<Found<(NaiveDate, NaiveDate)>>,
    pub total: Option<u32>,
    pub women: Option<u32>,
}

/// Lines with their byte offsets.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for l in text.split('\n') {
        out.push((at, l));
        at += l.len() + 1;
    }
    out
}

fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';' | '\n') {
            out.push((from, text.get(from..i).unwrap_or("")));
            from = i + c.len_utf8();
        }
    }
    out.push((from, text.get(from..).unwrap_or("")));
    out
}

/// The title: leading lines up to the one that says 合同 (a name split over two lines is joined).
fn title(text: &str) -> Option<String> {
    let lead: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
        .collect();
    let upto = lead
        .iter()
        .position(|l| l.contains("合同") || l.contains("协议"))?;
    let title = lead.get(..=upto)?.concat();
    // A contract on one line: the title is what comes before its first space.
    let title = match title.find([' ', '\u{3000}', '\t']) {
        Some(i) if title.chars().count() > 60 => title.get(..i).unwrap_or(&title).to_owned(),
        _ => title,
    };
    Some(title)
}

/// What a statute's title ends with: a pair of ？ or ( ) around such words was once a pair of 《》.
const STATUTE_ENDINGS: [&str; 6] = ["条例", "办法", "规定", "法", "决定", "细则"];

/// Byte ranges of the titles in `line` (inside the marks): 《…》, and, where a bad conversion turned
/// the marks into ？…？ or ( ), a statute's title (one that ends in 条例, 办法 …).
fn quoted(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (i, c) in line.char_indices() {
        let closes = matches!(
            (open, c),
            (Some(('《', _)), '》')
                | (Some(('？' | '?', _)), '？' | '?')
                | (Some(('（' | '(', _)), '）' | ')')
        );
        if closes {
            if let Some((mark, s)) = open.take() {
                let inner = line.get(s + mark.len_utf8()..i).unwrap_or("");
                if mark == '《' || STATUTE_ENDINGS.iter().any(|e| inner.ends_with(e)) {
                    out.push((s, i));
                }
            }
            continue;
        }
        if matches!(c, '《' | '？' | '?' | '（' | '(') && open.is_none_or(|(m, _)| m != '《') {
            open = Some((c, i));
        }
    }
    out
}

/// A region named in `line`: a province (and the city or district written after it), else a city that
/// some rule file lists.
fn region_in(line: &str, set: &RuleSet, cities_too: bool) -> Option<(String, usize, usize)> {
    let inside = quoted(line);
    let free = |i: usize| !inside.iter().any(|&(s, e)| i > s && i < e);
    let mut names: Vec<&str> = PROVINCES.to_vec();
    // The whole country (中华人民共和国, 国家 …) is never a contract's region.
    for j in set.jurisdictions.iter().filter(|j| j.parent.is_some()) {
        names.extend(
            std::iter::once(j.name.as_str())
                .chain(j.names.iter().map(String::as_str))
                .filter(|n| n.chars().count() >= 3),
        );
    }
    let province = names
        .iter()
        .flat_map(|n| line.match_indices(n).map(|(i, m)| (i, i + m.len())))
        .filter(|(i, _)| free(*i))
        .min_by_key(|(i, e)| (*i, std::cmp::Reverse(*e)));
    if let Some((s, e)) = province {
        let rest = line.get(e..).unwrap_or("");
        // 市 first: 苏州市 has a 州 in its name.
        let upto = |marks: &[char]| {
            rest.char_indices()
                .take(10)
                .find(|(_, c)| marks.contains(c))
                .map(|(i, c)| i + c.len_utf8())
        };
        let city_len = upto(&['市'])
            .or_else(|| upto(&['州', '盟', '区', '县']))
            .filter(|n| {
                rest.get(..*n).is_some_and(|city| {
                    city.chars()
                        .all(|c| !c.is_ascii() && !"，。；：、（）() ".contains(c))
                })
            });
        let end = e + city_len.unwrap_or(0);
        return Some((line.get(s..end)?.to_owned(), s, end));
    }
    if !cities_too {
        return None;
    }
    let cities = set
        .jurisdictions
        .iter()
        .flat_map(|j| j.cities.iter())
        .map(|c| c.trim_end_matches('市'))
        .filter(|c| c.chars().count() >= 2);
    cities
        .filter_map(|c| line.find(c).filter(|i| free(*i)).map(|i| (c, i)))
        .min_by_key(|(_, i)| *i)
        .map(|(c, i)| (c.to_owned(), i, i + c.len()))
}

/// The region from the lines outside the clauses: address lines first, then the enterprise's name,
/// then the title and preamble.
fn region(outside: &[(usize, &str)], set: &RuleSet) -> Option<Found<String>> {
    let labelled = |labels: &[&str]| -> Vec<(usize, &str)> {
        outside
            .iter()
            .filter(|(_, l)| labels.iter().any(|w| l.contains(w)))
            .copied()
            .collect()
    };
    let (address, names) = (labelled(&ADDRESS_LABELS), labelled(&NAME_LABELS));
    let attempts = address
        .iter()
        .map(|l| (l, false))
        .chain(names.iter().map(|l| (l, false)))
        .chain(outside.iter().map(|l| (l, false)))
        .chain(names.iter().map(|l| (l, true)))
        .chain(outside.iter().take(3).map(|l| (l, true)));
    for ((at, line), cities) in attempts {
        if let Some((value, s, e)) = region_in(line, set, cities) {
            return Some(Found {
                value,
                span: (at + s, at + e),
            });
        }
    }
    None
}

/// The region written after an address label inside a clause (第一条 ……。公司住所：北京市朝阳区……),
/// for a contract whose lines outside the clauses name none.
fn region_in_clauses(text: &str, set: &RuleSet) -> Option<Found<String>> {
    lines(text).into_iter().find_map(|(at, line)| {
        ADDRESS_LABELS.iter().find_map(|label| {
            let after = line.find(label)? + label.len();
            let (value, s, e) = region_in(line.get(after..)?, set, false)?;
            Some(Found {
                value,
                span: (at + after + s, at + after + e),
            })
        })
    })
}

/// The province of the first provincial statute the text cites (《浙江省女职工劳动保护办法》), for a
/// template that names its province nowhere else; with the title, for the note that says so.
fn region_from_statutes(text: &str, set: &RuleSet) -> Option<(Found<String>, String)> {
    for (at, line) in lines(text) {
        for (s, e) in quoted(line) {
            let title = line.get(s..e).unwrap_or("");
            let inner = title.get(title.chars().next().map_or(0, char::len_utf8)..)?;
            let Some((value, a, b)) = region_in(inner, set, false) else {
                continue;
            };
            let province = inner.get(a..b).map(|_| value)?;
            let offset = at + s + (title.len() - inner.len());
            return Some((
                Found {
                    value: province,
                    span: (offset + a, offset + b),
                },
                format!(
                    "《{}》",
                    inner.trim_end_matches(['》', '？', '?', '）', ')'])
                ),
            ));
        }
    }
    None
}

fn signed(outside: &[(usize, &str)]) -> Option<Found<NaiveDate>> {
    let labelled = outside.iter().filter(|(_, l)| mentions_signing(l));
    let alone = outside
        .iter()
        .rev()
        .filter(|(_, l)| crate::clauses::is_signature_line(l));
    for (at, line) in labelled.chain(alone) {
        // On a line that holds more than the signing (a contract on one line), the date after the label.
        let from = SIGNED_LABELS
            .iter()
            .chain(std::iter::once(&"签订于"))
            .filter_map(|w| line.find(w))
            .min()
            .unwrap_or(0);
        let after = find_dates(line).into_iter().find(|d| d.start >= from);
        if let Some(d) = after.or_else(|| find_dates(line).first().copied()) {
            return Some(Found {
                value: d.date,
                span: (at + d.start, at + d.end),
            });
        }
    }
    None
}

/// Whole years of a duration written in the sentence (三年, 3年), when it reads as one.
fn years(sentence: &str) -> Option<u32> {
    // Dates (2024年5月1日) hold years too; they are skipped.
    let dates = crate::dates::date_like_ranges(sentence);
    mentions(sentence, &dates)
        .into_iter()
        .filter(|m| m.unit == RawUnit::Year)
        .find_map(|m| u32::try_from(m.milli / 1000).ok())
        .filter(|y| (1..=20).contains(y))
}

fn after_years(start: NaiveDate, years: u32) -> Option<NaiveDate> {
    start
        .checked_add_months(Months::new(years * 12))?
        .pred_opt()
}

/// 本合同自2018年9月1日起至2021年8月31日止: a span of the contract itself, with no word for term.
fn states_span(s: &str) -> bool {
    ["合同", "协议"].iter().any(|w| s.contains(w)) && s.contains('自') && s.contains('至')
}

fn term(text: &str, signed: Option<&Found<NaiveDate>>) -> Option<Found<(NaiveDate, NaiveDate)>> {
    let about_term: Vec<(usize, &str)> = sentences(text)
        .into_iter()
        .filter(|(_, s)| TERM_WORDS.iter().any(|w| s.contains(w)) || states_span(s))
        .collect();
    for (at, s) in &about_term {
        let dates: Vec<FoundDate> = find_dates(s);
        if let [first, second, ..] = dates[..] {
            if second.date >= first.date && !mentions_signing(s) {
                return Some(Found {
                    value: (first.date, second.date),
                    span: (at + first.start, at + second.end),
                });
            }
        }
    }
    for (at, s) in &about_term {
        let Some(n) = years(s) else { continue };
        let dates = find_dates(s);
        if let Some(d) = dates.first() {
            return Some(Found {
                value: (d.date, after_years(d.date, n)?),
                span: (at + d.start, at + s.len()),
            });
        }
        // 本合同自2024年5月1日起执行，执行期限为三年: the start is stated in a sentence of its own.
        if let Some(d) = start_date(text) {
            return Some(Found {
                value: (d.date, after_years(d.date, n)?),
                span: (d.start, at + s.len()),
            });
        }
        if let (Some(signed), true) = (
            signed,
            s.contains("签订之日") || s.contains("签字之日") || s.contains("签署之日"),
        ) {
            return Some(Found {
                value: (signed.value, after_years(signed.value, n)?),
                span: (*at, at + s.len()),
            });
        }
    }
    None
}

/// A date the contract says it starts from (自2024年5月1日起执行, 2022年11月1日生效), anywhere in the
/// text, as an absolute byte range.
fn start_date(text: &str) -> Option<FoundDate> {
    sentences(text)
        .into_iter()
        .filter(|(_, s)| !mentions_signing(s))
        .find_map(|(at, s)| {
            find_dates(s)
                .into_iter()
                .find(|d| {
                    let after = s.get(d.end..).unwrap_or("");
                    ["起", "开始", "生效", "执行", "施行"]
                        .iter()
                        .any(|w| after.starts_with(w))
                })
                .map(|d| FoundDate {
                    start: at + d.start,
                    end: at + d.end,
                    date: d.date,
                })
        })
}

/// 职工210人，其中女职工96人: both counts stated in one sentence.
fn workforce(text: &str) -> (Option<u32>, Option<u32>) {
    for (_, s) in sentences(text) {
        let people: Vec<_> = mentions(s, &[])
            .into_iter()
            .filter(|m| m.unit == RawUnit::Person)
            .collect();
        let count = |m: &crate::numbers::Mention| u32::try_from(m.milli / 1000).ok();
        let women = people.iter().find(|m| {
            s.get(..m.start).is_some_and(|b| {
                b.rfind("女职工")
                    .is_some_and(|i| b.get(i..).is_some_and(|g| g.chars().count() <= 8))
            })
        });
        let total = people.iter().find(|m| {
            let before = s.get(..m.start).unwrap_or("");
            before.contains("职工")
                && !before
                    .get(before.rfind("职工").map_or(0, |i| i.saturating_sub(3))..)
                    .unwrap_or("")
                    .contains("女职工")
                && Some(m.start) != women.map(|w| w.start)
        });
        if let (Some(t), Some(w)) = (total, women) {
            return (count(t), count(w));
        }
    }
    (None, None)
}

/// Reads the contract's facts. `outside` are the lines not inside any clause (preamble, signatures);
/// the term may also be stated inside a clause, so it is looked for in the whole text.
pub fn read(text: &str, clauses: &[(usize, usize)], set: &RuleSet) -> Meta {
    let outside: Vec<(usize, &str)> = lines(text)
        .into_iter()
        .filter(|(at, _)| !clauses.iter().any(|&(s, e)| *at >= s && *at < e))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let signed = signed(&outside);
    let term = term(text, signed.as_ref());
    let (total, women) = workforce(text);
    let (region, region_statute) =
        match region(&outside, set).or_else(|| region_in_clauses(text, set)) {
            Some(r) => (Some(r), None),
            None => match region_from_statutes(text, set) {
                Some((r, title)) => (Some(r), Some(title)),
                None => (None, None),
            },
        };
    Meta {
        title: title(text),
        region,
        region_statute,
        signed,
        term,
        total,
        women,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn a_region_from_the_address_inside_a_clause() {
        let set = dixian_core::rules::builtin().unwrap();
        let text = "某某传媒有限公司女职工权益保护专项集体协议\n第一条 为维护女职工合法权益，依据《浙江省女职工劳动保护办法》订立本协议。公司住所：北京市朝阳区某某街10号。\n第二条 本协议期限为2022年1月1日至2024年12月31日。\n";
        let clauses = [(text.find("第一条").unwrap(), text.len())];
        let meta = read(text, &clauses, &set);
        let region = meta.region.unwrap();
        assert_eq!(region.value, "北京市朝阳区");
        assert_eq!(&text[region.span.0..region.span.1], "北京市朝阳区");
        assert_eq!(meta.region_statute, None);
    }

    #[test]
    fn facts_from_the_header() {
        let set = dixian_core::rules::builtin().unwrap();
        let text = "武汉某某物流有限公司\n女职工权益保护专项集体合同\n地址：湖北省武汉市东西湖区某某路8号\n本企业现有职工210人，其中女职工96人。\n第一条 本合同期限为三年，自2021年5月1日起至2024年4月30日止。\n签订日期：2021年5月1日";
        let m = read(text, &[], &set);
        assert_eq!(
            m.title.as_deref(),
            Some("武汉某某物流有限公司女职工权益保护专项集体合同")
        );
        assert_eq!(m.region.map(|r| r.value).as_deref(), Some("湖北省武汉市"));
        assert_eq!(
            m.signed.map(|s| s.value.to_string()).as_deref(),
            Some("2021-05-01")
        );
        assert_eq!(
            m.term
                .map(|t| (t.value.0.to_string(), t.value.1.to_string())),
            Some(("2021-05-01".into(), "2024-04-30".into()))
        );
        assert_eq!((m.total, m.women), (Some(210), Some(96)));
    }

    #[test]
    fn term_from_years_after_signing() {
        let set = dixian_core::rules::builtin().unwrap();
        let m = read(
            "合同\n本合同有效期三年，自签订之日起生效。\n签订日期：2023年3月8日",
            &[],
            &set,
        );
        assert_eq!(
            m.term.map(|t| t.value.1.to_string()).as_deref(),
            Some("2026-03-07")
        );
    }
}
