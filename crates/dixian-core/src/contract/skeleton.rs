//! A contract to fill in (`dixian init`): the YAML form with every term the region's rules in force
//! check, each under a comment giving its unit and what the rules require. The values are left blank,
//! so that a contract nobody filled in is refused with the line to fill rather than passed.

use super::value::accepts;
use crate::catalog::{self, CatalogRow};
use crate::rules::{JurisdictionId, RuleSet};
use crate::vocabulary::{Period, TermId};
use chrono::{Months, NaiveDate};

/// The skeleton for `region` (as the user wrote it, resolved to `jurisdiction`; `None`: national rules
/// only, region left to fill) with the rules in force on `date`.
pub fn skeleton(set: &RuleSet, region: Option<(&str, JurisdictionId)>, date: NaiveDate) -> String {
    let rows = catalog::rules_in_force(set, region.map(|(_, j)| j), Some(date));
    let vocab = &set.vocabulary;
    let terms: Vec<TermId> = vocab
        .terms()
        .map(|(id, _)| id)
        .filter(|id| {
            rows.iter()
                .any(|r| r.term.as_deref() == Some(vocab.term_name(*id)))
        })
        .collect();
    let chain = match region {
        Some((_, j)) => set
            .chain(j)
            .iter()
            .filter_map(|j| set.jurisdiction(*j).map(|j| j.name.as_str()))
            .collect::<Vec<_>>()
            .join(" → "),
        None => "全国".to_owned(),
    };
    let end = date
        .checked_add_months(Months::new(36))
        .and_then(|d| d.pred_opt())
        .unwrap_or(date);
    let mut y = String::new();
    y.push_str("# 女职工权益保护专项集体合同（dixian 合同格式），由 dixian init 生成。\n");
    y.push_str(&format!(
        "# 列出 {date} 施行的规则（{chain}）检查的全部条目。每个条目按合同的约定填写数值（可用汉字数字，\n"
    ));
    y.push_str("# 如 一百五十八天）或 是/否；合同没有约定的条目整行删去，检查时会报告“未约定”。\n");
    y.push_str("title: 某某公司女职工权益保护专项集体合同   # 合同名称\n");
    match region {
        Some((name, _)) => y.push_str(&format!("region: {name}\n")),
        None => y.push_str("region:                # 填写地区，如 湖北省武汉市\n"),
    }
    y.push_str(&format!("signed: {date}         # 签订日期\n"));
    y.push_str(&format!(
        "term: {{start: {date}, end: {end}}}   # 合同期限：起、止\n"
    ));
    y.push_str("# workforce: {total: 210, women: 96}   # 职工人数、女职工人数：有的规则以此为条件，不填则报告无法判断\n");
    y.push_str("clauses:\n");
    let mut number = 0;
    let groups = Period::ALL.map(Some).into_iter().chain([None]);
    for period in groups {
        let in_group: Vec<TermId> = terms
            .iter()
            .copied()
            .filter(|id| {
                let periods = vocab.term_info(*id).map_or(&[][..], |t| &t.periods);
                periods.first().copied() == period
            })
            .collect();
        if in_group.is_empty() {
            continue;
        }
        number += 1;
        y.push_str(&format!("  - id: 第{}条\n", ordinal(number)));
        if let Some(p) = period {
            y.push_str(&format!("    topic: {p}\n"));
        }
        y.push_str("    text: （条款原文）\n    terms:\n");
        for id in in_group {
            let name = vocab.term_name(id);
            let required = requirements(&rows, name);
            y.push_str(&format!(
                "      # {name}：{}。填写：{}\n      {name}:\n",
                required,
                accepts(vocab, id)
            ));
        }
    }
    y
}

/// What the rules in force require of a term, jurisdiction by jurisdiction, the most local first:
/// 湖北规定 ≥158天；国家规定 ≥98天、≥90天.
fn requirements(rows: &[CatalogRow], term: &str) -> String {
    let mut by_jurisdiction: Vec<(&str, Vec<String>)> = Vec::new();
    for r in rows
        .iter()
        .rev()
        .filter(|r| r.term.as_deref() == Some(term))
    {
        let mut part = if r.requirement == "是" {
            "应为 是".to_owned()
        } else {
            r.requirement.clone()
        };
        if !r.conditions.is_empty() {
            part.push_str(&format!("（{}时）", r.conditions.join("且")));
        }
        if r.provisional.is_some() {
            part.push_str("（暂定）");
        }
        match by_jurisdiction
            .iter_mut()
            .find(|(j, _)| *j == r.jurisdiction)
        {
            Some((_, parts)) if parts.contains(&part) => {}
            Some((_, parts)) => parts.push(part),
            None => by_jurisdiction.push((&r.jurisdiction, vec![part])),
        }
    }
    by_jurisdiction
        .iter()
        .map(|(j, parts)| {
            let who = if *j == "全国" { "国家" } else { j };
            format!("{who}规定 {}", parts.join("、"))
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// 1 → 一, 12 → 十二: clause numbers as contracts write them (a skeleton has a handful of clauses).
fn ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: usize| DIGITS.get(d).copied().unwrap_or("");
    match n {
        0..=9 => digit(n).to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { digit(n % 10) }),
        _ => format!(
            "{}十{}",
            digit(n / 10 % 10),
            if n % 10 == 0 { "" } else { digit(n % 10) }
        ),
    }
}
