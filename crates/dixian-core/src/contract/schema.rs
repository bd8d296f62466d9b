//! A JSON Schema for the contract's YAML form, generated from the field names the reader accepts and
//! the vocabulary (term names, units, examples, inferable units). Editors that read it (VS Code's YAML
//! extension) complete term names and flag a value in the wrong unit as it is typed. It is a first
//! line: the reader still has the last word (a date that does not exist, a repeated clause id).

use super::keys::*;
use super::value::{accepts, per};
use crate::numerals::CHINESE_NUMERALS;
use crate::vocabulary::{TermId, TermKind, UnitId, Vocabulary};
use serde_json::{Map, Value, json};

/// The schema as a JSON value (draft-07, the draft editors support best).
pub fn json_schema(vocab: &Vocabulary) -> Value {
    let mut top = Map::new();
    put(
        &mut top,
        TITLE,
        json!({"type": "string", "description": "合同名称"}),
    );
    put(
        &mut top,
        REGION,
        json!({"type": "string", "minLength": 1, "description": "地区：省、市或区县，如 湖北省武汉市"}),
    );
    put(&mut top, SIGNED, date("签订日期"));
    put(&mut top, TERM, json!({"$ref": "#/definitions/term"}));
    put(
        &mut top,
        WORKFORCE,
        object(
            &[
                (WORKFORCE_TOTAL, count("职工人数")),
                (WORKFORCE_WOMEN, count("女职工人数")),
            ],
            &[],
        ),
    );
    put(&mut top, TOTAL, count("职工人数"));
    put(&mut top, WOMEN, count("女职工人数"));
    put(
        &mut top,
        CLAUSES,
        json!({"type": "array", "items": {"$ref": "#/definitions/clause"}, "description": "条款"}),
    );

    let term = object(
        &[(START, date("期限起始日")), (END, date("期限终止日"))],
        &[START, END],
    );
    let clause = object(
        &[
            (
                ID,
                json!({"type": ["string", "integer"], "description": "条款编号，如 第六条"}),
            ),
            (TOPIC, json!({"type": "string", "description": "主题"})),
            (TEXT, json!({"type": "string", "description": "条款原文"})),
            (TERMS, json!({"$ref": "#/definitions/terms"})),
        ],
        &[ID],
    );
    let mut terms = Map::new();
    for (id, _) in vocab.terms() {
        let value = term_value(vocab, id);
        for name in vocab.names_of(id) {
            terms.insert(name.to_owned(), value.clone());
        }
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "女职工权益保护专项集体合同（dixian 合同格式）",
        "description": "由 rules/vocabulary.dixian 生成；字段可用英文或中文名称。",
        "type": "object",
        "properties": top,
        "additionalProperties": false,
        "allOf": [required_one_of(REGION), required_one_of(TERM)],
        "definitions": {
            "term": term,
            "clause": clause,
            "terms": {
                "type": "object",
                "description": "约定的条目与数值，如 产假: 158天",
                "properties": terms,
                "additionalProperties": false,
            },
        },
    })
}

/// The schema as the text of `docs/contract.schema.json`.
pub fn json_schema_text(vocab: &Vocabulary) -> String {
    let mut text = serde_json::to_string_pretty(&json_schema(vocab)).unwrap_or_default();
    text.push('\n');
    text
}

/// The same property under each of its names (`region` and `地区`).
fn put(map: &mut Map<String, Value>, names: &[&str], value: Value) {
    for name in names {
        map.insert((*name).to_owned(), value.clone());
    }
}

/// An object with the given fields (each under all its names), none other; `required` fields may be
/// given under any of their names.
fn object(fields: &[(&[&str], Value)], required: &[&[&str]]) -> Value {
    let mut properties = Map::new();
    for (names, value) in fields {
        put(&mut properties, names, value.clone());
    }
    let mut o = Map::new();
    o.insert("type".into(), json!("object"));
    o.insert("properties".into(), Value::Object(properties));
    o.insert("additionalProperties".into(), json!(false));
    if !required.is_empty() {
        let all: Vec<Value> = required.iter().map(|r| required_one_of(r)).collect();
        o.insert("allOf".into(), Value::Array(all));
    }
    Value::Object(o)
}

