//! The one module that reads YAML. It uses serde-saphyr rather than the archived serde_yaml: saphyr gives
//! every value its location (so a finding can point at its clause) and enforces budgets on aliases and
//! events (an alias bomb is refused instead of expanding into gigabytes).

use super::model::*;
use crate::error::{Collector, LoadError};
use crate::quantity::parse_quantity;
use crate::source::{LineIndex, Span};
use crate::vocabulary::{TermKind, Vocabulary};
use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::fmt;

/// Largest contract accepted (a real one is a few kilobytes).
pub const MAX_CONTRACT_BYTES: usize = 2 * 1024 * 1024;
/// Most clauses accepted in one contract.
pub const MAX_CLAUSES: usize = 5_000;
/// Most aliases (`*name`) in one contract: a contract has no use for many; a bomb is refused early.
pub const MAX_ALIASES: usize = 1_000;
/// Most events aliases may replay in total, so that a few aliases of a large anchor cannot multiply
/// the file's size in memory (a linear alias bomb).
pub const MAX_ALIAS_REPLAYED_EVENTS: usize = 20_000;
/// Deepest nesting of YAML collections (a contract needs four levels).
pub const MAX_YAML_DEPTH: usize = 64;

/// Any YAML scalar, kept as the text written (so `158` without a unit can be refused by name).
#[derive(Clone, Debug)]
enum Scalar {
    Text(String),
    Bool(bool),
    Number(String),
    /// `key:` with nothing after it.
    Null,
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Self::Text(s) | Self::Number(s) => s.clone(),
            Self::Bool(b) => b.to_string(),
            Self::Null => String::new(),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("单个值（文字、数量、日期或 是/否）")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
        }
        d.deserialize_any(V)
    }
}

