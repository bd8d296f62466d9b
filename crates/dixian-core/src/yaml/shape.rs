//! Reading a [`Node`] as a given shape (a mapping with known fields, a list, one value), with the
//! refusals in the words of someone who writes contracts, not YAML: every problem is collected, so a
//! file with three slips gets three messages at once.

use super::syntax::{colon_without_space_hint, full_width_colon_hint, key_without_space};
use super::{Node, Value};
use crate::error::Collector;

/// What a reader wanted at a node, for the "此处应为…，却是…" message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Map,
    Seq,
    Text,
    /// One value of any scalar kind: text, quantity, date or yes/no.
    Scalar,
}

impl Expected {
    fn words(self) -> &'static str {
        match self {
            Self::Map => "映射（“键: 值”的若干行，或 {键: 值}）",
            Self::Seq => "列表（每项以“- ”开头，或 [项, 项]）",
            Self::Text => "一段文字",
            Self::Scalar => "单个值（文字、数量、日期或 是/否）",
        }
    }

    /// Whether `node` has this shape (null is left to the caller: it usually means "not given").
    fn fits(self, node: &Node) -> bool {
        matches!(
            (self, &node.value),
            (Self::Map, Value::Map(_))
                | (Self::Seq, Value::Seq(_))
                | (Self::Text | Self::Scalar, Value::Text(_) | Value::Bool(_))
        )
    }
}

/// Reports `node` as not being what was `expected`, pointing at the value (or at a full-width colon
/// that turned a `key：value` line into text).
pub fn mismatch(out: &mut Collector<'_>, node: &Node, expected: Expected) {
    let mut span = node.span;
    let mut message = format!("此处应为{}，却是{}", expected.words(), found(node));
    // `产假：158天` and `产假:158天` are text to YAML; say why, at the colon.
    if let Value::Text(t) = &node.value {
        let slip = match t
            .split_once('：')
            .filter(|(k, _)| !k.is_empty() && !k.contains([':', ' ', '\n']))
        {
            Some((key, _)) => Some((key, full_width_colon_hint(node.span.line))),
            None => key_without_space(t).map(|key| (key, colon_without_space_hint(node.span.line))),
        };
        if let Some((key, hint)) = slip {
            message.push_str(&hint);
            let before = u32::try_from(key.chars().count()).unwrap_or(0);
            span.column = node.span.column.saturating_add(before);
        }
    }
    out.push(span, message);
}

/// `node` if it has the `expected` shape; `None` (and the mismatch reported) if it has another one;
/// `None` silently for null, which callers treat as "not given".
pub fn expect<'n>(out: &mut Collector<'_>, node: &'n Node, expected: Expected) -> Option<&'n Node> {
    if node.is_null() {
        return None;
    }
    if expected.fits(node) {
        return Some(node);
    }
    mismatch(out, node, expected);
    None
}

/// Names what was written instead.
fn found(node: &Node) -> String {
    match &node.value {
        Value::Null => "空值（冒号后什么也没写）".to_owned(),
        Value::Map(_) if node.flow => "映射（{键: 值}）".to_owned(),
        Value::Map(_) => "映射（“键: 值”）".to_owned(),
        Value::Seq(_) => "列表".to_owned(),
        Value::Text(_) | Value::Bool(_) => {
            let first = node
                .text()
                .unwrap_or("")
                .lines()
                .next()
                .unwrap_or("")
                .trim();
            format!("一段文字“{}”", first.chars().take(20).collect::<String>())
        }
    }
}

/// A mapping with a fixed set of fields, each with its synonyms (`title` / `名称`).
pub struct Fields<'n> {
    entries: &'n [(Node, Node)],
}

impl<'n> Fields<'n> {
    /// Reads `node` as a mapping whose keys are among `known` (groups of synonyms), reporting every
    /// other key (with the closest known one, when a letter or so away) and every field given twice
    /// under two of its names. `None` when `node` is not a mapping (reported unless null).
    pub fn read(out: &mut Collector<'_>, node: &'n Node, known: &[&[&str]]) -> Option<Self> {
        let Value::Map(entries) = &expect(out, node, Expected::Map)?.value else {
            return None;
        };
        for (i, (key, _)) in entries.iter().enumerate() {
            let name = key.text().unwrap_or("");
            match known.iter().find(|group| group.contains(&name)) {
                None => out.push(key.span, unknown_field(&key_name(key), known)),
                Some(group) => {
                    let earlier = entries
                        .iter()
                        .take(i)
                        .find_map(|(k, _)| k.text().filter(|t| group.contains(t)));
                    if let Some(earlier) = earlier {
                        out.push(
                            key.span,
                            format!("“{name}”与“{earlier}”是同一字段，只能写一个"),
                        );
                    }
                }
            }
        }
        Some(Self { entries })
    }

    /// The value of the field known by any of `names`, unless it is null.
    pub fn get(&self, names: &[&str]) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.text().is_some_and(|t| names.contains(&t)))
            .map(|(_, v)| v)
            .filter(|v| !v.is_null())
    }
}

/// A key as its author would recognise it, for messages: its words, or for a null or collection
/// key (`~: x`, `[a, b]: x`) the key written out in flow style, cut at 20 characters.
pub fn key_name(key: &Node) -> String {
    let mut out = String::new();
    flow_style(key, &mut out);
    if out.chars().count() > 20 {
        out = out.chars().take(19).chain(['…']).collect();
    }
    out
}

fn flow_style(node: &Node, out: &mut String) {
    // 80 bytes hold the 20 characters shown: a huge key is not written out in full.
    if out.len() > 80 {
        return;
    }
    match &node.value {
        Value::Null => out.push('~'),
        Value::Text(_) | Value::Bool(_) => out.push_str(node.text().unwrap_or("")),
        Value::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow_style(item, out);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow_style(k, out);
                out.push_str(": ");
                flow_style(v, out);
            }
            out.push('}');
        }
    }
}

fn unknown_field(field: &str, known: &[&[&str]]) -> String {
    let all: Vec<&str> = known.iter().flat_map(|g| g.iter().copied()).collect();
    let close = all.iter().find(|e| similar(field, e));
    let hint = close.map_or_else(String::new, |c| format!("，是否想写“{c}”？"));
    format!(
        "不认识的字段“{field}”{hint}（此处可用：{}）",
        all.join("、")
    )
}

/// One letter added, dropped or changed: `clause` for `clauses`.
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || short.is_empty() {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    let suffix = short
        .iter()
        .rev()
        .zip(long.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix + suffix + 1 >= long.len()
}
