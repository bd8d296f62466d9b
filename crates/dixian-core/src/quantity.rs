//! Quantities: a number and a unit, `158天`, `0.5小时/日`, `40%`, or a calendar sum of days and months,
//! `98天+3个月` (a statute that says 增加产假三个月). Numbers are exact decimals (thousandths), so a floor
//! of 0.5 hours is compared exactly, never through floating point; a month is never rounded to days —
//! a comparison that depends on which months are meant says so ([`Truth::Depends`]).

use crate::numerals::NumeralError;
use crate::vocabulary::{UnitId, Vocabulary};
use std::cmp::Ordering;

/// Thousandths of a unit: 158天 is `Quantity { milli: 158_000, unit, months: 0 }`; `98天+3月` is
/// `{ milli: 98_000, unit: 天, months: 3_000 }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quantity {
    pub milli: i64,
    pub unit: UnitId,
    /// Thousandths of calendar months added to a quantity in calendar days (0 for any other quantity).
    pub months: i64,
}

/// What a comparison answers when calendar months meet days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    Holds,
    Fails,
    /// True for some calendar months and false for others (187天 against 98天+3个月).
    Depends,
}

/// The largest magnitude a quantity may have; beyond this a figure is certainly a typo.
pub const MAX_MAGNITUDE: i64 = 1_000_000_000;

impl Quantity {
    /// A plain quantity: a number in one unit.
    pub fn new(milli: i64, unit: UnitId) -> Self {
        Self {
            milli,
            unit,
            months: 0,
        }
    }

    /// Compares two quantities whose difference is exact; `None` when the units differ or the answer
    /// depends on calendar months (see [`Quantity::difference`]).
    pub fn compare(&self, other: &Quantity, vocab: &Vocabulary) -> Option<Ordering> {
        match self.difference(other, vocab)? {
            (lo, hi) if lo == hi => Some(lo.cmp(&0)),
            _ => None,
        }
    }

    /// `self − other` as the range of values it can take, in thousandths of the shared unit (of days
    /// when calendar months are involved): exact (`lo == hi`) unless months meet days, where each
    /// month is any calendar month (28 to 31 days, consecutive months as the calendar has them).
    /// `None` when the two cannot be compared at all (hours against days).
    pub fn difference(&self, other: &Quantity, vocab: &Vocabulary) -> Option<(i64, i64)> {
        if self.unit == other.unit && self.months == other.months {
            let d = self.milli.checked_sub(other.milli)?;
            return Some((d, d));
        }
        let (a_days, a_months) = self.calendar(vocab)?;
        let (b_days, b_months) = other.calendar(vocab)?;
        let days = a_days.checked_sub(b_days)?;
        let months = a_months.checked_sub(b_months)?;
        let (lo, hi) = month_days(months.unsigned_abs());
        Some(if months >= 0 {
            (days.checked_add(lo)?, days.checked_add(hi)?)
        } else {
            (days.checked_sub(hi)?, days.checked_sub(lo)?)
        })
    }

    /// A size for ranking floors of one term against each other: thousandths of the unit, or for a
    /// calendar quantity the fewest days it can mean.
    pub fn magnitude(&self, vocab: &Vocabulary) -> i64 {
        match self.calendar(vocab) {
            Some((days, months)) if months != 0 => {
                days.saturating_add(month_days(months.unsigned_abs()).0)
            }
            Some((days, _)) => days,
            None => self.milli,
        }
    }

    /// (thousandths of days, thousandths of months) for a quantity in calendar units.
    fn calendar(&self, vocab: &Vocabulary) -> Option<(i64, i64)> {
        if Some(self.unit) == vocab.calendar_day() {
            Some((self.milli, self.months))
        } else if Some(self.unit) == vocab.calendar_month() {
            Some((0, self.milli.checked_add(self.months)?))
        } else {
            None
        }
    }

    /// As [`Quantity::display`], with calendar months written 个月 (12个月, 98天+3个月): how a person
    /// writes the figure in a contract form.
    pub fn written(&self, vocab: &Vocabulary) -> String {
        let months = |n: i64| format!("{}个月", format_milli(n));
        if Some(self.unit) == vocab.calendar_month() {
            return months(self.milli);
        }
        let mut s = format!("{}{}", format_milli(self.milli), vocab.unit_name(self.unit));
        if self.months != 0 {
            s.push('+');
            s.push_str(&months(self.months));
        }
        s
    }

