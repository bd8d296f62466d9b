//! Rule tests, like `opa test` or `cedar run-tests`: a YAML file of cases, each a contract (inline or
//! by path) with the findings it must produce and the findings it must not.
//!
//! ```yaml
//! tests:
//!   - name: 湖北 2021-11-26 起产假不少于158天
//!     contract: |                      # inline contract text, or
//!       region: 湖北省
//!       term: {start: 2022-01-01, end: 2022-12-31}
//!       clauses:
//!         - id: 第六条
//!           terms: {产假: 128天}
//!     # contract_file: ../../fixtures/x.yaml   (relative to the test file)
//!     expect:                           # each must match at least one finding
//!       - {rule: 湖北.产假, severity: rectify, term: 产假, from: 2022-01-01, to: 2022-12-31}
//!     expect_not:                       # none may match any finding
//!       - {rule: 全国.产假}
//! ```
//!
//! A pattern's fields other than `rule` are optional; a field left out matches anything. `kind` is
//! `violated`, `missing`, `unlawful_text` or `depends` (whether it meets the floor depends on the
//! calendar months); `severity` is `notice|rectify|refer` or 提示|整改|转办.

use crate::error::{Collector, LoadError};
use crate::report::{Finding, FindingKind, Report};
use crate::rules::{RuleSet, Severity};
use crate::yaml::{self, Expected, Fields, Node, Value, expect};
use std::collections::BTreeSet;

/// A description of findings; every given field must equal the finding's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pattern {
    pub rule: String,
    pub severity: Option<String>,
    pub term: Option<String>,
    pub kind: Option<String>,
    pub clause: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Pattern {
    pub fn matches(&self, f: &Finding) -> bool {
        let eq = |want: &Option<String>, have: &str| want.as_deref().is_none_or(|w| w == have);
        let severity_ok = self
            .severity
            .as_deref()
            .is_none_or(|s| Severity::parse(s) == Some(f.severity));
        let kind = match f.kind {
            FindingKind::Violated => "violated",
            FindingKind::Missing => "missing",
            FindingKind::UnlawfulText => "unlawful_text",
            FindingKind::Vague => "vague",
            FindingKind::Depends => "depends",
        };
        self.rule == f.rule
            && severity_ok
            && eq(&self.term, f.term.as_deref().unwrap_or(""))
            && eq(&self.kind, kind)
            && eq(&self.clause, f.clause.as_deref().unwrap_or(""))
            && eq(&self.from, &f.from)
            && eq(&self.to, &f.to)
    }
}

impl std::fmt::Display for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.rule)?;
        for (k, v) in [
            ("severity", &self.severity),
            ("term", &self.term),
            ("kind", &self.kind),
            ("clause", &self.clause),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if let Some(v) = v {
                write!(f, " {k}={v}")?;
            }
        }
        Ok(())
    }
}

/// Where a case's contract comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContractSource {
    /// Inline text, with the line of the test file it starts on and its indentation there (to report
    /// errors at the test file's own lines and columns).
    Inline {
        text: String,
        line: u32,
        indent: u32,
    },
    /// A path relative to the test file.
    File(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub name: String,
    pub contract: ContractSource,
    pub expect: Vec<Pattern>,
    pub expect_not: Vec<Pattern>,
}

const TESTS: &[&str] = &["tests"];
const NAME: &[&str] = &["name"];
const CONTRACT: &[&str] = &["contract"];
const CONTRACT_FILE: &[&str] = &["contract_file"];
const EXPECT: &[&str] = &["expect"];
const EXPECT_NOT: &[&str] = &["expect_not"];
const CASE: &[&[&str]] = &[NAME, CONTRACT, CONTRACT_FILE, EXPECT, EXPECT_NOT];
const PATTERN: &[&[&str]] = &[
    &["rule"],
    &["severity"],
    &["term"],
    &["kind"],
    &["clause"],
    &["from"],
    &["to"],
];

