//! Splitting a contract's text into clauses. Lines are labelled by how they are numbered (第一章,
//! 第一条, 一、, （一）, 1.、1、, （1）, ①), and the clause level is the highest numbering that numbers
//! clauses rather than headings: in “一、经期保护 / 1. 女职工经期…” the 一、 lines are headings and the
//! numbered lines under them clauses (ids 一、1, 一、2 …); under 第N条 any （一） items stay inside
//! their article.
//! Every clause keeps the byte range of its own words in the text.

/// How a line is numbered, from the outermost to the innermost level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Chapter,
    Article,
    CnEnum,
    ParenCn,
    Arabic,
    ParenArabic,
    Circled,
}

const CLAUSE_LEVELS: [Level; 6] = [
    Level::Article,
    Level::CnEnum,
    Level::ParenCn,
    Level::Arabic,
    Level::ParenArabic,
    Level::Circled,
];

/// A clause found in the text: byte ranges into the whole text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawClause {
    pub id: String,
    pub label: (usize, usize),
    pub text: (usize, usize),
    pub topic: Option<&'static str>,
}

#[derive(Clone, Debug)]
struct Line<'a> {
    start: usize,
    text: &'a str,
    label: Option<(Level, usize, String)>,
}

const CN_NUMERALS: &str = "一二三四五六七八九十百零〇两";
const PERIODS: [&str; 5] = ["经期", "孕期", "产期", "哺乳期", "更年期"];

/// The numbering at the start of a (trimmed) line: level, label length in bytes, and a clean id.
fn label(line: &str) -> Option<(Level, usize, String)> {
    let take = |pred: &dyn Fn(char) -> bool, s: &str| -> usize {
        s.chars().take_while(|c| pred(*c)).map(char::len_utf8).sum()
    };
    let cn = |c: char| CN_NUMERALS.contains(c) || c.is_ascii_digit();
    if let Some(rest) = line.strip_prefix('第') {
        let n = take(&cn, rest);
        let after = rest.get(n..)?;
        for (mark, level) in [
            ("章", Level::Chapter),
            ("节", Level::Chapter),
            ("部分", Level::Chapter),
            ("条", Level::Article),
        ] {
            if n > 0 && after.starts_with(mark) {
                let len = '第'.len_utf8() + n + mark.len();
                return Some((level, len, line.get(..len)?.to_owned()));
            }
        }
        return None;
    }
    if let Some(rest) = line.strip_prefix(['（', '(']) {
        let open = line.len() - rest.len();
        let cn_only = |c: char| CN_NUMERALS.contains(c);
        let digits = |c: char| c.is_ascii_digit();
        for (pred, level) in [
            (&cn_only as &dyn Fn(char) -> bool, Level::ParenCn),
            (&digits, Level::ParenArabic),
        ] {
            let n = take(pred, rest);
            if n > 0 && rest.get(n..).is_some_and(|r| r.starts_with(['）', ')'])) {
                let close = rest.get(n..)?.chars().next()?.len_utf8();
                let number = rest.get(..n)?;
                return Some((level, open + n + close, format!("（{number}）")));
            }
        }
        return None;
    }
    let first = line.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        return Some((Level::Circled, first.len_utf8(), first.to_string()));
    }
    for (pred, level) in [
        (
            &(|c: char| CN_NUMERALS.contains(c)) as &dyn Fn(char) -> bool,
            Level::CnEnum,
        ),
        (&|c: char| c.is_ascii_digit(), Level::Arabic),
    ] {
        let n = take(pred, line);
        let rest = line.get(n..)?;
        let sep = rest.chars().next();
        let is_sep = matches!(sep, Some('、' | '．'))
            || (sep == Some('.')
                && !rest
                    .get(1..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())));
        if n > 0 && is_sep {
            let len = n + sep.map_or(0, char::len_utf8);
            return Some((level, len, line.get(..n)?.to_owned()));
        }
    }
    None
}

