//! A contract in YAML may give a clause both its text and its terms. When the text states a different
//! figure for a term than `terms:` does (text 150天, terms 158天), one of them is wrong: a notice says
//! so, so that the officer checks which one the parties agreed.

use crate::findings::notice;
use crate::{VagueClause, term_value, terms};
use dixian_core::contract::{Contract, TermValue};
use dixian_core::report::{Finding, FindingKind, Report};
use dixian_core::vocabulary::Vocabulary;

/// The rule id under which a clause whose text and terms disagree is reported.
pub const TEXT_MISMATCH_RULE: &str = "导入.原文与约定不一致";

/// Adds the notices of [`text_mismatch_findings`] to the report of a YAML contract, in source order.
pub fn add_text_mismatch_findings(report: &mut Report, contract: &Contract, vocab: &Vocabulary) {
    add_found(report, text_mismatch_findings(contract, vocab));
}

/// Puts findings of [`text_mismatch_findings`] (taken before the contract was checked) into its
/// report, in the report's order.
pub fn add_found(report: &mut Report, found: Vec<Finding>) {
    if !found.is_empty() {
        report.findings.extend(found);
        crate::findings::sort_findings(report);
    }
}

/// Notices for every quantity a clause's text states differently from its `terms:`.
pub fn text_mismatch_findings(contract: &Contract, vocab: &Vocabulary) -> Vec<Finding> {
    let mut out = Vec::new();
    for clause in &contract.clauses {
        if clause.text.trim().is_empty() || clause.terms.is_empty() {
            continue;
        }
        let read = terms::extract(&clause.text, (0, clause.text.len()), None);
        for found in &read.terms {
            let Some(term) = vocab.term(found.term) else {
                continue;
            };
            let Some(TermValue::Quantity(in_text)) = term_value(vocab, term, found.value) else {
                continue;
            };
            let Some(stated) = clause.terms.iter().find(|t| t.term == term) else {
                continue;
            };
            let TermValue::Quantity(in_terms) = stated.value else {
                continue;
            };
            // Another unit (天/年 against 工作日/年) is another way of stating it, not a conflict.
            if in_text.unit != in_terms.unit || in_text == in_terms {
                continue;
            }
            let words = clause.text.get(found.span.0..found.span.1).unwrap_or("");
            let (text_value, terms_value) = (in_text.display(vocab), in_terms.display(vocab));
            let at = VagueClause {
                clause: clause.id.clone(),
                topic: found.term.to_owned(),
                words: terms_value.clone(),
                span: stated.span,
            };
            out.push(Finding {
                term: Some(found.term.to_owned()),
                expected: format!("与原文一致（原文写“{words}”）"),
                actual: terms_value.clone(),
                citation: "无（核对提示：条款原文与约定不一致）".to_owned(),
                message: format!(
                    "{}原文写{}为“{words}”（{text_value}），约定却写{terms_value}；请核对哪一个是双方的约定",
                    clause.id, found.term
                )
                .replace(&format!("“{text_value}”（{text_value}）"), &format!("“{text_value}”")),
                ..notice(contract, TEXT_MISMATCH_RULE, FindingKind::Violated, Some(&at))
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn contract(text: &str, terms: &str) -> (Contract, dixian_core::rules::RuleSet) {
        let set = dixian_core::rules::builtin().unwrap();
        let yaml = format!(
            "地区: 湖北省武汉市\n期限: {{起: 2022-01-01, 止: 2024-12-31}}\n条款:\n  - 编号: 第一条\n    内容: \"{text}\"\n    约定: {{{terms}}}\n"
        );
        let c = dixian_core::contract::load_yaml("合同.yaml", &yaml, &set.vocabulary).unwrap();
        (c, set)
    }

    #[test]
    fn a_figure_in_the_text_that_differs_from_the_terms_is_noticed() {
        let (c, set) = contract("女职工生育享受产假150天。", "产假: 158天");
        let found = text_mismatch_findings(&c, &set.vocabulary);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("150天") && found[0].message.contains("158天"));
        let (c, set) = contract(
            "女职工生育享受产假158天，男方护理假15天。",
            "产假: 158天, 陪产假: 15天",
        );
        assert!(text_mismatch_findings(&c, &set.vocabulary).is_empty());
    }
}
