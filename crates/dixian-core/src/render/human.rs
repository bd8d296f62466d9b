//! Findings as compiler-style diagnostics: the clause's source line with the offending value
//! underlined (annotate-snippets aligns wide CJK characters correctly), then the citation, expected
//! and actual values, and the window in which the finding holds.

use super::lang::Lang;
use super::words;
use crate::contract::Contract;
use crate::report::{Finding, FindingKind, Report};
use crate::rules::Severity;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// The words of the frame, per language.
struct Words {
    untitled: &'static str,
    note: &'static str,
    unlawful: &'static str,
    vague: &'static str,
    basis: &'static str,
    window: &'static str,
    term: &'static str,
    verdict: &'static str,
    periods: &'static str,
    above: &'static str,
    undetermined: &'static str,
}

const ZH: Words = Words {
    untitled: "（无名称）",
    note: "说明",
    unlawful: "违法表述",
    vague: "未写明可核对的标准",
    basis: "依据",
    window: "适用期间",
    term: "条目",
    verdict: "结论",
    periods: "五期覆盖",
    above: "高于标准",
    undetermined: "无法判断",
};

const EN: Words = Words {
    untitled: "(untitled)",
    note: "Note",
    unlawful: "unlawful wording",
    vague: "no checkable standard stated",
    basis: "Basis",
    window: "Applies",
    term: "Term",
    verdict: "Result",
    periods: "Five periods",
    above: "Above the standard",
    undetermined: "Undetermined",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

fn level(s: Severity, lang: Lang) -> Level<'static> {
    let name = Some(lang.severity(s));
    match s {
        Severity::Notice => Level::NOTE.with_name(name),
        Severity::Rectify => Level::WARNING.with_name(name),
        Severity::Refer => Level::ERROR.with_name(name),
    }
}

/// Renders every finding of `report` against the contract's source, then a summary (in Chinese).
pub fn render(report: &Report, contract: &Contract, color: bool) -> String {
    render_in(report, contract, color, Lang::Zh)
}

/// The window of a finding in words: the whole term, or its dates.
pub fn window(f: &Finding, report: &Report, lang: Lang) -> String {
    let whole = f.from == report.contract.term.start && f.to == report.contract.term.end;
    match (lang, whole) {
        (Lang::Zh, true) => format!("整个合同期限（{} 至 {}）", f.from, f.to),
        (Lang::Zh, false) => format!("{} 至 {}", f.from, f.to),
        (Lang::En, true) => format!("the whole term ({} to {})", f.from, f.to),
        (Lang::En, false) => format!("{} to {}", f.from, f.to),
    }
}