/// Present under one of its names.
fn required_one_of(names: &[&str]) -> Value {
    json!({"anyOf": names.iter().map(|n| json!({"required": [n]})).collect::<Vec<_>>()})
}

fn date(what: &str) -> Value {
    json!({
        "type": "string",
        "pattern": r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$",
        "description": format!("{what}，写作 YYYY-MM-DD，如 2023-05-01"),
    })
}

fn count(what: &str) -> Value {
    json!({
        "anyOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "pattern": r"^\s*[0-9]+\s*人?\s*$"},
        ],
        "description": format!("{what}（非负整数）"),
    })
}

/// What one term's value may be: 是/否 for a commitment; for a quantity, a number (digits or Chinese
/// numerals) in one of the units the reader takes for the term.
fn term_value(vocab: &Vocabulary, id: TermId) -> Value {
    let name = vocab.term_name(id);
    let Some(TermKind::Quantity(units)) = vocab.term_info(id).map(|t| &t.kind) else {
        return json!({
            "anyOf": [{"type": "boolean"}, {"enum": ["是", "否", "有", "无", "yes", "no"]}],
            "description": format!("{name}：承诺条目，是 或 否"),
        });
    };
    let calendar =
        |u: &UnitId| Some(*u) == vocab.calendar_day() || Some(*u) == vocab.calendar_month();
    let mut unit_ids: Vec<UnitId> = units.clone();
    if units.iter().any(calendar) {
        unit_ids.extend(
            [vocab.calendar_day(), vocab.calendar_month()]
                .into_iter()
                .flatten(),
        );
    }
    let mut spellings: Vec<String> = unit_ids
        .iter()
        .flat_map(|u| vocab.spellings_of(*u))
        .map(str::to_owned)
        .collect();
    // 只写“小时”或“个小时”时按每日计: the spellings inferred, grouped by the unit they stand for.
    let mut inferred: Vec<(UnitId, Vec<String>)> = Vec::new();
    if let Some(form) = vocab.form(id) {
        for (written, unit) in &form.infer {
            spellings.push(written.clone());
            if let Some(u) = vocab.unit(written) {
                spellings.extend(vocab.spellings_of(u).into_iter().map(str::to_owned));
            }
            match inferred.iter_mut().find(|(u, _)| u == unit) {
                Some((_, words)) => words.push(format!("“{written}”")),
                None => inferred.push((*unit, vec![format!("“{written}”")])),
            }
        }
    }
    let notes: Vec<String> = inferred
        .iter()
        .map(|(unit, words)| {
            format!(
                "只写{}时按{}计",
                words.join("或"),
                per(vocab.unit_name(*unit))
            )
        })
        .collect();
    // Longer spellings first, so that an alternation never stops at a prefix (个月 before 月).
    crate::sort::sort_by(&mut spellings, |a, b| {
        b.chars().count().cmp(&a.chars().count()).then(a.cmp(b))
    });
    spellings.dedup();
    let unit = format!(
        "(?:{})",
        spellings
            .iter()
            .map(|s| escape(s))
            .collect::<Vec<_>>()
            .join("|")
    );
    let number = format!(
        r"(?:[0-9]+(?:\.[0-9]{{1,3}})?|[{CHINESE_NUMERALS}]+(?:点[{CHINESE_NUMERALS}]{{1,3}})?|半)"
    );
    let amount = format!(r"{number}\s*{unit}");
    let pattern = if units.iter().any(calendar) {
        format!(r"^\s*{amount}(?:\s*[+＋]\s*{amount})*\s*$")
    } else {
        format!(r"^\s*{amount}\s*$")
    };
    let mut description = format!("{name}：单位为 {}", accepts(vocab, id));
    if !notes.is_empty() {
        description.push_str(&format!("；{}", notes.join("，")));
    }
    json!({
        "type": "string",
        "pattern": pattern,
        "description": description,
        "examples": [vocab.example(id)],
    })
}

/// A literal for an ECMA-262 pattern.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if r".^$|?*+()[]{}\".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
