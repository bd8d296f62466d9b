//! Numbers as contracts write them — 158, １５８, 0.5, 一百五十八, 壹佰伍拾捌, 两, 百分之六十, 1至2 — each
//! with the unit written after it. The numeral run is split off first and read by
//! [`dixian_core::numerals`] (the same reader as the YAML form's); no word segmenter is used (jieba cuts
//! 一百五十八天 into 一百五十 + 八天).

use dixian_core::numerals::parse_numeral;
use dixian_core::numerals::{is_arabic_digit as is_arabic, is_chinese_numeral as is_chinese_digit};

/// A unit as written after a number, before it is mapped to a vocabulary unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RawUnit {
    Day,
    WorkDay,
    Month,
    Year,
    /// 周岁 / 岁: a child's age.
    Age,
    Hour,
    Minute,
    Yuan,
    Times,
    Percent,
    Person,
}

/// Units in the order they are tried (longer spellings first).
const UNITS: [(&str, RawUnit); 19] = [
    ("个工作日", RawUnit::WorkDay),
    ("工作日", RawUnit::WorkDay),
    ("个自然日", RawUnit::Day),
    ("自然日", RawUnit::Day),
    ("天", RawUnit::Day),
    ("日", RawUnit::Day),
    ("个月", RawUnit::Month),
    ("月", RawUnit::Month),
    ("周岁", RawUnit::Age),
    ("岁", RawUnit::Age),
    ("年", RawUnit::Year),
    ("个小时", RawUnit::Hour),
    ("小时", RawUnit::Hour),
    ("分钟", RawUnit::Minute),
    ("元", RawUnit::Yuan),
    ("次", RawUnit::Times),
    ("%", RawUnit::Percent),
    ("％", RawUnit::Percent),
    ("人", RawUnit::Person),
];

/// A number with its unit, found in a text: `start..end` covers the number(s) and the unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// Thousandths; for a range (1至2天) the lower bound, the amount a worker is sure of.
    pub milli: i64,
    /// For a range, the upper bound.
    pub upper: Option<i64>,
    pub unit: RawUnit,
    /// Where the number itself starts (after 百分之).
    pub number_start: usize,
}

const RANGE_SEPARATORS: [char; 7] = ['至', '到', '-', '－', '—', '~', '～'];