/// Renders every finding of `report` against the contract's source, then a summary, in `lang`.
pub fn render_in(report: &Report, contract: &Contract, color: bool, lang: Lang) -> String {
    let w = words(lang);
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Unicode);
    let mut out = String::new();
    let title = report.contract.title.as_deref().unwrap_or(w.untitled);
    let c = &report.contract;
    out.push_str(&match lang {
        Lang::Zh => format!(
            "{}：{title}（{}，{} 至 {}）\n适用：{}\n\n",
            c.file,
            c.region,
            c.term.start,
            c.term.end,
            words::applied(&c.authorities)
        ),
        Lang::En => format!(
            "{}: {title} ({}, {} to {})\nRules applied: {}\n\n",
            c.file,
            c.region,
            c.term.start,
            c.term.end,
            english_authorities(&c.authorities)
        ),
    });
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    for note in &report.notes {
        out.push_str(&format!("{}{colon}{note}\n\n", w.note));
    }
    for f in &report.findings {
        // The rule id is for programs (JSON, SARIF, `dixian explain`), not for the person reading.
        let title = level(f.severity, lang).primary_title(lang.message(f));
        let first: Group<'_> = if let Some((s, e)) = f.bytes {
            let label = match (f.kind, lang) {
                (FindingKind::UnlawfulText, _) => w.unlawful.to_owned(),
                (FindingKind::Vague, _) => w.vague.to_owned(),
                (_, Lang::Zh) => format!(
                    "应为{}，实为{}",
                    words::expected(&f.expected),
                    words::actual(&f.actual)
                ),
                (_, Lang::En) => format!("expected {}, found {}", f.expected, f.actual),
            };
            // Only the lines the finding is on: rendering the whole source for each of thousands of
            // findings would be quadratic in the contract's length.
            let (lines, span) = excerpt(&contract.source, s, e);
            let line = f.line.map_or(1, |l| usize::try_from(l).unwrap_or(1));
            let snippet = Snippet::source(lines).line_start(line);
            match clipped(lines, span.clone()) {
                None => title.element(
                    snippet
                        .path(report.contract.file.as_str())
                        .annotation(AnnotationKind::Primary.span(span).label(label)),
                ),
                // A line too long to show whole: its words around the finding, the place said apart.
                Some((words, span)) => title
                    .element(
                        Origin::path(report.contract.file.as_str())
                            .line(line)
                            .char_column(f.column.map_or(1, |c| usize::try_from(c).unwrap_or(1))),
                    )
                    .element(
                        Snippet::source(words)
                            .line_start(line)
                            .annotation(AnnotationKind::Primary.span(span).label(label)),
                    ),
            }
        } else {
            let text = match lang {
                Lang::Zh => format!("{}：{}", report.contract.file, words::unplaced(f)),
                Lang::En if f.kind == FindingKind::Missing => format!(
                    "{}: no clause on it; expected {}",
                    report.contract.file,
                    words::expected(&f.expected)
                ),
                Lang::En => format!(
                    "{}: expected {}, found {}",
                    report.contract.file,
                    words::expected(&f.expected),
                    words::actual(&f.actual)
                ),
            };
            title.element(Level::NOTE.no_name().message(text))
        };
        let mut notes = format!(
            "{}{colon}{}\n{}{colon}{}",
            w.basis,
            f.citation,
            w.window,
            window(f, report, lang)
        );
        if let Some(term) = f.term_label.as_ref().or(f.term.as_ref()) {
            notes.push_str(&format!("\n{}{colon}{term}", w.term));
        }
        push_suggestion(&mut notes, f, lang);
        let group = [
            first,
            Group::with_title(Level::NOTE.no_name().secondary_title(notes)),
        ];
        out.push_str(&renderer.render(&group));
        out.push_str("\n\n");
    }
    out.push_str(&summary(report, lang));
    out
}

/// The 修改建议 line under a finding.
fn push_suggestion(notes: &mut String, f: &Finding, lang: Lang) {
    if let Some(s) = &f.suggestion {
        notes.push('\n');
        notes.push_str(&crate::suggest::wording(s, lang));
    }
}

fn summary(report: &Report, lang: Lang) -> String {
    let w = words(lang);
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    let sep = if lang == Lang::Zh { "，" } else { ", " };
    let count = |s| report.findings.iter().filter(|f| f.severity == s).count();
    let counts: Vec<String> = [Severity::Refer, Severity::Rectify, Severity::Notice]
        .iter()
        .map(|&s| format!("{} {}", lang.severity(s), count(s)))
        .collect();
    let mut s = format!("{}{colon}{}", w.verdict, counts.join(sep));
    let periods: Vec<String> = crate::vocabulary::Period::ALL
        .iter()
        .zip(report.coverage.0)
        .map(|(p, c)| format!("{}{}", lang.period(*p), if c { "✓" } else { "✗" }))
        .collect();
    s.push_str(&format!("\n{}{colon}{}", w.periods, periods.join(" ")));
    if !report.above_floor.is_empty() {
        let items: Vec<String> = report
            .above_floor
            .iter()
            .map(|a| match lang {
                Lang::Zh => format!(
                    "{} {}（标准 {}，{}）",
                    a.term_label, a.actual, a.floor, a.clause
                ),
                Lang::En => format!(
                    "{} {} (standard {}, {})",
                    a.term_label, a.actual, a.floor, a.clause
                ),
            })
            .collect();
        let join = if lang == Lang::Zh { "；" } else { "; " };
        s.push_str(&format!("\n{}{colon}{}", w.above, items.join(join)));
    }
    for u in &report.undetermined {
        let (open, close) = if lang == Lang::Zh {
            ("（", "）")
        } else {
            (" (", ")")
        };
        s.push_str(&format!(
            "\n{}{colon}{}{open}{}{close}",
            w.undetermined, u.title, u.reason
        ));
    }
    s.push('\n');
    s
}

