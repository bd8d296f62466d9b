//! Batch statistics as a table for people, as JSON (the shape documented in the README) and as CSV
//! for spreadsheets. Percentages are of readable contracts, two decimals, rounded half up.

use super::lang::Lang;
use crate::rules::Severity;
use crate::stats::{Stats, Tally, basis_points, percent_text};
use crate::vocabulary::Period;
use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;

const SEVERITIES: [Severity; 3] = [Severity::Refer, Severity::Rectify, Severity::Notice];

fn tally_of(s: &Stats, sev: Severity) -> Tally {
    let i = match sev {
        Severity::Notice => 0,
        Severity::Rectify => 1,
        Severity::Refer => 2,
    };
    s.by_severity.get(i).copied().unwrap_or_default()
}

/// Most contracts first, then by name: the order a report upward reads best in.
fn ranked<T: Copy>(
    map: &std::collections::BTreeMap<String, T>,
    key: impl Fn(&T) -> u64,
) -> Vec<(&str, T)> {
    let mut v: Vec<(&str, T)> = map.iter().map(|(k, t)| (k.as_str(), *t)).collect();
    v.sort_by(|a, b| key(&b.1).cmp(&key(&a.1)).then(a.0.cmp(b.0)));
    v
}

fn pct(part: u64, whole: u64) -> f64 {
    // Exact to two decimals: basis points are an integer.
    let bp = basis_points(part, whole);
    (bp as f64) / 100.0
}

/// The JSON shape (`schema_version` 1), documented in the README.
#[derive(Serialize)]
pub struct StatsJson<'a> {
    pub schema_version: u32,
    pub files: u64,
    pub contracts: u64,
    pub unreadable: UnreadableJson<'a>,
    pub with_findings: Share,
    pub needs_action: Share,
    pub by_severity: Vec<Row<'a>>,
    pub by_term: Vec<Row<'a>>,
    pub unlawful_text: Row<'a>,
    pub by_period: Vec<PeriodRow<'a>>,
    pub by_region: Vec<RegionRow<'a>>,
    pub by_rule: Vec<Row<'a>>,
}

#[derive(Serialize)]
pub struct UnreadableJson<'a> {
    pub count: u64,
    pub files: Vec<UnreadableFile<'a>>,
}

#[derive(Serialize)]
pub struct UnreadableFile<'a> {
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    pub message: &'a str,
    /// How many problems the file has (the first is shown).
    pub problems: usize,
}

#[derive(Serialize)]
pub struct Share {
    pub count: u64,
    pub percent: f64,
}

/// Contracts with at least one finding of a kind (a severity, a term, a rule), their share of the
/// readable contracts, and the number of findings.
#[derive(Serialize)]
pub struct Row<'a> {
    pub key: &'a str,
    /// How people read the key, where it differs (a term's display label).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'a str>,
    pub contracts: u64,
    pub percent: f64,
    pub findings: u64,
}

#[derive(Serialize)]
pub struct PeriodRow<'a> {
    pub period: &'a str,
    pub not_covered: u64,
    pub not_covered_percent: f64,
    pub with_findings: u64,
    pub with_findings_percent: f64,
    pub findings: u64,
}

#[derive(Serialize)]
pub struct RegionRow<'a> {
    pub region: &'a str,
    pub contracts: u64,
    pub percent: f64,
    pub needs_action: u64,
    /// Of this region's contracts.
    pub needs_action_percent: f64,
}