    pub fn display(&self, vocab: &Vocabulary) -> String {
        let mut s = format!("{}{}", format_milli(self.milli), vocab.unit_name(self.unit));
        if self.months != 0 {
            let month = vocab.calendar_month().map_or("月", |u| vocab.unit_name(u));
            s.push_str(&format!("+{}{month}", format_milli(self.months)));
        }
        s
    }
}

/// How many days `milli_months` thousandths of consecutive calendar months can last, fewest and most,
/// in thousandths of days. Whole months are counted on the calendar (3 months: 89 to 92 days); a
/// fraction of a month counts 28 to 31 days per month.
pub fn month_days(milli_months: u64) -> (i64, i64) {
    let whole = milli_months / 1000;
    let fraction = i64::try_from(milli_months % 1000).unwrap_or(0);
    let (lo, hi) = whole_month_days(whole);
    (
        lo.saturating_mul(1000).saturating_add(fraction * 28),
        hi.saturating_mul(1000).saturating_add(fraction * 31),
    )
}

/// Fewest and most days in `n` consecutive calendar months, over every starting month of the
/// Gregorian 400-year cycle (which repeats exactly). Small counts are remembered.
fn whole_month_days(n: u64) -> (i64, i64) {
    static SMALL: std::sync::OnceLock<Vec<(i64, i64)>> = std::sync::OnceLock::new();
    const REMEMBERED: u64 = 36;
    if n <= REMEMBERED {
        let table = SMALL.get_or_init(|| (0..=REMEMBERED).map(span_bounds).collect());
        if let Some(b) = usize::try_from(n).ok().and_then(|i| table.get(i)) {
            return *b;
        }
    }
    span_bounds(n)
}

fn span_bounds(n: u64) -> (i64, i64) {
    let Ok(n) = i64::try_from(n.min(MAX_MAGNITUDE as u64)) else {
        return (0, 0);
    };
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for start in 0..400 * 12 {
        let days = month_start_day(start + n) - month_start_day(start);
        lo = lo.min(days);
        hi = hi.max(days);
    }
    (lo, hi)
}