/// Lines that end the contract's body: signatures, seals, the signing date, a date alone.
pub fn is_signature_line(line: &str) -> bool {
    let line = line.trim();
    let head: String = line.chars().take(14).collect();
    let party = [
        "甲方",
        "乙方",
        "企业方",
        "工会方",
        "公司代表",
        "工会代表",
        "单位代表",
        "企业代表",
        "首席代表",
        "用人单位",
    ]
    .iter()
    .any(|p| line.starts_with(p))
        && head.contains(['：', ':', '（', '(']);
    let date_line = crate::meta::SIGNED_LABELS
        .iter()
        .any(|p| line.starts_with(p));
    let only_date = !line.is_empty() && {
        let dates = crate::dates::find_dates(line);
        dates.len() == 1
            && dates.first().is_some_and(|d| {
                line.get(..d.start).is_some_and(|b| b.trim().is_empty())
                    && line.get(d.end..).is_some_and(|a| a.trim().is_empty())
            })
    };
    let signing = [
        "（签字）",
        "(签字)",
        "（签章）",
        "（盖章）",
        "(盖章)",
        "签字：",
        "盖章：",
    ]
    .iter()
    .any(|w| line.contains(w));
    party || date_line || only_date || signing || line.starts_with("盖章")
}

/// Whether the text after a label reads as a heading: short, no sentence punctuation.
fn heading_like(rest: &str) -> bool {
    let rest = rest.trim();
    !rest.is_empty()
        && rest.chars().count() <= 16
        && !rest.contains(['。', '；', '，', '：', ',', ';', ':'])
}

/// A period named by a heading, when it names exactly one.
pub fn period_of(heading: &str) -> Option<&'static str> {
    let mut found = PERIODS.iter().filter(|p| heading.contains(*p));
    let first = found.next()?;
    // 哺乳期 does not also count as 产期 etc.; two different periods leave the topic open.
    found.next().is_none().then_some(*first)
}

/// Where a line holding a whole contract (“…制定本合同。第二条 本合同由…签订日期：…”) breaks into the
/// lines it would have had: before each article label and each signing-date label that follows a
/// sentence end or a space. A reference inside a sentence (依照第三条) follows no such mark.
fn run_on_breaks(raw: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, c) in raw.char_indices().skip(1) {
        let starts_label = c == '第'
            && label(raw.get(i..).unwrap_or("")).is_some_and(|(lv, _, _)| lv <= Level::Article);
        let starts_signing = crate::meta::SIGNED_LABELS
            .iter()
            .any(|w| raw.get(i..).is_some_and(|r| r.starts_with(w)));
        let after_mark = raw
            .get(..i)
            .and_then(|b| b.chars().next_back())
            .is_some_and(|p| {
                matches!(p, '。' | '；' | ';' | '！' | '？' | ' ' | '\u{3000}' | '\t')
            });
        if (starts_label || starts_signing) && after_mark {
            out.push(i);
        }
    }
    out
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for whole in text.split('\n') {
        let breaks = run_on_breaks(whole);
        let mut from = 0;
        for to in breaks.iter().copied().chain(std::iter::once(whole.len())) {
            let raw = whole.get(from..to).unwrap_or("");
            let lead = raw.len() - raw.trim_start_matches([' ', '\t', '\u{3000}']).len();
            let trimmed = raw.trim_start_matches([' ', '\t', '\u{3000}']).trim_end();
            out.push(Line {
                start: start + from + lead,
                text: trimmed,
                label: label(trimmed),
            });
            from = to;
        }
        start += whole.len() + 1;
    }
    out
}

/// Heading text of a labelled line: what follows the label, or the part in 【】.
fn heading_text<'a>(line: &Line<'a>) -> &'a str {
    let rest = line
        .label
        .as_ref()
        .and_then(|(_, n, _)| line.text.get(*n..))
        .unwrap_or(line.text)
        .trim_start_matches(['、', ' ', '\u{3000}', '.', '．']);
    if let (Some(a), Some(b)) = (rest.find('【'), rest.find('】')) {
        if a < b {
            return rest.get(a + '【'.len_utf8()..b).unwrap_or("");
        }
    }
    if heading_like(rest) { rest.trim() } else { "" }
}