/// A mapping kept in document order, keys with their locations (duplicates are refused by saphyr).
#[derive(Debug, Default)]
struct Pairs(Vec<(Spanned<String>, Spanned<Scalar>)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("条目与数值的映射（如 产假: 158天）")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContract {
    #[serde(alias = "名称")]
    title: Option<Spanned<String>>,
    #[serde(alias = "地区")]
    region: Option<Spanned<Scalar>>,
    #[serde(alias = "签订日期")]
    signed: Option<Spanned<Scalar>>,
    #[serde(alias = "期限")]
    term: Option<Spanned<RawTerm>>,
    workforce: Option<RawWorkforce>,
    #[serde(rename = "职工人数")]
    total: Option<Spanned<Scalar>>,
    #[serde(rename = "女职工人数")]
    women: Option<Spanned<Scalar>>,
    #[serde(alias = "条款")]
    clauses: Option<Spanned<Vec<Spanned<RawClause>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    #[serde(alias = "起")]
    start: Option<Spanned<Scalar>>,
    #[serde(alias = "止")]
    end: Option<Spanned<Scalar>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkforce {
    #[serde(alias = "职工人数")]
    total: Option<Spanned<Scalar>>,
    #[serde(alias = "女职工人数")]
    women: Option<Spanned<Scalar>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClause {
    #[serde(alias = "编号")]
    id: Option<Spanned<Scalar>>,
    #[serde(alias = "主题")]
    topic: Option<Spanned<String>>,
    #[serde(alias = "内容", default)]
    text: Option<Spanned<String>>,
    #[serde(alias = "约定", default)]
    terms: Option<Pairs>,
}

struct Ctx<'a> {
    text: &'a str,
    lines: LineIndex,
    out: Collector<'a>,
}

impl Ctx<'_> {
    fn span<T>(&self, s: &Spanned<T>) -> Span {
        let loc = &s.referenced;
        let sp = loc.span();
        match (sp.byte_offset(), sp.byte_len()) {
            (Some(off), Some(len)) => {
                let start = usize::try_from(off).unwrap_or(0);
                self.lines
                    .span(self.text, start, start + usize::try_from(len).unwrap_or(0))
            }
            _ => Span {
                start: 0,
                end: 0,
                line: u32::try_from(loc.line()).unwrap_or(1),
                column: u32::try_from(loc.column()).unwrap_or(1),
            },
        }
    }

    /// The value as written in the file: a number keeps its spelling (`1e309`, not `inf`).
    fn written(&self, s: &Spanned<Scalar>) -> String {
        match &s.value {
            Scalar::Number(n) => {
                let span = self.span(s);
                self.text
                    .get(span.start..span.end)
                    .map_or_else(|| n.clone(), |w| w.trim().to_owned())
            }
            other => other.text(),
        }
    }

    fn date(&mut self, s: &Spanned<Scalar>, what: &str) -> Option<NaiveDate> {
        let text = self.written(s);
        let result = crate::dates::parse_date(&text);
        if let Err(why) = &result {
            let span = self.span(s);
            self.out.push(span, format!("{what}{why}"));
        }
        result.ok()
    }

    fn count(&mut self, s: &Spanned<Scalar>, what: &str) -> Option<u32> {
        let text = self.written(s);
        let n = text.trim().trim_end_matches('人').parse::<u32>().ok();
        if n.is_none() {
            let span = self.span(s);
            self.out.push(span, format!("{what}“{text}”应为非负整数"));
        }
        n
    }
}

/// Refuses an input of `len` bytes over the contract limit (callers holding only a file's metadata use
/// it too, to refuse before reading).
pub fn check_size(file: &str, len: u64) -> Result<(), LoadError> {
    if len > MAX_CONTRACT_BYTES as u64 {
        let message = format!("文件过大（{len} 字节，上限 {MAX_CONTRACT_BYTES} 字节）");
        return Err(LoadError::one(file, 1, 1, message));
    }
    Ok(())
}

/// Reads a contract from YAML text. `file` names it in diagnostics; terms are checked against `vocab`.
pub fn load_yaml(file: &str, text: &str, vocab: &Vocabulary) -> Result<Contract, LoadError> {
    check_size(file, text.len() as u64)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(LoadError::one(file, 1, 1, "文件为空：没有合同内容"));
    }
    let raw: RawContract = serde_saphyr::from_str_with_options(text, options())
        .map_err(|e| super::yaml_error::yaml_error(file, text, &e))?;
    let mut cx = Ctx {
        text,
        lines: LineIndex::new(text),
        out: Collector::new(file),
    };
    let top = Span {
        start: 0,
        end: 0,
        line: 1,
        column: 1,
    };

    let region = match &raw.region {
        Some(r) if !cx.written(r).trim().is_empty() => {
            Some((cx.written(r).trim().to_owned(), cx.span(r)))
        }
        Some(r) => {
            let span = cx.span(r);
            cx.out.push(span, "地区（region）为空");
            None
        }
        None => {
            cx.out.push(
                top,
                "缺少地区（region / 地区）或地区为空，如 region: 湖北省武汉市",
            );
            None
        }
    };
    let signed = raw.signed.as_ref().and_then(|s| cx.date(s, "签订日期"));
    let term = match &raw.term {
        Some(t) => {
            let start = match &t.value.start {
                Some(s) => cx.date(s, "期限起始日"),
                None => {
                    let span = cx.span(t);
                    cx.out.push(span, "期限缺少起始日（start / 起）");
                    None
                }
            };
            let end = match &t.value.end {
                Some(s) => cx.date(s, "期限终止日"),
                None => {
                    let span = cx.span(t);
                    cx.out.push(span, "期限缺少终止日（end / 止）");
                    None
                }
            };
            match (start, end) {
                (Some(start), Some(end)) if end < start => {
                    let span = t
                        .value
                        .end
                        .as_ref()
                        .map_or_else(|| cx.span(t), |e| cx.span(e));
                    cx.out
                        .push(span, format!("期限终止日 {end} 早于起始日 {start}"));
                    None
                }
                (Some(start), Some(end)) => Some(ContractTerm { start, end }),
                _ => None,
            }
        }
        None => {
            cx.out.push(
                top,
                "缺少合同期限（term: {start: …, end: …} / 期限: {起: …, 止: …}）",
            );
            None
        }
    };
    let mut workforce = Workforce::default();
    if let Some(w) = &raw.workforce {
        workforce.total = w.total.as_ref().and_then(|s| cx.count(s, "职工人数"));
        workforce.women = w.women.as_ref().and_then(|s| cx.count(s, "女职工人数"));
    }
    if let Some(s) = &raw.total {
        workforce.total = cx.count(s, "职工人数");
    }
    if let Some(s) = &raw.women {
        workforce.women = cx.count(s, "女职工人数");
    }
    if let (Some(total), Some(women), Some(s)) = (
        workforce.total,
        workforce.women,
        raw.women
            .as_ref()
            .or(raw.workforce.as_ref().and_then(|w| w.women.as_ref())),
    ) {
        if women > total {
            let span = cx.span(s);
            cx.out
                .push(span, format!("女职工人数 {women} 多于职工总数 {total}"));
        }
    }
    let clauses = match &raw.clauses {
        Some(c) if c.value.len() > MAX_CLAUSES => {
            let span = cx.span(c);
            cx.out.push(
                span,
                format!("条款过多（{} 条，上限 {MAX_CLAUSES}）", c.value.len()),
            );
            Vec::new()
        }
        Some(c) => clauses(&mut cx, &c.value, vocab),
        None => Vec::new(),
    };
    let contract = match (region, term) {
        (Some((region, region_span)), Some(term)) => Some(Contract {
            file: file.to_owned(),
            source: text.to_owned(),
            title: raw.title.map(|t| t.value),
            region,
            region_span,
            signed,
            term,
            workforce,
            clauses,
        }),
        _ => None,
    };
    match contract {
        Some(c) => cx.out.finish(c),
        None => Err(cx.out.into_error()),
    }
}