/// Reads a test file. Bad YAML, a case with no contract or with two, or a bad severity or kind is an
/// error located in the file.
pub fn parse(file: &str, text: &str) -> Result<Vec<Case>, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = yaml::parse(file, text)?;
    let mut out = Collector::new(file);
    let mut cases = Vec::new();
    let tests = Fields::read(&mut out, &root, &[TESTS])
        .and_then(|f| f.get(TESTS))
        .and_then(|t| expect(&mut out, t, Expected::Seq));
    match tests {
        Some(Node {
            value: Value::Seq(items),
            ..
        }) => {
            for node in items {
                if let Some(case) = read_case(&mut out, text, node) {
                    cases.push(case);
                }
            }
        }
        _ => out.push(root.span, "测试文件须有 tests: 列表，每项一个测试"),
    }
    out.finish(cases)
}

fn read_case(out: &mut Collector<'_>, text: &str, node: &Node) -> Option<Case> {
    let fields = Fields::read(out, node, CASE)?;
    let Some(name) = words(out, fields.get(NAME)) else {
        out.push(node.span, "测试缺少名称（name）");
        return None;
    };
    let inline = fields
        .get(CONTRACT)
        .and_then(|c| Some((c, words(out, Some(c))?)));
    let path = words(out, fields.get(CONTRACT_FILE));
    let contract = match (inline, path) {
        (Some((node, contract)), None) => Some(inline_source(text, node, contract)),
        (None, Some(p)) => Some(ContractSource::File(p)),
        _ => {
            out.push(
                node.span,
                format!("测试“{name}”须有且只有一个 contract（内联）或 contract_file（路径）"),
            );
            None
        }
    };
    let expect = patterns(out, &name, fields.get(EXPECT));
    let expect_not = patterns(out, &name, fields.get(EXPECT_NOT));
    if expect.is_empty() && expect_not.is_empty() {
        out.push(
            node.span,
            format!("测试“{name}”没有 expect 也没有 expect_not：它什么也不检验"),
        );
    }
    Some(Case {
        name,
        contract: contract?,
        expect,
        expect_not,
    })
}

/// An inline contract, with where its text starts in the test file. YAML locates a block scalar
/// (`contract: |`) at its first written character, past the blank lines its text starts with, and a
/// quoted one at its opening quote.
fn inline_source(text: &str, node: &Node, contract: String) -> ContractSource {
    let quoted = text
        .get(node.span.start..)
        .is_some_and(|s| s.starts_with(['"', '\'']));
    let blank = if quoted {
        0
    } else {
        contract.len() - contract.trim_start_matches('\n').len()
    };
    ContractSource::Inline {
        line: node
            .span
            .line
            .saturating_sub(u32::try_from(blank).unwrap_or(u32::MAX)),
        indent: node.span.column.saturating_sub(1) + u32::from(quoted),
        text: contract,
    }
}

fn words(out: &mut Collector<'_>, node: Option<&Node>) -> Option<String> {
    expect(out, node?, Expected::Text)?
        .text()
        .map(str::to_owned)
}

fn patterns(out: &mut Collector<'_>, case: &str, node: Option<&Node>) -> Vec<Pattern> {
    let Some(Node {
        value: Value::Seq(items),
        ..
    }) = node.and_then(|n| expect(out, n, Expected::Seq))
    else {
        return Vec::new();
    };
    let mut found = Vec::with_capacity(items.len());
    for item in items {
        let Some(f) = Fields::read(out, item, PATTERN) else {
            continue;
        };
        let mut field = |name: &str| words(out, f.get(&[name]));
        let p = Pattern {
            rule: field("rule").unwrap_or_default(),
            severity: field("severity"),
            term: field("term"),
            kind: field("kind"),
            clause: field("clause"),
            from: field("from"),
            to: field("to"),
        };
        if p.rule.is_empty() {
            out.push(item.span, format!("测试“{case}”：模式缺少 rule"));
            continue;
        }
        if let Some(s) = p
            .severity
            .as_deref()
            .filter(|s| Severity::parse(s).is_none())
        {
            out.push(
                item.span,
                format!("测试“{case}”：严重程度“{s}”应为 notice|rectify|refer 或 提示|整改|转办"),
            );
        }
        if p.kind.as_deref().is_some_and(|k| {
            !matches!(
                k,
                "violated" | "missing" | "unlawful_text" | "vague" | "depends"
            )
        }) {
            out.push(
                item.span,
                format!(
                    "测试“{case}”：kind 应为 violated、missing、unlawful_text、vague 或 depends"
                ),
            );
        }
        found.push(p);
    }
    found
}