/// The authorities in English: 国家 is the national level; a region keeps its Chinese name.
fn english_authorities(authorities: &[String]) -> String {
    authorities
        .iter()
        .map(|a| {
            if a == "国家" {
                "national"
            } else {
                a.as_str()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lines longer than this (bytes) are shown only around the finding's words: annotate-snippets
/// measures the whole line for each finding, and a contract written on one line of 650 KB took 99 s
/// to show. A real contract's longest line (a contract on one line) is a few kilobytes.
const LONG_LINE: usize = 16 * 1024;
/// Characters shown on each side of the finding's words in a line longer than [`LONG_LINE`].
const AROUND: usize = 60;

/// For a line longer than [`LONG_LINE`]: its words around `span` (at most [`AROUND`] characters
/// on each side, and the underlined words at most [`LONG_LINE`] bytes) between ellipses, and where
/// `span` is in them.
fn clipped(line: &str, span: std::ops::Range<usize>) -> Option<(String, std::ops::Range<usize>)> {
    if line.len() <= LONG_LINE {
        return None;
    }
    let before = line.get(..span.start)?;
    let from = before
        .char_indices()
        .rev()
        .nth(AROUND - 1)
        .map_or(0, |(i, _)| i);
    let mut end = span.end.min(span.start + LONG_LINE);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let after = line.get(end..)?;
    let to = end
        + after
            .char_indices()
            .nth(AROUND)
            .map_or(after.len(), |(i, _)| i);
    let lead = if from > 0 { "…" } else { "" };
    let words = format!(
        "{lead}{}{}",
        line.get(from..to)?,
        if to < line.len() { "…" } else { "" }
    );
    let start = lead.len() + span.start - from;
    Some((words, start..start + (end - span.start)))
}

/// The whole lines of `source` that bytes `start..end` fall on, and that range within them.
fn excerpt(source: &str, start: usize, end: usize) -> (&str, std::ops::Range<usize>) {
    let start = start.min(source.len());
    let end = end.clamp(start, source.len());
    let (from, to) = crate::source::lines_around(source, start, end);
    (source.get(from..to).unwrap_or(""), start - from..end - from)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// A finding on a line of 200 KB (a contract written on one line: here its clauses as one flow
    /// list) shows the words around it, underlined, and says its place in the whole line.
    #[test]
    fn a_finding_on_a_very_long_line_shows_the_words_around_it() {
        let clause = |n: usize, text: &str| format!("{{id: 第{n}条, text: {text}}}");
        let mut clauses: Vec<String> = (1..3000)
            .map(|n| clause(n, "女职工依法享有劳动保护。"))
            .collect();
        clauses.insert(
            1500,
            clause(9999, "女职工在合同期内不得生育，怀孕的视为自动离职。"),
        );
        let yaml = format!(
            "region: 湖北省武汉市\nterm: {{start: 2021-05-01, end: 2024-04-30}}\nclauses: [{}]\n",
            clauses.join(", ")
        );
        let rules = crate::rules::builtin().unwrap();
        let contract = crate::contract::load_yaml("long.yaml", &yaml, &rules.vocabulary).unwrap();
        let report = crate::eval::check(&rules, &contract).unwrap();
        let f = report
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::UnlawfulText)
            .unwrap();
        let out = render_in(&report, &contract, false, Lang::Zh);
        assert!(out.len() < 50_000, "{}", out.len());
        let (line, column) = (f.line.unwrap(), f.column.unwrap());
        assert!(column > 1000, "{column}");
        assert!(out.contains(&format!("long.yaml:{line}:{column}")), "{out}");
        assert!(out.contains("text: 女职工在合同期内不得生育"), "{out}");
        assert!(out.contains('…'), "{out}");
    }

    #[test]
    fn short_lines_are_shown_whole() {
        assert_eq!(clipped("产假128天", 6..9), None);
        let line = format!("{}产假128天{}", "甲".repeat(9000), "乙".repeat(9000));
        let at = line.find("128").unwrap();
        let (words, span) = clipped(&line, at..at + 3).unwrap();
        assert_eq!(&words[span], "128");
        assert_eq!(words.chars().count(), 1 + 60 + 3 + 60 + 1);
    }
}
