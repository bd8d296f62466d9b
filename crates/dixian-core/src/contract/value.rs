//! One stated term's value, read against what the term accepts: its units (the vocabulary's `term`
//! lines) and how it is written (the `form` lines: an example, and the units a bare spelling stands for).
//! Every message names the term and what it accepts, so a person writing by hand knows what to type.

use super::model::TermValue;
use crate::quantity::{MAX_MAGNITUDE, Quantity, QuantityError, parse_amount, parse_quantity};
use crate::vocabulary::{TermId, TermKind, Vocabulary};
use crate::yaml::Value;

/// A value read, with the note to show when a unit was inferred (“1小时”按每日计).
pub(super) struct ReadValue {
    pub value: TermValue,
    pub note: Option<String>,
}

/// A term's value as a person types it into a form rather than YAML (`158天`, `一百五十八天`, `是`), read
/// exactly as a contract's value is; with the note to show when a unit was inferred.
pub fn term_value(
    vocab: &Vocabulary,
    term: TermId,
    written: &str,
) -> Result<(TermValue, Option<String>), String> {
    read_value(vocab, term, &Value::Text(written.to_owned()), written).map(|r| (r.value, r.note))
}

/// What a term accepts, as messages say it: `天（如 158天）`, `天/年 或 工作日/年（如 10天/年）`,
/// `是 或 否`.
pub fn accepts(vocab: &Vocabulary, term: TermId) -> String {
    let units = vocab.units_of(term);
    if units.is_empty() {
        "是 或 否".to_owned()
    } else {
        format!("{}（如 {}）", units.join(" 或 "), vocab.example(term))
    }
}

/// The message for a term stated without a value.
pub(super) fn no_value(vocab: &Vocabulary, term: TermId) -> String {
    let name = vocab.term_name(term);
    if vocab.units_of(term).is_empty() {
        format!("{name}没有填写：应为 是 或 否")
    } else {
        format!("{name}没有填写数值：单位为 {}", accepts(vocab, term))
    }
}

/// Reads `written` (the scalar `value` as written) as a value of `term`; the error names the term.
pub(super) fn read_value(
    vocab: &Vocabulary,
    term: TermId,
    value: &Value,
    written: &str,
) -> Result<ReadValue, String> {
    let name = vocab.term_name(term);
    let units = match vocab.term_info(term).map(|t| &t.kind) {
        Some(TermKind::Quantity(units)) => units,
        _ => {
            let yes = match (value, written.trim()) {
                (Value::Bool(b), _) => Some(*b),
                (_, "是" | "有" | "yes") => Some(true),
                (_, "否" | "无" | "no") => Some(false),
                _ => None,
            };
            return yes
                .map(|b| ReadValue {
                    value: TermValue::Commitment(b),
                    note: None,
                })
                .ok_or_else(|| format!("{name}是承诺条目，应为 是 或 否，却写了“{written}”"));
        }
    };
    let shown = written.trim();
    let error = |e: QuantityError| quantity_error(vocab, term, shown, e);
    let unit_error = || format!("{name}的单位应为 {}，却写了“{shown}”", accepts(vocab, term));
    // 98天+3个月: a calendar sum, read whole.
    if shown.contains(['+', '＋']) {
        let q = parse_quantity(shown, vocab).map_err(error)?;
        return if vocab.accepts(units, &q) {
            Ok(ReadValue {
                value: TermValue::Quantity(q),
                note: None,
            })
        } else {
            Err(unit_error())
        };
    }
    let (milli, unit) = parse_amount(shown).map_err(error)?;
    if unit.is_empty() {
        return Err(error(QuantityError::NoUnit));
    }
    if let Some(q) = vocab
        .unit(unit)
        .map(|id| Quantity::new(milli, id))
        .filter(|q| vocab.accepts(units, q))
    {
        return Ok(ReadValue {
            value: TermValue::Quantity(q),
            note: None,
        });
    }
    match vocab.inferred_unit(term, unit) {
        Some(id) => Ok(ReadValue {
            value: TermValue::Quantity(Quantity::new(milli, id)),
            note: Some(format!("“{shown}”按{}计", per(vocab.unit_name(id)))),
        }),
        None => Err(unit_error()),
    }
}

/// Why `shown` is not a value of `term`, in words naming the term and what it accepts.
fn quantity_error(vocab: &Vocabulary, term: TermId, shown: &str, e: QuantityError) -> String {
    let name = vocab.term_name(term);
    let example = vocab.example(term);
    match e {
        QuantityError::NoNumber => format!(
            "{name}应写数量，单位为 {}，却写了“{shown}”",
            accepts(vocab, term)
        ),
        QuantityError::BadNumber(n) => {
            format!("{name}的数值“{shown}”中的“{n}”不是一个数，应如 {example}")
        }
        QuantityError::TooPrecise => format!("{name}的数值“{shown}”小数超过三位"),
        QuantityError::OutOfRange => {
            format!("{name}的数值“{shown}”超出合理范围（不超过 {MAX_MAGNITUDE}），应如 {example}")
        }
        QuantityError::Negative => format!("{name}不能为负数：{shown}"),
        QuantityError::Exponent => {
            format!("{name}的数值“{shown}”用了科学计数法；请直接写出数字，如 {example}")
        }
        QuantityError::FullWidthDigits => {
            format!("{name}的数值“{shown}”用了全角数字；请用半角数字或汉字数字，如 {example}")
        }
        QuantityError::NoUnit => format!(
            "{name}缺少单位：应为 {}，却只写了“{shown}”",
            accepts(vocab, term)
        ),
        QuantityError::UnknownUnit(_) => {
            format!("{name}的单位应为 {}，却写了“{shown}”", accepts(vocab, term))
        }
        QuantityError::NotCalendarSum(_) => {
            format!("{name}的“{shown}”无法相加：只有天数与月数可以相加（如 98天+3个月）")
        }
    }
}

/// How a rate is counted, in words: 小时/日 → 每日, 元/月 → 每月, 天/年 → 每年; a plain unit as itself.
pub(super) fn per(unit: &str) -> String {
    match unit.rsplit_once('/') {
        Some((_, per)) => format!("每{per}"),
        None => unit.to_owned(),
    }
}
