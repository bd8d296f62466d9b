//! Contract → facts: a YAML contract read into the typed form rules are evaluated over. YAML itself is
//! read by [`crate::yaml`]; this module knows what a contract contains, in English or Chinese field
//! names, and says what is wrong in the words of the person who wrote it.

use super::keys::*;
use super::model::*;
use super::value;
use crate::error::{Collector, LoadError};
use crate::source::Span;
use crate::vocabulary::Vocabulary;
use crate::yaml::{self, Expected, Fields, Node, Value, expect};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Most clauses accepted in one contract.
pub const MAX_CLAUSES: usize = 5_000;

struct Ctx<'a> {
    out: Collector<'a>,
}

impl Ctx<'_> {
    /// A scalar's words (a boolean as `true`/`false`); a collection is reported and gives `None`.
    fn scalar<'n>(&mut self, node: &'n Node) -> Option<&'n str> {
        expect(&mut self.out, node, Expected::Scalar)?.text()
    }

    fn date(&mut self, node: &Node, what: &str) -> Option<NaiveDate> {
        let text = self.scalar(node)?;
        let result = crate::dates::parse_date(text);
        if let Err(why) = &result {
            self.out.push(node.span, format!("{what}{why}"));
        }
        result.ok()
    }

    fn count(&mut self, node: &Node, what: &str) -> Option<u32> {
        let text = self.scalar(node)?;
        let n = text.trim().trim_end_matches('人').parse::<u32>().ok();
        if n.is_none() {
            self.out
                .push(node.span, format!("{what}“{text}”应为非负整数"));
        }
        n
    }

    fn words(&mut self, node: Option<&Node>) -> Option<String> {
        let node = expect(&mut self.out, node?, Expected::Text)?;
        node.text().map(str::to_owned)
    }
}

