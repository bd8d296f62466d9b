//! SARIF 2.1.0, for code-review tools: one result per finding, rule metadata with the citation of
//! every version, columns in Unicode code points (as the rest of dixian counts them).
//!
//! Every input file is listed once in `artifacts`. A file that could not be read is a
//! `toolExecutionNotification` (level error, with its line and column) and makes the invocation
//! unsuccessful. A finding about a term the contract leaves out has no words to point at: it is placed
//! at line 1, column 1 of its file (GitHub code scanning requires a `startLine`), and its
//! `properties.kind` is `missing`.

use super::lang::Lang;
use crate::error::LoadError;
use crate::report::{Finding, FindingKind, Report};
use crate::rules::{RuleSet, Severity};
use crate::source::LineIndex;
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A SARIF log built up one file at a time (in input order), then finished against the rule set.
#[derive(Debug, Default)]
pub struct SarifLog {
    artifacts: Vec<Value>,
    results: Vec<(Value, String)>,
    notifications: Vec<Value>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Notice => "note",
        Severity::Rectify => "warning",
        Severity::Refer => "error",
    }
}

fn kind(k: FindingKind) -> &'static str {
    match k {
        FindingKind::Violated => "violated",
        FindingKind::Missing => "missing",
        FindingKind::UnlawfulText => "unlawful_text",
        FindingKind::Vague => "vague",
        FindingKind::Depends => "depends",
    }
}

impl SarifLog {
    pub fn new() -> Self {
        Self::default()
    }

    fn artifact(&mut self, file: &str) -> usize {
        self.artifacts
            .push(json!({ "location": { "uri": uri(file) } }));
        self.artifacts.len().saturating_sub(1)
    }

    /// Adds a checked contract; `source` is its text, to place the end of each finding.
    pub fn add_report(&mut self, report: &Report, source: &str, lang: Lang) {
        let index = self.artifact(&report.contract.file);
        let lines = LineIndex::new(source);
        for f in &report.findings {
            let result = result(f, report, index, &lines, source, lang);
            self.results.push((result, f.rule.clone()));
        }
    }

    /// Adds a file that could not be read: one notification per problem found in it.
    pub fn add_unreadable(&mut self, file: &str, error: &LoadError) {
        let index = self.artifact(file);
        for d in &error.diagnostics {
            self.notifications.push(json!({
                "level": "error",
                "message": { "text": d.message },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": uri(file), "index": index },
                    "region": { "startLine": d.line.max(1), "startColumn": d.column.max(1) }
                }}]
            }));
        }
    }

    /// The finished log. `rules` supplies the metadata of every rule a result names.
    pub fn finish(self, rules: &RuleSet, tool_version: &str) -> Value {
        let mut used: BTreeMap<String, usize> = BTreeMap::new();
        for (_, id) in &self.results {
            used.insert(id.clone(), 0);
        }
        for (i, slot) in used.values_mut().enumerate() {
            *slot = i;
        }
        let descriptors: Vec<Value> = used.keys().map(|id| descriptor(rules, id)).collect();
        let results: Vec<Value> = self
            .results
            .into_iter()
            .map(|(mut r, id)| {
                if let (Some(obj), Some(i)) = (r.as_object_mut(), used.get(&id)) {
                    obj.insert("ruleIndex".into(), json!(i));
                }
                r
            })
            .collect();
        json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "dixian",
                    "version": tool_version,
                    "informationUri": "https://example.invalid/dixian",
                    "rules": descriptors
                }},
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": self.notifications
                }],
                "artifacts": self.artifacts,
                "results": results
            }]
        })
    }
}

/// A relative path as a URI reference: forward slashes, spaces and `%` escaped (CJK stays as is,
/// which SARIF consumers accept as an IRI).
fn uri(file: &str) -> String {
    file.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

fn result(
    f: &Finding,
    report: &Report,
    index: usize,
    lines: &LineIndex,
    source: &str,
    lang: Lang,
) -> Value {
    let region = match f.bytes {
        Some((s, e)) => {
            let (sl, sc) = lines.line_col(source, s);
            let (el, ec) = lines.line_col(source, e);
            json!({ "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec })
        }
        None => json!({ "startLine": 1, "startColumn": 1 }),
    };
    json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": lang.message(f) },
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": uri(&report.contract.file), "index": index },
            "region": region
        }}],
        "properties": {
            "severity": f.severity.as_str(),
            "kind": kind(f.kind),
            "term": f.term,
            "clause": f.clause,
            "expected": f.expected,
            "actual": f.actual,
            "citation": f.citation,
            "jurisdiction": f.jurisdiction,
            "provisional": f.provisional,
            "window": { "from": f.from, "to": f.to }
        }
    })
}

/// A rule's metadata: title, default level, jurisdiction, and each version's dates and citation.
fn descriptor(rules: &RuleSet, id: &str) -> Value {
    let Some(rule) = rules.rule(id) else {
        return json!({ "id": id });
    };
    let jurisdiction = rules
        .jurisdiction(rule.jurisdiction)
        .map_or("", |j| j.name.as_str());
    let worst = rule
        .versions
        .iter()
        .map(|v| v.effective_severity())
        .max()
        .unwrap_or(Severity::Notice);
    let versions: Vec<Value> = rule
        .versions
        .iter()
        .map(|v| {
            json!({
                "from": v.from.map(|d| d.to_string()),
                "until": v.until.map(|d| d.to_string()),
                "citation": v.citations(),
                "severity": v.effective_severity().as_str(),
                "provisional": v.provisional
            })
        })
        .collect();
    let mut unique: Vec<String> = rule.versions.iter().map(|v| v.citations()).collect();
    unique.dedup();
    json!({
        "id": rule.id,
        "shortDescription": { "text": rule.title.clone().unwrap_or_else(|| rule.id.clone()) },
        "fullDescription": { "text": format!("{}（依据：{}）", rule.title.as_deref().unwrap_or(&rule.id), unique.join("；")) },
        "defaultConfiguration": { "level": level(worst) },
        "properties": { "jurisdiction": jurisdiction, "file": rule.file, "versions": versions }
    })
}