/// The outcome of one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub name: String,
    /// Empty when the case passed; otherwise what went wrong, one line each.
    pub failures: Vec<String>,
    /// The rules the case's `expect` patterns name (for coverage).
    pub covers: BTreeSet<String>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Checks one case's contract text and compares its findings with the case's patterns. `file` names
/// the contract in diagnostics.
pub fn run_case(set: &RuleSet, case: &Case, file: &str, text: &str) -> Outcome {
    let covers = case.expect.iter().map(|p| p.rule.clone()).collect();
    let failures = match crate::check_yaml(set, file, text) {
        Ok(report) => compare(case, &report),
        Err(e) => {
            // Inline contract text is located at its own lines in the test file.
            let (down, right) = match &case.contract {
                ContractSource::Inline { line, indent, .. } => (line.saturating_sub(1), *indent),
                ContractSource::File(_) => (0, 0),
            };
            e.diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "合同无法读取：{}:{}:{}: {}",
                        d.file,
                        d.line + down,
                        d.column + right,
                        d.message
                    )
                })
                .collect()
        }
    };
    Outcome {
        name: case.name.clone(),
        failures,
        covers,
    }
}

fn compare(case: &Case, report: &Report) -> Vec<String> {
    let mut failures = Vec::new();
    for p in &case.expect {
        if !report.findings.iter().any(|f| p.matches(f)) {
            let same_rule: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.rule == p.rule)
                .map(describe)
                .collect();
            let seen = if same_rule.is_empty() {
                "该规则没有产生任何问题".to_owned()
            } else {
                format!("实际：{}", same_rule.join("；"))
            };
            failures.push(format!("缺少预期的问题：{p}（{seen}）"));
        }
    }
    for p in &case.expect_not {
        for f in report.findings.iter().filter(|f| p.matches(f)) {
            failures.push(format!("出现了不应出现的问题：{}（模式 {p}）", describe(f)));
        }
    }
    failures
}

