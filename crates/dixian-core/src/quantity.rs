//! Quantities: a number and a unit, `158天`, `0.5小时/日`, `40%`. Numbers are exact decimals (thousandths),
//! so a floor of 0.5 hours is compared exactly, never through floating point.

use crate::vocabulary::{UnitId, Vocabulary};
use std::cmp::Ordering;

/// Thousandths of a unit: 158天 is `Quantity { milli: 158_000, unit }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quantity {
    pub milli: i64,
    pub unit: UnitId,
}

/// The largest magnitude a quantity may have; beyond this a figure is certainly a typo.
pub const MAX_MAGNITUDE: i64 = 1_000_000_000;

impl Quantity {
    /// Compares two quantities in the same unit; `None` when the units differ.
    pub fn compare(&self, other: &Quantity) -> Option<Ordering> {
        (self.unit == other.unit).then(|| self.milli.cmp(&other.milli))
    }

    pub fn display(&self, vocab: &Vocabulary) -> String {
        format!("{}{}", format_milli(self.milli), vocab.unit_name(self.unit))
    }
}

/// Formats thousandths as a plain decimal: 158000 → "158", 500 → "0.5".
pub fn format_milli(milli: i64) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let abs = milli.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let frac = format!("{frac:03}");
        format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
    }
}

/// Why a text is not a quantity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuantityError {
    NoNumber,
    BadNumber(String),
    TooPrecise,
    OutOfRange,
    Negative,
    NoUnit,
    UnknownUnit(String),
    /// `1e309天`: a float's notation, where a contract states a plain figure.
    Exponent,
    /// `１５８天`: full-width digits, which an input method slips in easily.
    FullWidthDigits,
}

impl QuantityError {
    pub fn message(&self, text: &str) -> String {
        match self {
            Self::NoNumber => {
                format!("“{text}”不是数量：应为数字加单位，如 158天、35元/月、1小时/日")
            }
            Self::BadNumber(n) => format!("“{text}”中的数字“{n}”无法识别"),
            Self::TooPrecise => format!("“{text}”的小数超过三位"),
            Self::OutOfRange => {
                format!("“{text}”的数值超出合理范围（绝对值不超过 {MAX_MAGNITUDE}）")
            }
            Self::Negative => format!("“{text}”是负数：约定的待遇不能为负"),
            Self::NoUnit => format!("“{text}”缺少单位，如 158天、35元/月"),
            Self::UnknownUnit(u) => format!("“{text}”的单位“{u}”不认识"),
            Self::Exponent => format!("“{text}”用了科学计数法；请直接写出数字，如 158天"),
            Self::FullWidthDigits => format!("“{text}”的数字是全角字符；请用半角数字，如 158天"),
        }
    }
}

/// Parses a decimal number into thousandths, exactly.
pub fn parse_milli(number: &str) -> Result<i64, QuantityError> {
    let (negative, digits) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(frac)
        || (digits.contains('.') && frac.is_empty())
    {
        return Err(QuantityError::BadNumber(number.to_owned()));
    }
    if frac.len() > 3 {
        return Err(QuantityError::TooPrecise);
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 10 {
        return Err(QuantityError::OutOfRange);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| QuantityError::OutOfRange)?
    };
    let mut frac_milli: i64 = 0;
    for (i, b) in frac.bytes().enumerate() {
        let scale = [100, 10, 1].get(i).copied().unwrap_or(0);
        frac_milli += i64::from(b - b'0') * scale;
    }
    if whole > MAX_MAGNITUDE {
        return Err(QuantityError::OutOfRange);
    }
    let milli = whole * 1000 + frac_milli;
    Ok(if negative { -milli } else { milli })
}

/// Splits `158天` into `("158", "天")`: the number is the leading run of digits, '.' and a leading '-'.
pub fn split_number(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (c == '-' && i == 0)))
        .map_or(text.len(), |(i, _)| i);
    (text.get(..end).unwrap_or(""), text.get(end..).unwrap_or(""))
}

/// `e309天` after `1`: the rest of a number in scientific notation, not a unit.
fn is_exponent(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('e' | 'E')) && matches!(chars.next(), Some('0'..='9' | '+' | '-'))
}

/// Parses a contract quantity such as `158天` against the vocabulary's units.
pub fn parse_quantity(text: &str, vocab: &Vocabulary) -> Result<Quantity, QuantityError> {
    let text = text.trim();
    let (number, unit) = split_number(text);
    if number.is_empty() {
        let full_width = text
            .chars()
            .next()
            .is_some_and(|c| ('０'..='９').contains(&c));
        return Err(if full_width {
            QuantityError::FullWidthDigits
        } else {
            QuantityError::NoNumber
        });
    }
    if is_exponent(unit) {
        return Err(QuantityError::Exponent);
    }
    let milli = parse_milli(number)?;
    if milli < 0 {
        return Err(QuantityError::Negative);
    }
    let unit = unit.trim();
    if unit.is_empty() {
        return Err(QuantityError::NoUnit);
    }
    let unit = vocab
        .unit(unit)
        .ok_or_else(|| QuantityError::UnknownUnit(unit.to_owned()))?;
    Ok(Quantity { milli, unit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_decimals() {
        assert_eq!(parse_milli("158"), Ok(158_000));
        assert_eq!(parse_milli("0.5"), Ok(500));
        assert_eq!(parse_milli("-5"), Ok(-5000));
        assert_eq!(parse_milli("1.2345"), Err(QuantityError::TooPrecise));
        assert_eq!(parse_milli("99999999999"), Err(QuantityError::OutOfRange));
        assert!(parse_milli("1e309").is_err());
        assert!(parse_milli("1.").is_err());
        assert_eq!(format_milli(500), "0.5");
        assert_eq!(format_milli(158_000), "158");
        assert_eq!(format_milli(1_250), "1.25");
    }

    #[test]
    fn quantities_need_known_units() {
        let mut v = Vocabulary::default();
        assert!(v.add_unit("天", &["日".to_owned()]));
        let q = parse_quantity("158日", &v);
        assert_eq!(q.map(|q| q.milli), Ok(158_000));
        assert_eq!(parse_quantity("158", &v), Err(QuantityError::NoUnit));
        assert_eq!(
            parse_quantity("158元", &v),
            Err(QuantityError::UnknownUnit("元".into()))
        );
        assert_eq!(parse_quantity("-5天", &v), Err(QuantityError::Negative));
        assert_eq!(parse_quantity("天", &v), Err(QuantityError::NoNumber));
        assert_eq!(parse_quantity("1e309天", &v), Err(QuantityError::Exponent));
        assert_eq!(
            parse_quantity("１５８天", &v),
            Err(QuantityError::FullWidthDigits)
        );
    }
}