pub fn json_shape(s: &Stats) -> StatsJson<'_> {
    let n = s.contracts;
    let row = |key, t: Tally| Row {
        key,
        label: None,
        contracts: t.contracts,
        percent: pct(t.contracts, n),
        findings: t.findings,
    };
    StatsJson {
        schema_version: SCHEMA_VERSION,
        files: s.files,
        contracts: n,
        unreadable: UnreadableJson {
            count: s.unreadable_count(),
            files: s
                .unreadable
                .iter()
                .map(|u| UnreadableFile {
                    file: &u.first.file,
                    line: u.first.line,
                    column: u.first.column,
                    message: &u.first.message,
                    problems: u.problems,
                })
                .collect(),
        },
        with_findings: Share {
            count: s.with_findings,
            percent: pct(s.with_findings, n),
        },
        needs_action: Share {
            count: s.needs_action,
            percent: pct(s.needs_action, n),
        },
        by_severity: SEVERITIES
            .iter()
            .map(|&sev| row(sev.as_str(), tally_of(s, sev)))
            .collect(),
        by_term: ranked(&s.by_term, |t| t.contracts)
            .into_iter()
            .map(|(k, t)| Row {
                label: s.term_labels.get(k).map(String::as_str),
                ..row(k, t)
            })
            .collect(),
        unlawful_text: row("unlawful_text", s.unlawful_text),
        by_period: Period::ALL
            .iter()
            .zip(s.by_period)
            .map(|(p, t)| PeriodRow {
                period: p.name(),
                not_covered: t.not_covered,
                not_covered_percent: pct(t.not_covered, n),
                with_findings: t.with_findings.contracts,
                with_findings_percent: pct(t.with_findings.contracts, n),
                findings: t.with_findings.findings,
            })
            .collect(),
        by_region: ranked(&s.by_region, |r| r.contracts)
            .into_iter()
            .map(|(region, r)| RegionRow {
                region,
                contracts: r.contracts,
                percent: pct(r.contracts, n),
                needs_action: r.needs_action,
                needs_action_percent: pct(r.needs_action, r.contracts),
            })
            .collect(),
        by_rule: ranked(&s.by_rule, |t| t.contracts)
            .into_iter()
            .map(|(k, t)| row(k, t))
            .collect(),
    }
}

