//! Extraction measured against fixtures/text: each document's `*.expected.yaml` lists what a careful
//! reader takes from it. Precision and recall are reported per term and must reach 95% overall; the
//! contract's own facts (region, dates, workforce) must be read exactly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use dixian_core::contract::TermValue;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Deserialize)]
struct Workforce {
    total: u32,
    women: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    encoding: Option<String>,
    region: String,
    signed: Option<String>,
    term: String,
    workforce: Option<Workforce>,
    topics: Option<BTreeMap<String, String>>,
    terms: BTreeMap<String, BTreeMap<String, String>>,
    vague: Vec<String>,
}

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

#[test]
fn extraction_precision_and_recall() {
    let set = common::rules();
    let fixtures = common::fixtures();
    assert!(
        fixtures.len() >= 12,
        "at least 12 fixture documents, found {}",
        fixtures.len()
    );
    let mut per_term: BTreeMap<String, Tally> = BTreeMap::new();
    let mut fact_errors: Vec<String> = Vec::new();
    let mut misses: Vec<String> = Vec::new();
    for (doc, expected_path) in &fixtures {
        let name = doc.file_name().unwrap().to_str().unwrap().to_owned();
        let expected: Expected =
            serde_saphyr::from_str(&std::fs::read_to_string(expected_path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let imported = common::import_fixture(doc, &set);
        let c = &imported.contract;
        let mut fact = |what: &str, got: String, want: String| {
            if got != want {
                fact_errors.push(format!("{name}: {what} 读出 {got}，应为 {want}"));
            }
        };
        fact("地区", c.region.clone(), expected.region.clone());
        fact(
            "签订日期",
            format!("{:?}", c.signed.map(|d| d.to_string())),
            format!("{:?}", expected.signed),
        );
        fact(
            "期限",
            format!("{}..{}", c.term.start, c.term.end),
            expected.term.clone(),
        );
        if let Some(w) = &expected.workforce {
            fact(
                "职工人数",
                format!("{:?}", (c.workforce.total, c.workforce.women)),
                format!("{:?}", (Some(w.total), Some(w.women))),
            );
        }
        if let Some(e) = &expected.encoding {
            fact("编码", imported.encoding.to_lowercase(), e.to_lowercase());
        }
        if let Some(topics) = &expected.topics {
            for clause in &c.clauses {
                fact(
                    &format!("{} 主题", clause.id),
                    format!("{:?}", clause.topic),
                    format!("{:?}", topics.get(&clause.id)),
                );
            }
        }

        let got: BTreeSet<(String, String, String)> = c
            .clauses
            .iter()
            .flat_map(|cl| {
                cl.terms.iter().map(|t| {
                    let value = match t.value {
                        TermValue::Quantity(q) => q.display(&set.vocabulary),
                        TermValue::Commitment(b) => if b { "是" } else { "否" }.to_owned(),
                    };
                    (
                        cl.id.clone(),
                        set.vocabulary.term_name(t.term).to_owned(),
                        value,
                    )
                })
            })
            .chain(imported.vague.iter().map(|v| {
                (
                    v.clause.clone(),
                    "（含糊条款）".to_owned(),
                    "提示".to_owned(),
                )
            }))
            .collect();
        let want: BTreeSet<(String, String, String)> = expected
            .terms
            .iter()
            .flat_map(|(clause, terms)| {
                terms
                    .iter()
                    .map(move |(t, v)| (clause.clone(), t.clone(), v.clone()))
            })
            .chain(
                expected
                    .vague
                    .iter()
                    .map(|v| (v.clone(), "（含糊条款）".to_owned(), "提示".to_owned())),
            )
            .collect();
        for item in got.union(&want) {
            let tally = per_term.entry(item.1.clone()).or_default();
            match (got.contains(item), want.contains(item)) {
                (true, true) => tally.tp += 1,
                (true, false) => {
                    tally.fp += 1;
                    misses.push(format!("{name}: 多提取 {} {}: {}", item.0, item.1, item.2));
                }
                _ => {
                    tally.fn_ += 1;
                    misses.push(format!("{name}: 漏提取 {} {}: {}", item.0, item.1, item.2));
                }
            }
        }
    }
    let mut total = Tally::default();
    println!(
        "{:<32} {:>4} {:>4} {:>4} {:>8} {:>8}",
        "条目", "对", "多", "漏", "精确率", "召回率"
    );
    for (term, t) in &per_term {
        println!(
            "{term:<32} {:>4} {:>4} {:>4} {:>7.1}% {:>7.1}%",
            t.tp,
            t.fp,
            t.fn_,
            t.precision() * 100.0,
            t.recall() * 100.0
        );
        total.tp += t.tp;
        total.fp += t.fp;
        total.fn_ += t.fn_;
    }
    println!(
        "{:<32} {:>4} {:>4} {:>4} {:>7.1}% {:>7.1}%",
        "合计",
        total.tp,
        total.fp,
        total.fn_,
        total.precision() * 100.0,
        total.recall() * 100.0
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(
        fact_errors.is_empty(),
        "合同事实读错：\n{}",
        fact_errors.join("\n")
    );
    assert!(
        total.precision() >= 0.95 && total.recall() >= 0.95,
        "精确率 {:.1}%、召回率 {:.1}% 未达到 95%",
        total.precision() * 100.0,
        total.recall() * 100.0
    );
}
