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

/// The style of the first figure in `words` (半 is written in Chinese), if they have one.
pub fn written_style(words: &str) -> Option<Style> {
    let c = words
        .chars()
        .find(|&c| numerals::is_arabic_digit(c) || numerals::is_chinese_numeral(c) || c == '半')?;
    Some(if numerals::is_arabic_digit(c) {
        style_of(&c.to_string())
    } else {
        Style::Chinese
    })
}

/// The style most of the quantities in `texts` are written in (一百二十八天, 每月三十元 against
/// 128天): a figure counts when a unit follows it, so dates (2022年1月1日) and words that only
/// hold a numeral (统一, 第三级) do not. Arabic when none is written or the styles tie.
pub fn prevailing<'t>(texts: impl IntoIterator<Item = &'t str>) -> Style {
    const UNITS: [char; 11] = [
        '天', '日', '个', '小', '元', '次', '周', '岁', '分', '%', '％',
    ];
    let mut counts = [0usize; 3];
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let figure = |c: char| is_numeral(c) || c == '半';
            if !chars.get(i).copied().is_some_and(figure) {
                i += 1;
                continue;
            }
            let start = i;
            while chars.get(i).copied().is_some_and(figure) {
                i += 1;
            }
            let after_date = matches!(
                start.checked_sub(1).and_then(|b| chars.get(b)),
                Some('月' | '年')
            );
            if after_date || !chars.get(i).is_some_and(|c| UNITS.contains(c)) {
                continue;
            }
            let run: String = chars.get(start..i).unwrap_or_default().iter().collect();
            let slot = match written_style(&run) {
                Some(Style::Arabic) => 0,
                Some(Style::FullWidth) => 1,
                Some(Style::Chinese) => 2,
                None => continue,
            };
            if let Some(n) = counts.get_mut(slot) {
                *n += 1;
            }
        }
    }
    let [arabic, full, chinese] = counts;
    if chinese > arabic && chinese >= full {
        Style::Chinese
    } else if full > arabic {
        Style::FullWidth
    } else {
        Style::Arabic
    }
}

/// `text` with each figure written in Arabic digits (1周岁, 12个月, 0.5) written in `style`
/// instead: a model clause put into a contract that writes 一周岁 and 十二个月.
pub fn restyle(text: &str, style: Style) -> String {
    if style == Style::Arabic {
        return text.to_owned();
    }
    // The figure gathered so far written in `style` (a trailing point is not part of it).
    fn flush(out: &mut String, figure: &mut String, style: Style) {
        let digits = figure.trim_end_matches('.');
        match read(digits) {
            Some(milli) if !digits.is_empty() => out.push_str(&write(milli, style)),
            _ => out.push_str(digits),
        }
        if figure.ends_with('.') {
            out.push('.');
        }
        figure.clear();
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut figure = String::new();
    for c in text.chars() {
        // A decimal point belongs to a figure it continues (0.5).
        if c.is_ascii_digit() || (c == '.' && !figure.is_empty() && !figure.contains('.')) {
            figure.push(c);
        } else {
            flush(&mut out, &mut figure, style);
            out.push(c);
        }
    }
    flush(&mut out, &mut figure, style);
    out
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
    fn a_contract_writes_its_quantities_in_one_style() {
        let chinese = [
            "第七条 女职工生育享受产假一百二十八天，难产的增加十五天。",
            "本合同自2020年1月1日起至2022年12月31日止，统一执行。",
        ];
        assert_eq!(super::prevailing(chinese), Style::Chinese);
        assert_eq!(
            super::prevailing(["产假128天，每月发放卫生费一次"]),
            Style::Arabic
        );
        assert_eq!(super::prevailing(["2022年1月1日起，第三级"]), Style::Arabic);
        assert_eq!(super::written_style("半小时"), Some(Style::Chinese));
        assert_eq!(super::written_style("３０分钟"), Some(Style::FullWidth));
        assert_eq!(super::written_style("小时"), None);
    }

    #[test]
    fn a_model_clause_is_restyled_figure_by_figure() {
        let model = "哺乳未满1周岁婴儿的，哺乳期为12个月，每天0.5小时，第三级。";
        assert_eq!(
            super::restyle(model, Style::Chinese),
            "哺乳未满一周岁婴儿的，哺乳期为十二个月，每天零点五小时，第三级。"
        );
        assert_eq!(super::restyle(model, Style::Arabic), model);
        assert_eq!(super::restyle("158天", Style::FullWidth), "１５８天");
    }

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