/// Reads a contract from YAML text. `file` names it in diagnostics; terms are checked against `vocab`.
pub fn load_yaml(file: &str, text: &str, vocab: &Vocabulary) -> Result<Contract, LoadError> {
    yaml::check_size(file, text.len() as u64)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(LoadError::one(file, 1, 1, "文件为空：没有合同内容"));
    }
    let root = yaml::parse(file, text)?;
    let mut cx = Ctx {
        out: Collector::new(file),
    };
    let top = Span {
        start: 0,
        end: 0,
        line: 1,
        column: 1,
    };
    let Some(fields) = Fields::read(&mut cx.out, &root, TOP) else {
        if root.is_null() {
            cx.out.push(root.span, "文件为空：没有合同内容");
        }
        return Err(cx.out.into_error());
    };

    let title = cx.words(fields.get(TITLE));
    let region = match fields.get(REGION).map(|r| (r, cx.scalar(r))) {
        Some((r, Some(name))) if !name.trim().is_empty() => Some((name.trim().to_owned(), r.span)),
        Some((r, Some(_))) => {
            cx.out.push(r.span, "地区（region）为空");
            None
        }
        Some((_, None)) => None,
        None => {
            cx.out.push(
                top,
                "缺少地区（region / 地区）或地区为空，如 region: 湖北省武汉市",
            );
            None
        }
    };
    let signed = fields.get(SIGNED).and_then(|s| cx.date(s, "签订日期"));
    let term = match fields.get(TERM) {
        Some(node) => term(&mut cx, node),
        None => {
            cx.out.push(
                top,
                "缺少合同期限（term: {start: …, end: …} / 期限: {起: …, 止: …}）",
            );
            None
        }
    };
    let mut workforce = Workforce::default();
    let mut women_node = None;
    if let Some(w) = fields.get(WORKFORCE) {
        if let Some(w) = Fields::read(&mut cx.out, w, &[WORKFORCE_TOTAL, WORKFORCE_WOMEN]) {
            workforce.total = w.get(WORKFORCE_TOTAL).and_then(|s| cx.count(s, "职工人数"));
            women_node = w.get(WORKFORCE_WOMEN);
            workforce.women = women_node.and_then(|s| cx.count(s, "女职工人数"));
        }
    }
    if let Some(s) = fields.get(TOTAL) {
        workforce.total = cx.count(s, "职工人数");
    }
    if let Some(s) = fields.get(WOMEN) {
        women_node = Some(s);
        workforce.women = cx.count(s, "女职工人数");
    }
    if let (Some(total), Some(women), Some(s)) = (workforce.total, workforce.women, women_node) {
        if women > total {
            cx.out
                .push(s.span, format!("女职工人数 {women} 多于职工总数 {total}"));
        }
    }
    let clauses = match fields
        .get(CLAUSES)
        .and_then(|c| expect(&mut cx.out, c, Expected::Seq))
    {
        Some(Node {
            value: Value::Seq(items),
            span,
            ..
        }) if items.len() > MAX_CLAUSES => {
            cx.out.push(
                *span,
                format!("条款过多（{} 条，上限 {MAX_CLAUSES}）", items.len()),
            );
            Vec::new()
        }
        Some(Node {
            value: Value::Seq(items),
            ..
        }) => clauses(&mut cx, items, vocab),
        _ => Vec::new(),
    };
    let contract = match (region, term) {
        (Some((region, region_span)), Some(term)) => Some(Contract {
            file: file.to_owned(),
            source: text.to_owned(),
            title,
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

fn term(cx: &mut Ctx<'_>, node: &Node) -> Option<ContractTerm> {
    let fields = Fields::read(&mut cx.out, node, &[START, END])?;
    let start = match fields.get(START) {
        Some(s) => cx.date(s, "期限起始日"),
        None => {
            cx.out.push(node.span, "期限缺少起始日（start / 起）");
            None
        }
    };
    let end_node = fields.get(END);
    let end = match end_node {
        Some(s) => cx.date(s, "期限终止日"),
        None => {
            cx.out.push(node.span, "期限缺少终止日（end / 止）");
            None
        }
    };
    match (start, end) {
        (Some(start), Some(end)) if end < start => {
            let span = end_node.map_or(node.span, |e| e.span);
            cx.out
                .push(span, format!("期限终止日 {end} 早于起始日 {start}"));
            None
        }
        (Some(start), Some(end)) => Some(ContractTerm { start, end }),
        _ => None,
    }
}

fn clauses(cx: &mut Ctx<'_>, items: &[Node], vocab: &Vocabulary) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::with_capacity(items.len());
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for node in items {
        let Some(c) = Fields::read(&mut cx.out, node, CLAUSE) else {
            if node.is_null() {
                cx.out
                    .push(node.span, "空的条款：每项条款至少要有编号（id / 编号）");
            }
            continue;
        };
        let Some(id_node) = c.get(ID) else {
            cx.out
                .push(node.span, "条款缺少编号（id / 编号），如 id: 第六条");
            continue;
        };
        let Some(id) = cx.scalar(id_node).map(str::trim) else {
            continue;
        };
        let id_span = id_node.span;
        if id.is_empty() {
            cx.out.push(id_span, "条款编号（id / 编号）为空");
            continue;
        }
        if let Some(first) = seen.get(id) {
            cx.out.push(
                id_span,
                format!("条款编号“{id}”重复（第 {first} 行已用过）"),
            );
        } else {
            seen.insert(id, id_span.line);
        }
        let text_node = c.get(TEXT);
        let text_span = text_node.map_or(id_span, |t| t.span);
        let text = cx.words(text_node).unwrap_or_default();
        let topic = cx.words(c.get(TOPIC)).map(|t| t.trim().to_owned());
        let terms = match c
            .get(TERMS)
            .and_then(|t| expect(&mut cx.out, t, Expected::Map))
        {
            Some(Node {
                value: Value::Map(entries),
                ..
            }) => stated_terms(cx, entries, vocab),
            _ => Vec::new(),
        };
        out.push(Clause {
            id: id.to_owned(),
            id_span,
            topic,
            text,
            text_span,
            terms,
        });
    }
    out
}

fn stated_terms(cx: &mut Ctx<'_>, entries: &[(Node, Node)], vocab: &Vocabulary) -> Vec<StatedTerm> {
    let mut terms = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let Some(name) = key.text() else {
            let name = yaml::key_name(key);
            cx.out.push(key.span, unknown_term(&name));
            continue;
        };
        if let Some((before, _)) = name.split_once('：') {
            cx.out.push(
                key.span,
                format!(
                    "“{name}”用了全角冒号“：”；条目与数值之间要用半角冒号“:”加空格，如 {}: 158天",
                    before.trim()
                ),
            );
            continue;
        }
        let Some(term) = vocab.term(name.trim()) else {
            cx.out.push(key.span, unknown_term(name));
            continue;
        };
        if value.is_null() {
            cx.out.push(key.span, value::no_value(vocab, term));
            continue;
        }
        let Some(written) = cx.scalar(value).map(str::to_owned) else {
            continue;
        };
        if written.trim().is_empty() {
            cx.out.push(key.span, value::no_value(vocab, term));
            continue;
        }
        match value::read_value(vocab, term, &value.value, &written) {
            Ok(read) => terms.push(StatedTerm {
                term,
                value: read.value,
                span: value.span,
                written,
                note: read.note,
            }),
            Err(message) => cx.out.push(value.span, message),
        }
    }
    terms
}

fn unknown_term(name: &str) -> String {
    format!(
        "未知条目“{name}”：条目名称见 rules/vocabulary.dixian（如 产假、卫生费、哺乳时间、性骚扰防治）"
    )
}