/// Splits `text` into clauses.
pub fn split(text: &str) -> Vec<RawClause> {
    let lines = lines(text);
    let next_label = |i: usize| {
        lines
            .iter()
            .skip(i + 1)
            .find(|l| !l.text.is_empty())
            .and_then(|l| l.label.as_ref().map(|(lv, _, _)| *lv))
    };
    // A level is a heading level when one of its lines is a short title followed by a deeper label.
    // Articles (第N条) are the legal unit of a contract and always clauses; items under them stay inside.
    let is_heading_level = |level: Level| {
        level == Level::Chapter
            || level != Level::Article
                && lines.iter().enumerate().any(|(i, l)| {
                    l.label.as_ref().is_some_and(|(lv, n, _)| {
                        *lv == level
                            && heading_like(l.text.get(*n..).unwrap_or(""))
                            && next_label(i).is_some_and(|nl| nl > level)
                    })
                })
    };
    let present: Vec<Level> = CLAUSE_LEVELS
        .iter()
        .copied()
        .filter(|lv| {
            lines
                .iter()
                .any(|l| l.label.as_ref().is_some_and(|(x, _, _)| x == lv))
        })
        .collect();
    let clause_level = present.iter().copied().find(|lv| !is_heading_level(*lv));
    let Some(clause_level) = clause_level else {
        return paragraphs(text, &lines);
    };

    let mut out: Vec<RawClause> = Vec::new();
    let mut open: Option<RawClause> = None;
    let mut prefix = String::new(); // the enclosing heading's label (一、) for ids
    let mut heading_topic: Option<&'static str> = None;
    let mut chapter_topic: Option<&'static str> = None;
    let close = |open: &mut Option<RawClause>, out: &mut Vec<RawClause>| {
        if let Some(c) = open.take() {
            out.push(c);
        }
    };
    for line in &lines {
        if line.text.is_empty() {
            continue;
        }
        match &line.label {
            Some((level, n, id)) if *level == clause_level => {
                close(&mut open, &mut out);
                let own = period_of(heading_text(line));
                let id = if prefix.is_empty() {
                    id.clone()
                } else {
                    format!("{prefix}{id}")
                };
                let end = line.start + line.text.len();
                open = Some(RawClause {
                    id,
                    label: (line.start, line.start + n),
                    text: (line.start, end),
                    topic: own.or(heading_topic).or(chapter_topic),
                });
            }
            Some((level, _, id)) if *level < clause_level => {
                close(&mut open, &mut out);
                let topic = period_of(heading_text(line));
                if *level == Level::Chapter {
                    chapter_topic = topic;
                    heading_topic = None;
                    prefix.clear();
                } else {
                    heading_topic = topic;
                    prefix = match level {
                        Level::CnEnum => format!("{id}、"),
                        _ => id.clone(),
                    };
                }
            }
            _ if is_signature_line(line.text) => close(&mut open, &mut out),
            _ => {
                if let Some(c) = open.as_mut() {
                    c.text.1 = line.start + line.text.len();
                }
            }
        }
    }
    close(&mut open, &mut out);
    dedupe_ids(&mut out);
    out
}

