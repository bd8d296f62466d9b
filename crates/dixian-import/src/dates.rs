//! Dates as contracts write them: 2021年5月1日, 二〇二二年三月一日, 2021-05-01, 2021.5.1, 2021/5/1.

use chrono::NaiveDate;
use dixian_core::numerals::parse_numeral;

/// A date found in a text, with its byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
}

fn digit_like(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "零〇一二三四五六七八九十".contains(c)
}

/// The run of digits (Arabic or Chinese) at `at`, with its value and end.
fn run(text: &str, at: usize, max_chars: usize) -> Option<(i64, usize)> {
    let rest = text.get(at..)?;
    let len: usize = rest
        .chars()
        .take_while(|c| digit_like(*c))
        .take(max_chars)
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let value = parse_numeral(rest.get(..len)?)? / 1000;
    Some((value, at + len))
}

fn expect(text: &str, at: usize, seps: &[char]) -> Option<usize> {
    let c = text.get(at..)?.chars().next()?;
    seps.contains(&c).then(|| at + c.len_utf8())
}

/// The date starting at byte `at`, if one does.
fn date_at(text: &str, at: usize) -> Option<FoundDate> {
    let (year, after_year) = run(text, at, 4)?;
    if !(1949..=2200).contains(&year) {
        return None;
    }
    let sep = text.get(after_year..)?.chars().next()?;
    let (month_seps, day_seps): (&[char], &[char]) = match sep {
        '年' => (&['月'], &['日', '号']),
        '-' | '.' | '/' | '－' | '．' => (&['-', '.', '/', '－', '．'], &[]),
        _ => return None,
    };
    let (month, after_month) = run(text, after_year + sep.len_utf8(), 2)?;
    let month_end = expect(text, after_month, month_seps)?;
    let (day, after_day) = run(text, month_end, 3)?;
    let end = if day_seps.is_empty() {
        after_day
    } else {
        expect(text, after_day, day_seps)?
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )?;
    Some(FoundDate {
        start: at,
        end,
        date,
    })
}

/// Every date in `text`, in order.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(c) = text.get(at..).and_then(|r| r.chars().next()) else {
            break;
        };
        let boundary = !text.get(..at).is_some_and(|b| b.ends_with(digit_like));
        if boundary && digit_like(c) {
            if let Some(d) = date_at(text, at) {
                at = d.end;
                out.push(d);
                continue;
            }
        }
        at += c.len_utf8();
    }
    out
}

/// Byte ranges that hold dates or bare years (2019年), which are not quantities.
pub fn date_like_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = find_dates(text).iter().map(|d| (d.start, d.end)).collect();
    for (i, _) in text.match_indices('年') {
        let before = text.get(..i).unwrap_or("");
        let digits: usize = before
            .chars()
            .rev()
            .take_while(|c| digit_like(*c))
            .map(char::len_utf8)
            .sum();
        if before.chars().rev().take_while(|c| digit_like(*c)).count() == 4 {
            out.push((i - digits, i + '年'.len_utf8()));
        }
    }
    // 5月1日 without a year.
    for (i, _) in text.match_indices('月') {
        let before = text.get(..i).unwrap_or("");
        let m: usize = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .map(char::len_utf8)
            .sum();
        let after = text.get(i + '月'.len_utf8()..).unwrap_or("");
        let d: usize = after
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .map(char::len_utf8)
            .sum();
        if m > 0 && d > 0 && after.get(d..).is_some_and(|r| r.starts_with(['日', '号'])) {
            out.push((i - m, i + '月'.len_utf8() + d + '日'.len_utf8()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn written_dates() {
        let found: Vec<NaiveDate> =
            find_dates("自2021年5月1日起至二〇二五年二月二十八日止，2021-05-01，2021.5.1")
                .iter()
                .map(|f| f.date)
                .collect();
        assert_eq!(
            found,
            vec![d(2021, 5, 1), d(2025, 2, 28), d(2021, 5, 1), d(2021, 5, 1)]
        );
        assert!(find_dates("2021年2月30日").is_empty());
        assert!(find_dates("产假158天").is_empty());
    }
}
