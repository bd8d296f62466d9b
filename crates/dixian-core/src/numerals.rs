//! Numbers as contracts write them: 158, １５８, 0.5, 一百五十八, 壹佰伍拾捌, 两, 二〇二二, 一点五, 半.
//! One reader for the contract form and the importer. Hand-written rather than a crate: it is a few
//! dozen lines, exact (thousandths, never floating point), and it ships in the browser build too.
//!
//! Values are thousandths, as in [`crate::quantity`]: 一百五十八 → 158_000, 半 → 500.

use crate::quantity::MAX_MAGNITUDE;

/// What a Chinese numeral character stands for.
#[derive(Clone, Copy)]
enum Sign {
    Digit(u64),
    /// 十 百 千 within a group of four places.
    Place(u64),
    /// 万 亿: a group multiplier.
    Group(u64),
}

fn sign(c: char) -> Option<Sign> {
    Some(match c {
        '零' | '〇' | '○' => Sign::Digit(0),
        '一' | '壹' => Sign::Digit(1),
        '二' | '两' | '贰' | '貳' => Sign::Digit(2),
        '三' | '叁' | '參' => Sign::Digit(3),
        '四' | '肆' => Sign::Digit(4),
        '五' | '伍' => Sign::Digit(5),
        '六' | '陆' | '陸' => Sign::Digit(6),
        '七' | '柒' => Sign::Digit(7),
        '八' | '捌' => Sign::Digit(8),
        '九' | '玖' => Sign::Digit(9),
        '十' | '拾' => Sign::Place(10),
        '百' | '佰' => Sign::Place(100),
        '千' | '仟' => Sign::Place(1000),
        '万' | '萬' => Sign::Group(10_000),
        '亿' | '億' => Sign::Group(100_000_000),
        _ => return None,
    })
}

/// Every Chinese numeral character the reader knows, for patterns elsewhere (the contract's JSON schema).
pub const CHINESE_NUMERALS: &str =
    "零〇○一二两三四五六七八九十百千万亿壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億";

/// Whether `c` is a Chinese numeral character (digit, 十百千 or 万亿).
pub fn is_chinese_numeral(c: char) -> bool {
    sign(c).is_some()
}

/// Whether `c` is an Arabic digit, half or full width.
pub fn is_arabic_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Reads a whole integer written in Chinese numerals: by place values (一百五十八, 三千五 = 3500,
/// 一万零五百) or, without any place character, digit by digit (二〇二二). `None` if it is not one.
fn chinese_integer(run: &str) -> Option<u64> {
    let signs: Vec<Sign> = run.chars().map(sign).collect::<Option<_>>()?;
    if signs.is_empty() {
        return None;
    }
    if signs.iter().all(|s| matches!(s, Sign::Digit(_))) {
        if signs.len() > 1 && run.contains('两') {
            return None;
        }
        return signs.iter().try_fold(0u64, |n, s| match s {
            Sign::Digit(d) => n.checked_mul(10)?.checked_add(*d),
            _ => None,
        });
    }
    let mut total: u64 = 0; // finished 亿 groups
    let mut group: u64 = 0; // finished 万 groups within the current 亿
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut last_place: u64 = u64::MAX; // places must fall within a section: 千 then 百 then 十
    let mut after_zero = false;
    let mut last_group: u64 = u64::MAX;
    for s in &signs {
        match *s {
            Sign::Digit(0) => {
                if digit.is_some() {
                    return None;
                }
                after_zero = true;
            }
            Sign::Digit(d) => {
                if digit.is_some() {
                    return None;
                }
                digit = Some(d);
            }
            Sign::Place(p) => {
                if p >= last_place {
                    return None;
                }
                // 十五 and 一百十五: a bare 十 counts one ten.
                let d = match digit.take() {
                    Some(d) => d,
                    None if p == 10 => 1,
                    None => return None,
                };
                section += d * p;
                last_place = p;
                after_zero = false;
            }
            Sign::Group(g) => {
                if g >= last_group && g == 10_000 {
                    return None;
                }
                let part = section + digit.take().unwrap_or(0);
                if g == 10_000 {
                    if part == 0 {
                        return None;
                    }
                    group = part.checked_mul(g)?;
                } else {
                    let part = group.checked_add(part)?;
                    if part == 0 || total != 0 {
                        return None;
                    }
                    total = part.checked_mul(g)?;
                    group = 0;
                }
                section = 0;
                last_place = u64::MAX;
                last_group = g;
                after_zero = false;
            }
        }
    }
    if let Some(d) = digit {
        // 三千五 is 3500 and 一万五 15000: a last digit right after a place counts one place lower.
        // After 零 (一百零五) or alone it is units.
        let scale = match (after_zero, last_place) {
            (false, p) if p != u64::MAX && p > 10 => p / 10,
            (false, u64::MAX) if section == 0 && last_group != u64::MAX => last_group / 10,
            _ => 1,
        };
        section += d * scale;
    }
    total.checked_add(group)?.checked_add(section)
}

/// Why a run of Chinese numerals is not a number a contract can state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumeralError {
    /// Not one number (五百五百, 百).
    Malformed,
    /// Beyond [`MAX_MAGNITUDE`].
    TooLarge,
    /// More than three decimals (一点二三四五).
    TooPrecise,
}

