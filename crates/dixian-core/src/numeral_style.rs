//! Writing figures, beside [`crate::numerals`] which reads them, in the style the contract uses: a
//! figure replacing 一百二十八 is written 一百五十八, one replacing 128 is written 158, one replacing
//! １２８ is written １５８.

use crate::numerals;

/// How a figure is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Arabic,
    FullWidth,
    Chinese,
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// Whether `c` is part of a written figure (Arabic, full-width or Chinese numerals, a decimal point).
pub fn is_numeral(c: char) -> bool {
    numerals::is_arabic_digit(c) || numerals::is_chinese_numeral(c) || c == '.' || c == '．'
}

/// Reads a written figure back, in thousandths (the reader of [`crate::numerals`]).
pub fn read(figure: &str) -> Option<i64> {
    numerals::parse_numeral(figure)
}

/// The style of a written figure.
pub fn style_of(figure: &str) -> Style {
    if figure.chars().any(|c| ('０'..='９').contains(&c)) {
        Style::FullWidth
    } else if figure.chars().any(|c| c.is_ascii_digit()) {
        Style::Arabic
    } else {
        Style::Chinese
    }
}

/// A figure in thousandths written in `style`: 158000 → 158, １５８ or 一百五十八; 500 → 0.5 or 零点五.
pub fn write(milli: i64, style: Style) -> String {
    let arabic = crate::quantity::format_milli(milli);
    match style {
        Style::Arabic => arabic,
        Style::FullWidth => arabic
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(u32::from('０') + d).unwrap_or(c),
                None => c,
            })
            .collect(),
        Style::Chinese => {
            let (whole, fraction) = arabic.split_once('.').unwrap_or((&arabic, ""));
            let mut out = chinese_whole(whole.parse().unwrap_or(0));
            if !fraction.is_empty() {
                out.push('点');
                out.extend(fraction.chars().filter_map(|c| c.to_digit(10)).map(digit));
            }
            out
        }
    }
}

fn digit(d: u32) -> char {
    DIGITS.get(d as usize).copied().unwrap_or('零')
}

/// 0 → 零, 15 → 十五, 105 → 一百零五, 110 → 一百一十, 12000 → 一万二千.
fn chinese_whole(n: u64) -> String {
    if n == 0 {
        return "零".to_owned();
    }
    if n >= 10_000 {
        let (high, low) = (n / 10_000, n % 10_000);
        let mut out = chinese_whole(high);
        out.push('万');
        if low > 0 {
            if low < 1000 {
                out.push('零');
            }
            out.push_str(&below_ten_thousand(low, true));
        }
        return out;
    }
    below_ten_thousand(n, false)
}

/// A number below 10 000; `inner` when it follows a higher unit (一百一十, not 一百十).
fn below_ten_thousand(n: u64, inner: bool) -> String {
    let places = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    for (value, unit) in places {
        let d = rest / value;
        rest %= value;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        // 十五, but 一百一十五 and 一十 after a higher unit.
        if !(value == 10 && d == 1 && out.is_empty() && !inner) {
            out.push(digit(d as u32));
        }
        out.push(unit);
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push(digit(rest as u32));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Style, style_of, write};

    #[test]
    fn chinese_figures_read_as_a_lawyer_writes_them() {
        let cases = [
            (158, "一百五十八"),
            (128, "一百二十八"),
            (15, "十五"),
            (10, "十"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1000, "一千"),
            (1005, "一千零五"),
            (12000, "一万二千"),
            (10_050, "一万零五十"),
            (0, "零"),
        ];
        for (n, want) in cases {
            assert_eq!(write(n * 1000, Style::Chinese), want, "{n}");
        }
        assert_eq!(write(500, Style::Chinese), "零点五");
        assert_eq!(write(1500, Style::Chinese), "一点五");
    }

    #[test]
    fn styles_are_kept() {
        assert_eq!(style_of("128"), Style::Arabic);
        assert_eq!(style_of("１２８"), Style::FullWidth);
        assert_eq!(style_of("一百二十八"), Style::Chinese);
        assert_eq!(write(158_000, Style::FullWidth), "１５８");
        assert_eq!(write(1500, Style::Arabic), "1.5");
    }

    #[test]
    fn written_figures_read_back() {
        for n in [0, 5, 10, 15, 98, 105, 110, 128, 158, 1005, 12000, 10_050] {
            for style in [Style::Arabic, Style::FullWidth, Style::Chinese] {
                assert_eq!(super::read(&write(n * 1000, style)), Some(n * 1000), "{n}");
            }
        }
        assert_eq!(super::read("0.5"), Some(500));
        assert_eq!(super::read("两"), Some(2000));
    }
}
