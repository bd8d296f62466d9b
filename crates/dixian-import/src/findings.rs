//! The notices the reading itself raises, beside the engine's findings: vague clauses, clauses that
//! exclude some women from the contract's protection, and a contract that states no term.

use crate::{Imported, VagueClause};
use chrono::NaiveDate;
use dixian_core::contract::Contract;
use dixian_core::report::{Finding, FindingKind, Report};
use dixian_core::rules::Severity;

/// The rule id under which vague clauses are reported.
pub const VAGUE_RULE: &str = "导入.条款含糊";
/// The rule id under which exclusions of some women from the contract's protection are reported.
pub const EXCLUSION_RULE: &str = "导入.排除部分女职工";
/// The rule id under which a contract that states no term is reported.
pub const NO_TERM_RULE: &str = "导入.未写明期限";

/// The day the 2022 revision of the women's rights law took effect (its article 86).
fn womens_law_2022() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default()
}

/// A notice at `at` (or on the whole contract), over the whole term.
pub(crate) fn notice(
    c: &Contract,
    rule: &str,
    kind: FindingKind,
    at: Option<&VagueClause>,
) -> Finding {
    Finding {
        rule: rule.to_owned(),
        severity: Severity::Notice,
        kind,
        term: None,
        term_label: None,
        clause: at.map(|v| v.clause.clone()),
        expected: String::new(),
        actual: at.map(|v| v.words.clone()).unwrap_or_default(),
        citation: String::new(),
        jurisdiction: String::new(),
        provisional: false,
        from: c.term.start.to_string(),
        to: c.term.end.to_string(),
        message: String::new(),
        line: at.map(|v| v.span.line),
        column: at.map(|v| v.span.column),
        bytes: at.map(|v| (v.span.start, v.span.end)),
        suggestion: None,
    }
}

/// Notice findings for the vague clauses, over the whole term.
pub fn vague_findings(imported: &Imported) -> Vec<Finding> {
    let c = &imported.contract;
    imported
        .vague
        .iter()
        .map(|v| Finding {
            expected: "写明具体标准（天数、金额、时间或措施）".to_owned(),
            citation: "无（起草提示：条款未写明可核对的标准，不是法定标准）".to_owned(),
            message: format!(
                "{}提到{}，但只写了“{}”，没有可核对的约定；请写明具体标准",
                v.clause, v.topic, v.words
            ),
            ..notice(c, VAGUE_RULE, FindingKind::Vague, Some(v))
        })
        .collect()
}

/// Notice findings for clauses that exclude some women from the contract's protection. Special
/// protection is owed to every woman worker: 《女职工劳动保护特别规定》第二条 names them all, and from
/// 2023-01-01 《中华人民共和国妇女权益保障法》第四十七条第二款 protects women in the four periods.
pub fn exclusion_findings(imported: &Imported) -> Vec<Finding> {
    let c = &imported.contract;
    let mut citation = "《女职工劳动保护特别规定》（国务院令第619号）第二条".to_owned();
    if c.term.end >= womens_law_2022() {
        citation.push_str("；《中华人民共和国妇女权益保障法》第四十七条第二款");
    }
    imported
        .exclusions
        .iter()
        .map(|v| Finding {
            expected: "对全体女职工一视同仁地给予特殊保护".to_owned(),
            citation: citation.clone(),
            message: format!(
                "{}把部分女职工排除在本合同的保护之外（“{}”）；女职工特殊保护适用于全体女职工，请删去这一限制",
                v.clause, v.words
            ),
            ..notice(c, EXCLUSION_RULE, FindingKind::UnlawfulText, Some(v))
        })
        .collect()
}

/// Adds what the reading itself found to a report of the imported contract: vague clauses,
/// exclusions, a notice when the text states no term, and the contract-level notes; in source order.
pub fn add_import_findings(report: &mut Report, imported: &Imported) {
    report.findings.extend(vague_findings(imported));
    report.findings.extend(exclusion_findings(imported));
    let c = &imported.contract;
    if imported.no_term {
        report.findings.push(Finding {
            expected: "写明合同期限（起止日期）".to_owned(),
            actual: "未写明".to_owned(),
            citation: "无（起草提示：未写明期限的合同只能按一个日期核对）".to_owned(),
            message: format!(
                "合同未写明期限，按 {} 施行的规定核对；签订时请写明起止日期",
                c.term.start
            ),
            ..notice(c, NO_TERM_RULE, FindingKind::Vague, None)
        });
    }
    report.notes.extend(
        imported
            .notes
            .iter()
            .filter(|n| n.clause.is_empty())
            .map(|n| n.message.clone()),
    );
    sort_findings(report);
}

/// Findings in source order (those with no place last).
pub fn sort_findings(report: &mut Report) {
    dixian_core::sort::sort_by(&mut report.findings, |a, b| {
        (a.line.is_none(), a.line, a.column, &a.rule, &a.from).cmp(&(
            b.line.is_none(),
            b.line,
            b.column,
            &b.rule,
            &b.from,
        ))
    });
}