/// The numeral run starting at byte `at` of `text`, if any: its end and value.
fn numeral_at(text: &str, at: usize) -> Option<(usize, i64)> {
    let rest = text.get(at..)?;
    let first = rest.chars().next()?;
    let end = if is_arabic(first) {
        let mut seen_point = false;
        let mut end = at;
        for (i, c) in rest.char_indices() {
            let point = (c == '.' || c == '．')
                && !seen_point
                && rest
                    .get(i + c.len_utf8()..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(is_arabic);
            if is_arabic(c) || point {
                seen_point |= point;
                end = at + i + c.len_utf8();
            } else {
                break;
            }
        }
        end
    } else if is_chinese_digit(first) {
        at + rest
            .char_indices()
            .find(|&(_, c)| !is_chinese_digit(c))
            .map_or(rest.len(), |(i, _)| i)
    } else {
        return None;
    };
    let value = parse_numeral(text.get(at..end)?)?;
    Some((end, value))
}

/// The unit written at byte `at` (spaces allowed before it, and one line break: a text wrapped by
/// hand, as one pasted from a PDF is, may break 七|天 over two lines), with the byte where it ends.
fn unit_at(text: &str, at: usize) -> Option<(RawUnit, usize)> {
    let rest = text.get(at..)?;
    let spaces = [' ', '\u{3000}'];
    let trimmed = rest.trim_start_matches(spaces);
    let trimmed = trimmed
        .strip_prefix("\r\n")
        .or_else(|| trimmed.strip_prefix('\n'))
        .map_or(trimmed, |t| t.trim_start_matches(spaces));
    let skipped = rest.len() - trimmed.len();
    UNITS
        .iter()
        .find(|(w, _)| trimmed.starts_with(w))
        .map(|(w, u)| (*u, at + skipped + w.len()))
}

/// Whether the line break at byte `at` of `text` splits a number from its unit (七|天): a line wrapped
/// by hand, not the end of a sentence.
pub fn wraps_a_figure(text: &str, at: usize) -> bool {
    let before = text.get(..at).and_then(|b| b.chars().next_back());
    before.is_some_and(|c| is_arabic(c) || is_chinese_digit(c)) && unit_at(text, at).is_some()
}

/// Every number-with-unit in `text`, skipping ordinals (第三条) and the byte ranges in `skip` (dates).
pub fn mentions(text: &str, skip: &[(usize, usize)]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(c) = text.get(at..).and_then(|r| r.chars().next()) else {
            break;
        };
        let step = c.len_utf8();
        let starts_run = (is_arabic(c) || is_chinese_digit(c))
            && !text.get(..at).is_some_and(|b| {
                b.ends_with(|p: char| is_arabic(p) || is_chinese_digit(p) || p == '.')
            });
        if !starts_run
            || skip.iter().any(|&(s, e)| at >= s && at < e)
            || text.get(..at).is_some_and(|b| b.ends_with('第'))
        {
            at += step;
            continue;
        }
        let Some((end, value)) = numeral_at(text, at) else {
            at += step;
            continue;
        };
        let percent_prefix = text
            .get(..at)
            .filter(|b| b.ends_with("百分之"))
            .map(|_| at - "百分之".len());
        if let Some(start) = percent_prefix {
            out.push(Mention {
                start,
                end,
                milli: value,
                upper: None,
                unit: RawUnit::Percent,
                number_start: at,
            });
            at = end;
            continue;
        }
        // A range: 1至2天, 一至两天, 1-2天.
        let mut upper = None;
        let mut unit_from = end;
        if let Some(sep) = text
            .get(end..)
            .and_then(|r| r.chars().next())
            .filter(|c| RANGE_SEPARATORS.contains(c))
        {
            if let Some((end2, value2)) = numeral_at(text, end + sep.len_utf8()) {
                if unit_at(text, end2).is_some() {
                    upper = Some(value2);
                    unit_from = end2;
                }
            }
        }
        match unit_at(text, unit_from) {
            Some((unit, unit_end)) => {
                out.push(Mention {
                    start: at,
                    end: unit_end,
                    milli: value,
                    upper,
                    unit,
                    number_start: at,
                });
                at = unit_end;
            }
            None => at = end,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn one(text: &str) -> (i64, RawUnit, &str) {
        let m = mentions(text, &[]);
        let m = m.first().unwrap();
        (m.milli, m.unit, text.get(m.start..m.end).unwrap())
    }

    #[test]
    fn arabic_and_chinese_numerals() {
        assert_eq!(
            one("享受产假一百五十八天。"),
            (158_000, RawUnit::Day, "一百五十八天")
        );
        assert_eq!(
            one("产假壹佰伍拾捌天"),
            (158_000, RawUnit::Day, "壹佰伍拾捌天")
        );
        assert_eq!(one("卫生费三十元"), (30_000, RawUnit::Yuan, "三十元"));
        assert_eq!(one("每天两次"), (2_000, RawUnit::Times, "两次"));
        assert_eq!(one("哺乳时间0.5小时"), (500, RawUnit::Hour, "0.5小时"));
        assert_eq!(one("产假１５８天"), (158_000, RawUnit::Day, "１５８天"));
        assert_eq!(one("五个工作日"), (5_000, RawUnit::WorkDay, "五个工作日"));
        assert_eq!(
            one("不低于百分之六十"),
            (60_000, RawUnit::Percent, "百分之六十")
        );
        assert_eq!(one("十五天"), (15_000, RawUnit::Day, "十五天"));
        // A line wrapped by hand between the number and its unit.
        assert_eq!(one("护理假七\n天。"), (7_000, RawUnit::Day, "七\n天"));
        assert_eq!(one("护理假七\r\n天。"), (7_000, RawUnit::Day, "七\r\n天"));
        assert!(mentions("护理假七\n\n天", &[]).is_empty());
    }

    #[test]
    fn ranges_ordinals_and_plain_words() {
        let m = mentions("每月给予1至2天的休息", &[]);
        assert_eq!(
            (m.len(), m.first().map(|m| (m.milli, m.upper))),
            (1, Some((1_000, Some(2_000))))
        );
        assert!(mentions("第三条 一式三份，统一发放，一定的休息", &[]).is_empty());
        assert!(mentions("每多生育一个婴儿", &[]).is_empty());
    }
}