/// Reads a number written in Chinese numerals, in thousandths: 一百五十八, 两, 零点五, 一点二五, 半.
pub fn parse_chinese(run: &str) -> Result<i64, NumeralError> {
    if run == "半" {
        return Ok(500);
    }
    let (whole, frac) = match run.split_once('点') {
        Some((w, f)) => (w, Some(f)),
        None => (run, None),
    };
    let whole = chinese_integer(whole).ok_or(NumeralError::Malformed)?;
    let whole = i64::try_from(whole)
        .ok()
        .filter(|w| *w <= MAX_MAGNITUDE)
        .ok_or(NumeralError::TooLarge)?;
    let mut milli = whole * 1000;
    if let Some(frac) = frac {
        if frac.chars().count() > 3 {
            return Err(NumeralError::TooPrecise);
        }
        if frac.is_empty() {
            return Err(NumeralError::Malformed);
        }
        for (c, scale) in frac.chars().zip([100, 10, 1]) {
            match sign(c) {
                Some(Sign::Digit(d)) => {
                    milli += i64::try_from(d).map_err(|_| NumeralError::Malformed)? * scale;
                }
                _ => return Err(NumeralError::Malformed),
            }
        }
    }
    Ok(milli)
}

/// Reads a run of numerals, Arabic (half or full width, with a decimal point) or Chinese, in
/// thousandths. The importer's reading: it accepts full-width digits, which a contract typed in the
/// YAML form is told to correct.
pub fn parse_numeral(run: &str) -> Option<i64> {
    if run
        .chars()
        .all(|c| is_arabic_digit(c) || c == '.' || c == '．')
    {
        let ascii: String = run
            .chars()
            .map(|c| match c {
                '０'..='９' => {
                    char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or('0')
                }
                '．' => '.',
                c => c,
            })
            .collect();
        return crate::quantity::parse_milli(&ascii).ok();
    }
    parse_chinese(run).ok()
}

/// The Chinese numeral that starts `text`, if any: `(numeral, rest)`. 一百五十八天 → (一百五十八, 天);
/// 半小时/日 → (半, 小时/日); 零点五小时 → (零点五, 小时). 点 belongs to the number only between
/// numerals.
pub fn split_chinese(text: &str) -> Option<(&str, &str)> {
    if let Some(rest) = text.strip_prefix('半') {
        return Some(("半", rest));
    }
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let point =
            c == '点' && end > 0 && chars.peek().is_some_and(|&(_, n)| is_chinese_numeral(n));
        if is_chinese_numeral(c) || point {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    (end > 0).then(|| (text.get(..end).unwrap_or(""), text.get(end..).unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_values() {
        for (text, n) in [
            ("一百五十八", 158),
            ("壹佰伍拾捌", 158),
            ("十五", 15),
            ("一十五", 15),
            ("三十", 30),
            ("两", 2),
            ("二", 2),
            ("一百零五", 105),
            ("三千五", 3500),
            ("一万五", 15_000),
            ("一万零五百", 10_500),
            ("二十万", 200_000),
            ("十亿", 1_000_000_000),
            ("两千", 2000),
            ("二〇二二", 2022),
            ("零", 0),
        ] {
            assert_eq!(parse_chinese(text), Ok(n * 1000), "{text}");
        }
    }

    #[test]
    fn decimals_and_half() {
        assert_eq!(parse_chinese("半"), Ok(500));
        assert_eq!(parse_chinese("零点五"), Ok(500));
        assert_eq!(parse_chinese("一点二五"), Ok(1250));
        assert_eq!(parse_chinese("一点二三四五"), Err(NumeralError::TooPrecise));
        assert_eq!(parse_numeral("１５８"), Some(158_000));
        assert_eq!(parse_numeral("0.5"), Some(500));
    }

    #[test]
    fn not_numbers() {
        for text in [
            "",
            "百",
            "一二百",
            "十百",
            "五五十",
            "两两",
            "一百一千",
            "百亿亿",
            "一点",
        ] {
            assert_eq!(parse_chinese(text), Err(NumeralError::Malformed), "{text}");
        }
        assert_eq!(parse_chinese("一百亿"), Err(NumeralError::TooLarge));
    }

    #[test]
    fn the_listed_numerals_are_the_ones_read() {
        assert!(CHINESE_NUMERALS.chars().all(is_chinese_numeral));
        let listed = CHINESE_NUMERALS.chars().count();
        let read = ('\u{2000}'..='\u{9fff}')
            .filter(|c| is_chinese_numeral(*c))
            .count();
        assert_eq!(listed, read);
    }

    #[test]
    fn leading_numeral() {
        assert_eq!(split_chinese("一百五十八天"), Some(("一百五十八", "天")));
        assert_eq!(split_chinese("半小时/日"), Some(("半", "小时/日")));
        assert_eq!(split_chinese("零点五小时"), Some(("零点五", "小时")));
        assert_eq!(split_chinese("两次/年"), Some(("两", "次/年")));
        assert_eq!(split_chinese("天"), None);
    }
}