fn clauses(cx: &mut Ctx<'_>, raw: &[Spanned<RawClause>], vocab: &Vocabulary) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::with_capacity(raw.len());
    let mut seen: HashMap<String, u32> = HashMap::new();
    for spanned in raw {
        let c = &spanned.value;
        let Some(raw_id) = &c.id else {
            let span = cx.span(spanned);
            cx.out
                .push(span, "条款缺少编号（id / 编号），如 id: 第六条");
            continue;
        };
        let id = cx.written(raw_id).trim().to_owned();
        let id_span = cx.span(raw_id);
        if id.is_empty() {
            cx.out.push(id_span, "条款编号（id / 编号）为空");
            continue;
        }
        if let Some(first) = seen.get(&id) {
            cx.out.push(
                id_span,
                format!("条款编号“{id}”重复（第 {first} 行已用过）"),
            );
        } else {
            seen.insert(id.clone(), id_span.line);
        }
        let (text, text_span) = match &c.text {
            Some(t) => (t.value.clone(), cx.span(t)),
            None => (String::new(), id_span),
        };
        let mut terms = Vec::new();
        for (key, value) in c.terms.as_ref().map_or(&[][..], |p| &p.0[..]) {
            let key_span = cx.span(key);
            if let Some((name, _)) = key.value.split_once('：') {
                cx.out.push(
                    key_span,
                    format!(
                        "“{}”用了全角冒号“：”；条目与数值之间要用半角冒号“:”加空格，如 {}: 158天",
                        key.value,
                        name.trim()
                    ),
                );
                continue;
            }
            let Some(term) = vocab.term(key.value.trim()) else {
                cx.out.push(key_span, format!("未知条目“{}”：条目名称见 rules/vocabulary.dixian（如 产假、卫生费、哺乳时间、性骚扰防治）", key.value));
                continue;
            };
            let span = cx.span(value);
            let written = cx.written(value);
            if matches!(value.value, Scalar::Null) || written.trim().is_empty() {
                cx.out
                    .push(key_span, format!("“{}”没有填写数值", key.value));
                continue;
            }
            let parsed = match vocab.term_info(term).map(|t| &t.kind) {
                Some(TermKind::Commitment) => match &value.value {
                    Scalar::Bool(b) => Some(TermValue::Commitment(*b)),
                    Scalar::Text(t) if matches!(t.trim(), "是" | "有" | "yes") => {
                        Some(TermValue::Commitment(true))
                    }
                    Scalar::Text(t) if matches!(t.trim(), "否" | "无" | "no") => {
                        Some(TermValue::Commitment(false))
                    }
                    _ => {
                        cx.out.push(
                            span,
                            format!(
                                "“{}”是承诺条目，值应为 是 或 否，却是“{written}”",
                                key.value
                            ),
                        );
                        None
                    }
                },
                Some(TermKind::Quantity(units)) => match parse_quantity(&written, vocab) {
                    Ok(q) if units.contains(&q.unit) => Some(TermValue::Quantity(q)),
                    Ok(_) => {
                        let allowed = vocab.units_of(term).join("、");
                        cx.out.push(
                            span,
                            format!(
                                "单位不符：“{}”的单位应为 {allowed}，却写了“{written}”",
                                key.value
                            ),
                        );
                        None
                    }
                    Err(e) => {
                        cx.out.push(span, e.message(&written));
                        None
                    }
                },
                None => None,
            };
            if let Some(value) = parsed {
                terms.push(StatedTerm {
                    term,
                    value,
                    span,
                    written,
                });
            }
        }
        out.push(Clause {
            id,
            id_span,
            topic: c.topic.as_ref().map(|t| t.value.trim().to_owned()),
            text,
            text_span,
            terms,
        });
    }
    out
}

fn options() -> serde_saphyr::Options {
    let mut o = serde_saphyr::Options::default();
    o.with_snippet = false;
    // `1e309` reaches the visitor as infinity and is then refused in the words the user wrote.
    o.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    o.alias_limits.max_total_replayed_events = MAX_ALIAS_REPLAYED_EVENTS;
    if let Some(b) = o.budget.as_mut() {
        // A contract has no use for many aliases; a bomb is refused long before it grows.
        b.max_aliases = MAX_ALIASES;
        b.max_depth = MAX_YAML_DEPTH;
    }
    o
}

/// A value read from YAML with the 1-based line where it appears: for other formats (rule tests)
/// that reuse this module's reader, budgets and messages, so YAML is still read in one place.
#[derive(Clone, Debug)]
pub struct Located<T> {
    pub value: T,
    pub line: u32,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        Ok(Located {
            line: u32::try_from(s.referenced.line()).unwrap_or(1).max(1),
            value: s.value,
        })
    }
}

/// Reads a YAML document of any shape, with the same budgets and located errors as contracts.
pub fn read_document<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T, LoadError> {
    check_size(file, text.len() as u64)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_saphyr::from_str_with_options(text, options())
        .map_err(|e| super::yaml_error::yaml_error(file, text, &e))
}