/// The statistics as pretty JSON.
pub fn json(s: &Stats) -> String {
    serde_json::to_string_pretty(&json_shape(s)).unwrap_or_default()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// One table: `section,key,contracts,percent,findings,detail`.
pub fn csv(s: &Stats) -> String {
    let n = s.contracts;
    let mut rows: Vec<[String; 6]> = Vec::new();
    let mut row = |section: &str,
                   key: &str,
                   count: u64,
                   of: Option<u64>,
                   findings: Option<u64>,
                   detail: &str| {
        rows.push([
            section.to_owned(),
            key.to_owned(),
            count.to_string(),
            of.map(|w| percent_text(count, w)).unwrap_or_default(),
            findings.map(|f| f.to_string()).unwrap_or_default(),
            detail.to_owned(),
        ]);
    };
    row("total", "files", s.files, None, None, "");
    row("total", "contracts", n, None, None, "");
    row("total", "unreadable", s.unreadable_count(), None, None, "");
    row("total", "with_findings", s.with_findings, Some(n), None, "");
    row("total", "needs_action", s.needs_action, Some(n), None, "");
    for sev in SEVERITIES {
        let t = tally_of(s, sev);
        row(
            "severity",
            sev.as_str(),
            t.contracts,
            Some(n),
            Some(t.findings),
            "",
        );
    }
    for (term, t) in ranked(&s.by_term, |t| t.contracts) {
        row("term", term, t.contracts, Some(n), Some(t.findings), "");
    }
    row(
        "unlawful_text",
        "unlawful_text",
        s.unlawful_text.contracts,
        Some(n),
        Some(s.unlawful_text.findings),
        "",
    );
    for (p, t) in Period::ALL.iter().zip(s.by_period) {
        row(
            "period_not_covered",
            p.name(),
            t.not_covered,
            Some(n),
            None,
            "",
        );
        row(
            "period_findings",
            p.name(),
            t.with_findings.contracts,
            Some(n),
            Some(t.with_findings.findings),
            "",
        );
    }
    for (region, r) in ranked(&s.by_region, |r| r.contracts) {
        row("region", region, r.contracts, Some(n), None, "");
        row(
            "region_needs_action",
            region,
            r.needs_action,
            Some(r.contracts),
            None,
            "",
        );
    }
    for (rule, t) in ranked(&s.by_rule, |t| t.contracts) {
        row("rule", rule, t.contracts, Some(n), Some(t.findings), "");
    }
    for u in &s.unreadable {
        let d = &u.first;
        row(
            "unreadable_file",
            &d.file,
            1,
            None,
            None,
            &format!("{}:{}: {}", d.line, d.column, d.message),
        );
    }
    let mut out = String::from("section,key,contracts,percent,findings,detail\n");
    for r in rows {
        out.push_str(&r.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

struct Words {
    title: &'static str,
    files: &'static str,
    contracts: &'static str,
    unreadable: &'static str,
    with_findings: &'static str,
    needs_action: &'static str,
    severity: &'static str,
    term: &'static str,
    unlawful: &'static str,
    period: &'static str,
    not_covered: &'static str,
    has_findings: &'static str,
    acting: &'static str,
    region: &'static str,
    findings: &'static str,
}

const ZH: Words = Words {
    title: "审查统计",
    files: "文件",
    contracts: "可读合同",
    unreadable: "无法读取",
    with_findings: "有问题的合同",
    needs_action: "需整改或转办的合同",
    severity: "按严重程度（合同数，占比，问题数）",
    term: "按条目",
    unlawful: "违法条款文字",
    period: "按五期（未涉及；有问题）",
    not_covered: "未涉及",
    has_findings: "有问题",
    acting: "需整改或转办",
    region: "按地区（合同数，占比；其中需整改或转办）",
    findings: "项",
};

const EN: Words = Words {
    title: "Review statistics",
    files: "Files",
    contracts: "Readable contracts",
    unreadable: "Unreadable",
    with_findings: "Contracts with findings",
    needs_action: "Contracts needing rectification or referral",
    severity: "By severity (contracts, share, findings)",
    term: "By term",
    unlawful: "unlawful wording",
    period: "By period (not covered; with findings)",
    not_covered: "not covered",
    has_findings: "with findings",
    acting: "needing action",
    region: "By region (contracts, share; needing action)",
    findings: "findings",
};

pub fn human(s: &Stats, lang: Lang) -> String {
    let w = if lang == Lang::Zh { &ZH } else { &EN };
    let n = s.contracts;
    let with_findings = |label: &str, t: Tally| {
        format!(
            "  {label}  {}  {}%  {} {}\n",
            t.contracts,
            percent_text(t.contracts, n),
            t.findings,
            w.findings
        )
    };
    let mut out = format!(
        "{}\n{}  {}\n{}  {}\n{}  {}\n",
        w.title,
        w.files,
        s.files,
        w.contracts,
        n,
        w.unreadable,
        s.unreadable.len()
    );
    for u in &s.unreadable {
        out.push_str(&format!("  {}\n", u.first));
    }
    out.push_str(&format!(
        "{}  {}  {}%\n",
        w.with_findings,
        s.with_findings,
        percent_text(s.with_findings, n)
    ));
    out.push_str(&format!(
        "{}  {}  {}%\n",
        w.needs_action,
        s.needs_action,
        percent_text(s.needs_action, n)
    ));
    out.push_str(&format!("\n{}\n", w.severity));
    for sev in SEVERITIES {
        out.push_str(&with_findings(lang.severity(sev), tally_of(s, sev)));
    }
    out.push_str(&format!("\n{}\n", w.term));
    for (term, t) in ranked(&s.by_term, |t| t.contracts) {
        let label = s.term_labels.get(term).map_or(term, String::as_str);
        out.push_str(&with_findings(label, t));
    }
    if s.unlawful_text.contracts > 0 {
        out.push_str(&with_findings(w.unlawful, s.unlawful_text));
    }
    out.push_str(&format!("\n{}\n", w.period));
    for (p, t) in Period::ALL.iter().zip(s.by_period) {
        out.push_str(&format!(
            "  {}  {} {} {}%；{} {} {}%\n",
            lang.period(*p),
            w.not_covered,
            t.not_covered,
            percent_text(t.not_covered, n),
            w.has_findings,
            t.with_findings.contracts,
            percent_text(t.with_findings.contracts, n)
        ));
    }
    out.push_str(&format!("\n{}\n", w.region));
    for (region, r) in ranked(&s.by_region, |r| r.contracts) {
        out.push_str(&format!(
            "  {region}  {}  {}%；{} {}  {}%\n",
            r.contracts,
            percent_text(r.contracts, n),
            w.acting,
            r.needs_action,
            percent_text(r.needs_action, r.contracts)
        ));
    }
    // By rule is for programs (JSON, CSV): rule ids are not words for the report a person reads.
    if lang == Lang::En {
        out = out.replace('；', "; ");
    }
    out
}
