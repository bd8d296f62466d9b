//! Rules for people: the table of rules in force (`dixian rules`) and one rule in full with all its
//! dated versions, its source text and its citations (`dixian explain`).

use super::lang::Lang;
use crate::catalog::{CatalogRow, cell};
use crate::rules::{Rule, RuleSet};
use chrono::NaiveDate;

fn dates(since: Option<NaiveDate>, until: Option<NaiveDate>, lang: Lang) -> String {
    match (since, until, lang) {
        (Some(f), Some(u), Lang::Zh) => format!("{f} 至 {u}"),
        (Some(f), None, Lang::Zh) => format!("{f} 起"),
        (None, Some(u), Lang::Zh) => format!("至 {u}"),
        (None, None, Lang::Zh) => "不限".to_owned(),
        (Some(f), Some(u), Lang::En) => format!("{f} to {u}"),
        (Some(f), None, Lang::En) => format!("from {f}"),
        (None, Some(u), Lang::En) => format!("until {u}"),
        (None, None, Lang::En) => "always".to_owned(),
    }
}

/// The rules in force, grouped by jurisdiction, one line each.
pub fn human(rows: &[CatalogRow], lang: Lang) -> String {
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for r in rows {
        if current != Some(r.jurisdiction.as_str()) {
            if current.is_some() {
                out.push('\n');
            }
            out.push_str(&format!("{}\n", r.jurisdiction));
            current = Some(r.jurisdiction.as_str());
        }
        out.push_str(&format!(
            "  {}  {}  [{}]  {}  {}",
            r.rule,
            r.term_and_requirement(),
            lang.severity(r.severity),
            dates(r.since, r.until, lang),
            r.citation
        ));
        if let Some(p) = &r.provisional {
            out.push_str(&if lang == Lang::Zh {
                format!("  （暂定：{p}）")
            } else {
                format!("  (provisional: {p})")
            });
        }
        if !r.conditions.is_empty() {
            let when = r.conditions.join("，");
            out.push_str(&if lang == Lang::Zh {
                format!("  （条件：{when}）")
            } else {
                format!("  (when: {when})")
            });
        }
        out.push('\n');
    }
    if rows.is_empty() {
        out.push_str(if lang == Lang::Zh {
            "（没有在该日期有效的规则）\n"
        } else {
            "(no rule in force on that date)\n"
        });
    }
    out
}

/// The rules in force as a Markdown table.
pub fn markdown(rows: &[CatalogRow], lang: Lang) -> String {
    let header = match lang {
        Lang::Zh => {
            "| 规则 | 地区 | 条目 | 要求 | 等级 | 起 | 止 | 依据 | 暂定 |\n|---|---|---|---|---|---|---|---|---|\n"
        }
        Lang::En => {
            "| Rule | Jurisdiction | Term | Requirement | Severity | Since | Until | Citation | Provisional |\n|---|---|---|---|---|---|---|---|---|\n"
        }
    };
    let mut out = header.to_owned();
    for r in rows {
        let cells = [
            r.rule.clone(),
            r.jurisdiction.clone(),
            r.term.clone().unwrap_or_default(),
            r.requirement.clone(),
            lang.severity(r.severity).to_owned(),
            r.since.map(|d| d.to_string()).unwrap_or_default(),
            r.until.map(|d| d.to_string()).unwrap_or_default(),
            r.citation.clone(),
            r.provisional.clone().unwrap_or_default(),
        ];
        out.push_str(&format!(
            "| {} |\n",
            cells
                .iter()
                .map(|c| cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    out
}

/// One rule in full: every dated version with its requirement, severity and citation, then the
/// rule's source text as written in its file.
pub fn explain(set: &RuleSet, rule: &Rule, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let colon = if zh { "：" } else { ": " };
    let jurisdiction = set
        .jurisdiction(rule.jurisdiction)
        .map_or("", |j| j.name.as_str());
    let mut out = rule.id.clone();
    if let Some(t) = &rule.title {
        out.push_str(&format!(" — {t}"));
    }
    out.push('\n');
    let (j, f) = if zh {
        ("地区", "文件")
    } else {
        ("Jurisdiction", "File")
    };
    out.push_str(&format!(
        "{j}{colon}{jurisdiction}\n{f}{colon}{}:{}:{}\n",
        rule.file, rule.span.line, rule.span.column
    ));
    for (i, v) in rule.versions.iter().enumerate() {
        let row = CatalogRow::new(set, rule, v);
        let label = if zh {
            format!("\n版本 {}", i + 1)
        } else {
            format!("\nVersion {}", i + 1)
        };
        out.push_str(&format!(
            "{label}{colon}{}\n",
            dates(row.since, row.until, lang)
        ));
        let mut field = |zh_name: &str, en_name: &str, value: &str| {
            out.push_str(&format!(
                "  {}{colon}{value}\n",
                if zh { zh_name } else { en_name }
            ));
        };
        field("要求", "Requires", &row.term_and_requirement());
        field("等级", "Severity", lang.severity(row.severity));
        field("依据", "Citation", &row.citation);
        if !row.conditions.is_empty() {
            field("条件", "When", &row.conditions.join("，"));
        }
        if let Some(s) = &v.statute {
            field("条文", "Statute", &format!("“{s}”"));
        }
        if let Some(p) = &row.provisional {
            field("暂定", "Provisional", p);
        }
        if let Some(n) = &v.note {
            field("说明", "Note", n);
        }
        if let Some(m) = &v.message {
            field("提示语", "Message", m);
        }
    }
    out.push_str(if zh {
        "\n源文本：\n"
    } else {
        "\nSource:\n"
    });
    out.push_str(rule.source.trim_end());
    out.push('\n');
    out
}