/// A contract with no numbering at all: every paragraph after the title is a clause, 第N段.
fn paragraphs(_text: &str, lines: &[Line<'_>]) -> Vec<RawClause> {
    let mut out = Vec::new();
    for line in lines.iter().filter(|l| !l.text.is_empty()).skip(1) {
        if is_signature_line(line.text) {
            continue;
        }
        let id = format!("第{}段", out.len() + 1);
        let end = line.start + line.text.len();
        out.push(RawClause {
            id,
            label: (line.start, line.start),
            text: (line.start, end),
            topic: None,
        });
    }
    out
}

/// Ids must be unique (the YAML form refuses duplicates): a repeated id gets a suffix (第五条之2).
fn dedupe_ids(clauses: &mut [RawClause]) {
    // Each id given, with the last suffix given to it as a label: a text of thousands of clauses
    // that repeat one label took minutes when each id was looked for in a list, and each suffix
    // tried from 2.
    let mut given: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for c in clauses.iter_mut() {
        if let Some(&last) = given.get(&c.id) {
            let base = std::mem::take(&mut c.id);
            let mut n = last;
            loop {
                n += 1;
                c.id = format!("{base}之{n}");
                if !given.contains_key(&c.id) {
                    break;
                }
            }
            given.insert(base, n);
        }
        given.insert(c.id.clone(), 1);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn ids(text: &str) -> Vec<(String, Option<&'static str>, String)> {
        split(text)
            .into_iter()
            .map(|c| {
                (
                    c.id,
                    c.topic,
                    text.get(c.text.0..c.text.1).unwrap().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn articles_with_chapters_and_items() {
        let t = "合同\n第一章 经期保护\n第一条 女职工经期……\n（一）不安排冷水作业；\n（二）发放卫生费。\n第二条 其他。\n\n甲方：某公司\n签订日期：2021年5月1日";
        let got = ids(t);
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0],
            (
                "第一条".into(),
                Some("经期"),
                "第一条 女职工经期……\n（一）不安排冷水作业；\n（二）发放卫生费。".into()
            )
        );
        assert_eq!(got[1].2, "第二条 其他。");
    }

    #[test]
    fn enum_headings_over_numbered_items() {
        let t = "合同\n一、孕期保护\n1. 产前检查计入劳动时间。\n2. 不安排夜班。\n二、其他\n1. 设立哺乳室。";
        let got: Vec<(String, Option<&str>)> = ids(t).into_iter().map(|(i, t, _)| (i, t)).collect();
        assert_eq!(
            got,
            vec![
                ("一、1".into(), Some("孕期")),
                ("一、2".into(), Some("孕期")),
                ("二、1".into(), None)
            ]
        );
    }

    #[test]
    fn a_contract_on_one_line_splits_into_articles() {
        let t = "合同 第一条 依照第三条制定本合同。第二条 产假158天。签订日期：2022年6月20日";
        let got = ids(t);
        assert_eq!(
            got.iter()
                .map(|g| (g.0.as_str(), g.2.as_str()))
                .collect::<Vec<_>>(),
            vec![
                ("第一条", "第一条 依照第三条制定本合同。"),
                ("第二条", "第二条 产假158天。")
            ]
        );
    }

    #[test]
    fn enum_items_are_clauses_when_they_are_sentences() {
        let t = "合同\n一、女职工享受以下假期：\n产假\t158天\n二、卫生费每人每月35元。";
        let got = ids(t);
        assert_eq!(
            got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            vec!["一", "二"]
        );
        assert_eq!(got[0].2, "一、女职工享受以下假期：\n产假\t158天");
    }

    /// Repeated labels are numbered in order and no id is given twice, in a text of thousands of
    /// clauses that repeat their labels (a contract pasted over and over).
    #[test]
    fn repeated_ids_are_numbered_once_each() {
        let text =
            "合同\n第一条 甲。\n第一条 乙。\n第一条 丙。\n第一条 丁。\n第二条 戊。\n".repeat(300);
        let got = ids(&text);
        assert_eq!(got.len(), 1500);
        assert_eq!(
            got.iter().take(6).map(|g| g.0.as_str()).collect::<Vec<_>>(),
            vec![
                "第一条",
                "第一条之2",
                "第一条之3",
                "第一条之4",
                "第二条",
                "第一条之5"
            ]
        );
        let unique: std::collections::BTreeSet<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(unique.len(), got.len());
    }
}
