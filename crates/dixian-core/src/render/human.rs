//! Findings as compiler-style diagnostics: the clause's source line with the offending value
//! underlined (annotate-snippets aligns wide CJK characters correctly), then the citation, expected
//! and actual values, and the window in which the finding holds.

use crate::contract::Contract;
use crate::report::{FindingKind, Report};
use crate::rules::Severity;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Notice => Level::NOTE.with_name(Some("提示")),
        Severity::Rectify => Level::WARNING.with_name(Some("整改")),
        Severity::Refer => Level::ERROR.with_name(Some("转办")),
    }
}

/// Renders every finding of `report` against the contract's source, then a summary.
pub fn render(report: &Report, contract: &Contract, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Unicode);
    let mut out = String::new();
    let title = report.contract.title.as_deref().unwrap_or("（无名称）");
    out.push_str(&format!(
        "{}：{}（{}，{} 至 {}）\n适用规则：{}\n\n",
        report.contract.file,
        title,
        report.contract.region,
        report.contract.term.start,
        report.contract.term.end,
        report.contract.jurisdictions.join(" → ")
    ));
    for note in &report.notes {
        out.push_str(&format!("说明：{note}\n\n"));
    }
    for f in &report.findings {
        let window = if f.from == report.contract.term.start && f.to == report.contract.term.end {
            format!("整个合同期限（{} 至 {}）", f.from, f.to)
        } else {
            format!("{} 至 {}", f.from, f.to)
        };
        let title = level(f.severity)
            .primary_title(f.message.clone())
            .id(f.rule.clone());
        let first: Group<'_> = if let Some((s, e)) = f.bytes {
            let label = match f.kind {
                FindingKind::UnlawfulText => "违法表述".to_owned(),
                FindingKind::Vague => "未写明可核对的标准".to_owned(),
                _ => format!("应为 {}，实为 {}", f.expected, f.actual),
            };
            title.element(
                Snippet::source(contract.source.as_str())
                    .line_start(1)
                    .path(report.contract.file.as_str())
                    .annotation(AnnotationKind::Primary.span(s..e).label(label)),
            )
        } else {
            title.element(Level::NOTE.no_name().message(format!(
                "{}：应为 {}，合同{}",
                report.contract.file, f.expected, f.actual
            )))
        };
        let mut notes = format!("依据：{}\n适用期间：{window}", f.citation);
        if let Some(term) = &f.term {
            notes.push_str(&format!("\n条目：{term}"));
        }
        let group = [
            first,
            Group::with_title(Level::NOTE.no_name().secondary_title(notes)),
        ];
        out.push_str(&renderer.render(&group));
        out.push_str("\n\n");
    }
    out.push_str(&summary(report));
    out
}

fn summary(report: &Report) -> String {
    let count = |s| report.findings.iter().filter(|f| f.severity == s).count();
    let mut s = format!(
        "结论：转办 {}，整改 {}，提示 {}",
        count(Severity::Refer),
        count(Severity::Rectify),
        count(Severity::Notice)
    );
    let periods: Vec<String> = crate::vocabulary::Period::ALL
        .iter()
        .zip(report.coverage.0)
        .map(|(p, c)| format!("{}{}", p.name(), if c { "✓" } else { "✗" }))
        .collect();
    s.push_str(&format!("\n五期覆盖：{}", periods.join(" ")));
    if !report.above_floor.is_empty() {
        let items: Vec<String> = report
            .above_floor
            .iter()
            .map(|a| format!("{} {}（标准 {}，{}）", a.term, a.actual, a.floor, a.clause))
            .collect();
        s.push_str(&format!("\n高于标准：{}", items.join("；")));
    }
    for u in &report.undetermined {
        s.push_str(&format!("\n无法判断：{}：{}", u.rule, u.reason));
    }
    s.push('\n');
    s
}