fn describe(f: &Finding) -> String {
    format!(
        "{} severity={} term={} from={} to={}",
        f.rule,
        f.severity,
        f.term.as_deref().unwrap_or("-"),
        f.from,
        f.to
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
tests:
  - name: 湖北产假
    contract: |
      region: 湖北省
      term: {start: 2022-01-01, end: 2022-12-31}
      clauses:
        - id: 第六条
          terms: {产假: 128天}
    expect:
      - {rule: 湖北.产假, severity: 整改, term: 产假, from: 2022-01-01, to: 2022-12-31}
    expect_not:
      - {rule: 全国.产假}
  - name: 故意失败
    contract: |
      region: 湖北省
      term: {start: 2022-01-01, end: 2022-12-31}
      clauses:
        - id: 第六条
          terms: {产假: 158天}
    expect:
      - {rule: 湖北.产假}
"#;

    #[test]
    fn passing_and_failing_cases() {
        let set = crate::rules::builtin().unwrap_or_default();
        let cases = parse("t.yaml", FILE).unwrap_or_default();
        assert_eq!(cases.len(), 2);
        let run = |c: &Case| match &c.contract {
            ContractSource::Inline { text, .. } => run_case(&set, c, "t.yaml", text),
            ContractSource::File(_) => Outcome {
                name: String::new(),
                failures: vec!["file".into()],
                covers: BTreeSet::new(),
            },
        };
        let outcomes: Vec<Outcome> = cases.iter().map(run).collect();
        assert!(
            outcomes.first().is_some_and(Outcome::passed),
            "{outcomes:?}"
        );
        assert!(
            outcomes
                .get(1)
                .is_some_and(|o| !o.passed() && o.failures.iter().any(|f| f.contains("缺少预期")))
        );
    }

    #[test]
    fn a_case_that_checks_nothing_is_refused() {
        let text = "tests:\n  - name: 空\n    contract: \"region: 湖北省\"\n";
        assert!(parse("t.yaml", text).is_err());
        let two = "tests:\n  - name: 两个\n    contract: a\n    contract_file: b\n    expect: [{rule: x}]\n";
        assert!(parse("t.yaml", two).is_err());
    }

    /// (line, column, message) of each problem found in a test file.
    fn problems(text: &str) -> Vec<(u32, u32, String)> {
        parse("t.yaml", text)
            .err()
            .map(|e| {
                e.diagnostics
                    .into_iter()
                    .map(|d| (d.line, d.column, d.message))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn problems_are_located_at_their_own_case_and_pattern() {
        let text = "tests:\n  - name: 甲\n    contract_file: a.yaml\n    expect: [{rule: x}]\n  - name: 乙\n    contract_file: b.yaml\n    expect:\n      - {rule: y, severity: 严重}\n  - name: 丙\n    contract_file: c.yaml\n";
        assert_eq!(
            problems(text),
            vec![
                (
                    8,
                    9,
                    "测试“乙”：严重程度“严重”应为 notice|rectify|refer 或 提示|整改|转办"
                        .to_owned()
                ),
                (
                    9,
                    5,
                    "测试“丙”没有 expect 也没有 expect_not：它什么也不检验".to_owned()
                ),
            ]
        );
        let unknown =
            problems("tests:\n  - name: 甲\n    contract_file: a.yaml\n    expects: [{rule: x}]\n");
        assert_eq!(
            unknown.first().map(|(l, c, m)| (
                *l,
                *c,
                m.starts_with("不认识的字段“expects”，是否想写“expect”？")
            )),
            Some((4, 5, true))
        );
    }

    #[test]
    #[allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
    fn an_inline_contract_is_located_in_the_test_file() {
        let set = crate::rules::builtin().unwrap_or_default();
        // Line 5 of the test file is the contract's line 2, indented by six spaces.
        let block = "tests:\n  - name: 甲\n    contract: |\n\n      region: 湖北省\n      term: {start: 2022-01-01, end: 2022-12-31}\n      titel: 某合同\n    expect: [{rule: 湖北.产假}]\n";
        let cases = parse("t.yaml", block).unwrap_or_default();
        let case = cases.first().expect("one case");
        let ContractSource::Inline { text, line, indent } = &case.contract else {
            panic!("inline contract expected");
        };
        assert_eq!((*line, *indent), (4, 6));
        let outcome = run_case(&set, case, "t.yaml", text);
        assert_eq!(outcome.failures.len(), 1, "{outcome:?}");
        assert!(
            outcome.failures[0].starts_with("合同无法读取：t.yaml:7:7: 不认识的字段“titel”"),
            "{outcome:?}"
        );
        // A quoted contract starts one column after its opening quote.
        let quoted =
            "tests:\n  - name: 乙\n    contract: \"region: 湖北省\"\n    expect: [{rule: x}]\n";
        let cases = parse("t.yaml", quoted).unwrap_or_default();
        assert!(matches!(
            cases.first().map(|c| &c.contract),
            Some(ContractSource::Inline {
                line: 3,
                indent: 15,
                ..
            })
        ));
    }
}
