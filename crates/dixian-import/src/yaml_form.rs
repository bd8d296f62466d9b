//! The YAML form of an imported contract, for a person to review: every clause with its text and the
//! terms read from it, each with a comment quoting the words it was read from and their line. Loading
//! it back with `dixian_core::contract::load_yaml` gives the same facts (and so the same findings).
//! This only writes YAML (every string double-quoted); reading YAML stays in dixian-core.

use crate::Imported;
use dixian_core::vocabulary::Vocabulary;
use dixian_core::yaml::quote;
use std::fmt::Write;

/// Text fit for a one-line comment.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Writes the YAML form of `imported`.
pub fn to_yaml(imported: &Imported, vocab: &Vocabulary) -> String {
    let c = &imported.contract;
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# dixian import：由 {} 生成（{}）。",
        comment(&c.file),
        imported.encoding
    );
    y.push_str("# 请对照原文核对每条“约定”：改正数值、删去读错的条目、补上漏掉的条目，然后运行 dixian check 本文件。\n");
    y.push_str(
        "# 条目名称与单位见 rules/vocabulary.dixian；注释中的“原文”是读出该值的文字及其行号。\n",
    );
    for n in imported.notes.iter().filter(|n| n.clause.is_empty()) {
        let _ = writeln!(y, "# 请核对：{}", comment(&n.message));
    }
    if let Some(t) = &c.title {
        let _ = writeln!(y, "名称: {}", quote(t));
    }
    let region_line = if c.region_span.end > c.region_span.start {
        format!("  # 原文第{}行", c.region_span.line)
    } else {
        "  # 由 --region 指定".to_owned()
    };
    let _ = writeln!(y, "地区: {}{region_line}", quote(&c.region));
    if let Some(s) = c.signed {
        let _ = writeln!(y, "签订日期: {}", quote(&s.to_string()));
    }
    let _ = writeln!(
        y,
        "期限: {{起: {}, 止: {}}}",
        quote(&c.term.start.to_string()),
        quote(&c.term.end.to_string())
    );
    if let Some(n) = c.workforce.total {
        let _ = writeln!(y, "职工人数: {n}");
    }
    if let Some(n) = c.workforce.women {
        let _ = writeln!(y, "女职工人数: {n}");
    }
    if c.clauses.is_empty() {
        y.push_str("条款: []\n");
        return y;
    }
    y.push_str("条款:\n");
    for clause in &c.clauses {
        let _ = writeln!(
            y,
            "  - 编号: {}  # 原文第{}行",
            quote(&clause.id),
            clause.text_span.line
        );
        if let Some(t) = &clause.topic {
            let _ = writeln!(y, "    主题: {}", quote(t));
        }
        let _ = writeln!(y, "    内容: {}", quote(&clause.text));
        for v in imported.vague.iter().filter(|v| v.clause == clause.id) {
            let _ = writeln!(
                y,
                "    # 提示：本条提到{}，但只写了“{}”（第{}行），没有可核对的约定",
                comment(&v.topic),
                comment(&v.words),
                v.span.line
            );
        }
        for v in imported.exclusions.iter().filter(|v| v.clause == clause.id) {
            let _ = writeln!(
                y,
                "    # 提示：本条把部分女职工排除在保护之外（“{}”，第{}行）",
                comment(&v.words),
                v.span.line
            );
        }
        for n in imported.notes.iter().filter(|n| n.clause == clause.id) {
            let _ = writeln!(y, "    # 请核对：{}", comment(&n.message));
        }
        if clause.terms.is_empty() {
            continue;
        }
        y.push_str("    约定:\n");
        for t in &clause.terms {
            let value = t.value.written(vocab);
            // A term the reviewer added has no words in the document.
            let source = if t.written.is_empty() {
                "审核时补充".to_owned()
            } else {
                format!("原文第{}行：“{}”", t.span.line, comment(&t.written))
            };
            let _ = writeln!(
                y,
                "      {}: {}  # {source}",
                vocab.term_name(t.term),
                quote(&value)
            );
        }
    }
    y
}