/// Days from 0000-03-01 to the first day of the `index`-th month counted from January of year 0.
fn month_start_day(index: i64) -> i64 {
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    // Days from civil (H. Hinnant): a year starting in March puts the leap day last.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
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
    /// `1小时/日+3天`: only calendar days and months add up.
    NotCalendarSum(String),
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
            Self::NotCalendarSum(u) if u.is_empty() => {
                format!("“{text}”无法相加：词汇中没有声明日历天、日历月单位")
            }
            Self::NotCalendarSum(u) => {
                format!("“{text}”无法相加：只有天数与月数可以相加（如 98天+3个月），“{u}”不行")
            }
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

/// Parses a quantity such as `158天`, or a calendar sum such as `98天+3个月`, against the
/// vocabulary's units.
pub fn parse_quantity(text: &str, vocab: &Vocabulary) -> Result<Quantity, QuantityError> {
    let text = text.trim();
    if !text.contains(['+', '＋']) {
        return parse_part(text, vocab);
    }
    let (mut days, mut months) = (0i64, 0i64);
    for part in text.split(['+', '＋']) {
        let q = parse_part(part, vocab)?;
        let slot = if Some(q.unit) == vocab.calendar_day() {
            &mut days
        } else if Some(q.unit) == vocab.calendar_month() {
            &mut months
        } else {
            return Err(QuantityError::NotCalendarSum(
                vocab.unit_name(q.unit).to_owned(),
            ));
        };
        *slot = slot
            .checked_add(q.milli)
            .filter(|v| *v <= MAX_MAGNITUDE * 1000)
            .ok_or(QuantityError::OutOfRange)?;
    }
    match (vocab.calendar_day(), vocab.calendar_month()) {
        (Some(day), _) if days != 0 || months == 0 => Ok(Quantity {
            milli: days,
            unit: day,
            months,
        }),
        (_, Some(month)) => Ok(Quantity::new(months, month)),
        _ => Err(QuantityError::NotCalendarSum(String::new())),
    }
}

/// One number and its unit: `158天`, `一百五十八天`.
fn parse_part(text: &str, vocab: &Vocabulary) -> Result<Quantity, QuantityError> {
    let (milli, unit) = parse_amount(text)?;
    if unit.is_empty() {
        return Err(QuantityError::NoUnit);
    }
    let unit = vocab
        .unit(unit)
        .ok_or_else(|| QuantityError::UnknownUnit(unit.to_owned()))?;
    Ok(Quantity::new(milli, unit))
}

/// Splits a written amount into its number, in thousandths, and the unit as written (trimmed):
/// `158天` → (158_000, "天"); Chinese numerals too: `一百五十八天`, `半小时/日`.
pub fn parse_amount(text: &str) -> Result<(i64, &str), QuantityError> {
    let text = text.trim();
    if let Some((numeral, unit)) = crate::numerals::split_chinese(text) {
        let milli = crate::numerals::parse_chinese(numeral).map_err(|e| match e {
            NumeralError::Malformed => QuantityError::BadNumber(numeral.to_owned()),
            NumeralError::TooLarge => QuantityError::OutOfRange,
            NumeralError::TooPrecise => QuantityError::TooPrecise,
        })?;
        return Ok((milli, unit.trim()));
    }
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
    Ok((milli, unit.trim()))
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;
    use crate::vocabulary::Calendar;

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
        assert_eq!(
            parse_quantity("一百五十八天", &v),
            parse_quantity("158天", &v)
        );
        assert_eq!(parse_amount("半小时/日"), Ok((500, "小时/日")));
        assert_eq!(
            parse_amount("五百五百天"),
            Err(QuantityError::BadNumber("五百五百".into()))
        );
        assert_eq!(parse_quantity("1e309天", &v), Err(QuantityError::Exponent));
        assert_eq!(
            parse_quantity("１５８天", &v),
            Err(QuantityError::FullWidthDigits)
        );
    }

    fn calendar() -> Vocabulary {
        let mut v = Vocabulary::default();
        assert!(v.add_unit("天", &[]));
        assert!(v.add_unit("月", &["个月".to_owned()]));
        assert!(v.add_unit("小时/日", &[]));
        for (name, role) in [("天", Calendar::Day), ("月", Calendar::Month)] {
            let id = v.unit(name);
            assert!(id.is_some_and(|id| v.set_calendar(id, role)));
        }
        v
    }

    fn q(text: &str, v: &Vocabulary) -> Quantity {
        match parse_quantity(text, v) {
            Ok(q) => q,
            Err(e) => panic!("{}", e.message(text)),
        }
    }

    #[test]
    fn consecutive_months_last_as_the_calendar_says() {
        assert_eq!(whole_month_days(1), (28, 31));
        assert_eq!(whole_month_days(2), (59, 62));
        assert_eq!(whole_month_days(3), (89, 92));
        assert_eq!(whole_month_days(12), (365, 366));
        // Four years hold one leap day, except across a century year that is not a leap year.
        assert_eq!(whole_month_days(48), (1460, 1461));
        assert_eq!(month_days(500), (14_000, 15_500));
    }

    #[test]
    fn days_and_months_add_up() {
        let v = calendar();
        let sum = q("98天+3个月", &v);
        assert_eq!((sum.milli, sum.months), (98_000, 3_000));
        assert_eq!(sum.display(&v), "98天+3月");
        assert_eq!(parse_quantity(&sum.display(&v), &v), Ok(sum));
        assert_eq!(sum.written(&v), "98天+3个月");
        assert_eq!(parse_quantity(&sum.written(&v), &v), Ok(sum));
        let year = q("12个月", &v);
        assert_eq!(year.written(&v), "12个月");
        assert_eq!(parse_quantity(&year.written(&v), &v), Ok(year));
        assert_eq!(q("3个月＋98天", &v), sum);
        assert_eq!(q("2月+1月", &v), q("3月", &v));
        assert!(matches!(
            parse_quantity("1小时/日+3天", &v),
            Err(QuantityError::NotCalendarSum(_))
        ));
        assert!(parse_quantity("98天+", &v).is_err());
    }

    #[test]
    fn days_against_months_answer_exactly_or_depend() {
        let v = calendar();
        let floor = q("98天+3个月", &v);
        let diff = |text: &str| q(text, &v).difference(&floor, &v);
        assert_eq!(diff("186天"), Some((-4_000, -1_000)));
        assert_eq!(diff("187天"), Some((-3_000, 0)));
        assert_eq!(diff("190天"), Some((0, 3_000)));
        assert_eq!(diff("98天+3个月"), Some((0, 0)));
        assert_eq!(diff("1小时/日"), None);
        assert_eq!(q("190天", &v).compare(&floor, &v), None);
        assert_eq!(
            q("30天", &v).compare(&q("15天", &v), &v),
            Some(Ordering::Greater)
        );
        assert_eq!(q("98天+3个月", &v).magnitude(&v), 187_000);
    }
}
