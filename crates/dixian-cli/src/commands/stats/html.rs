//! The statistics as one HTML page a federation can mail, open offline and print: a chart per
//! breakdown (inline SVG) with its table below, drawn from the same tables as the workbook. Nothing is
//! loaded from elsewhere — no script, no font file, no link — and a print stylesheet lays it out on A4.

use super::chart::{self, Bar, Chart, Part, Series, Value};
use super::rows::GRAVEST_FIRST;
use super::tables::{self, Cell, Table};
use dixian_core::render::{Lang, words};
use std::fmt::Write;

const STYLE: &str = include_str!("report.css");
const TITLE: &str = "女职工权益保护专项集体合同审查统计报告";
const OF_READABLE: &str = "占可读合同（%）";
/// Columns whose text reads badly when broken (a date range): kept on one line.
const KEEP_WHOLE: [&str; 1] = ["期限"];

/// Text as HTML: the five characters that could open markup or end an attribute, escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn count(row: &[Cell], col: Option<usize>) -> u64 {
    match col.and_then(|i| row.get(i)) {
        Some(Cell::Count(n)) => *n,
        _ => 0,
    }
}

fn percent(row: &[Cell], col: Option<usize>) -> f64 {
    match col.and_then(|i| row.get(i)) {
        Some(Cell::Percent(p)) => *p,
        _ => 0.0,
    }
}

fn label(row: &[Cell]) -> String {
    row.first().map(Cell::text).unwrap_or_default()
}

/// 20.00%（8份）
fn share_text(p: f64, n: u64) -> String {
    format!("{p:.2}%（{n}份）")
}

/// One bar per row, its share and count read from the named columns.
fn share_bars(t: &Table, percent_header: &str, count_header: &str) -> Vec<Bar> {
    let (p, n) = (t.column(percent_header), t.column(count_header));
    t.rows
        .iter()
        .map(|r| Bar {
            label: label(r),
            values: vec![Value {
                percent: percent(r, p),
                text: share_text(percent(r, p), count(r, n)),
            }],
            class: None,
        })
        .collect()
}

const SHARE: Series = Series {
    name: "有问题",
    class: "share",
};

fn severity_figures(t: &Table) -> String {
    let mut bars = share_bars(t, OF_READABLE, "合同数");
    for (bar, sev) in bars.iter_mut().zip(GRAVEST_FIRST) {
        bar.class = Some(sev.as_str());
    }
    let findings = t.column("问题数");
    let parts: Vec<Part> = t
        .rows
        .iter()
        .zip(GRAVEST_FIRST)
        .map(|(r, sev)| Part {
            name: label(r),
            count: count(r, findings),
            class: sev.as_str(),
        })
        .collect();
    let mut out = figure(&Chart {
        id: "chart-severity".into(),
        title: "存在各级问题的合同占可读合同的比例".into(),
        series: vec![SHARE],
        bars,
    });
    if parts.iter().any(|p| p.count > 0) {
        let title = "问题的构成（按项数）";
        let _ = write!(
            out,
            "<figure><figcaption>{title}</figcaption>{}</figure>",
            chart::stacked("chart-severity-findings", title, "项", &parts)
        );
    }
    out
}

fn term_figure(t: &Table) -> String {
    figure(&Chart {
        id: "chart-term".into(),
        title: "各条目存在问题的合同占可读合同的比例".into(),
        series: vec![SHARE],
        bars: share_bars(t, OF_READABLE, "合同数"),
    })
}

fn period_figure(t: &Table) -> String {
    let columns = [
        (t.column("有问题占比（%）"), t.column("有问题的合同")),
        (t.column("未涉及占比（%）"), t.column("未涉及的合同")),
    ];
    let bars = t
        .rows
        .iter()
        .map(|r| Bar {
            label: label(r),
            values: columns
                .iter()
                .map(|(p, n)| Value {
                    percent: percent(r, *p),
                    text: share_text(percent(r, *p), count(r, *n)),
                })
                .collect(),
            class: None,
        })
        .collect();
    figure(&Chart {
        id: "chart-period".into(),
        title: "“五期”各期存在问题、未涉及的合同占可读合同的比例".into(),
        series: vec![
            SHARE,
            Series {
                name: "未涉及",
                class: "uncovered",
            },
        ],
        bars,
    })
}

fn region_figure(t: &Table) -> String {
    let (p, acting, all) = (
        t.column("占本地区合同（%）"),
        t.column("需整改或转办"),
        t.column("合同数"),
    );
    let bars = t
        .rows
        .iter()
        .map(|r| Bar {
            label: label(r),
            values: vec![Value {
                percent: percent(r, p),
                text: format!(
                    "{:.2}%（{}份中{}份）",
                    percent(r, p),
                    count(r, all),
                    count(r, acting)
                ),
            }],
            class: None,
        })
        .collect();
    figure(&Chart {
        id: "chart-region".into(),
        title: "各地区需整改或转办的合同占本地区合同的比例".into(),
        series: vec![Series {
            name: "需整改或转办",
            class: "share",
        }],
        bars,
    })
}

/// The chart in a figure with its caption; nothing when it would draw no bar at all.
fn figure(chart: &Chart) -> String {
    let drawn = chart
        .bars
        .iter()
        .flat_map(|b| &b.values)
        .any(|v| v.percent > 0.0);
    if !drawn {
        return String::new();
    }
    format!(
        "<figure><figcaption>{}</figcaption>{}</figure>",
        escape(&chart.title),
        chart::svg(chart)
    )
}

/// The table with a caption, column headers and the first cell of each row as row header. Numbers
/// are right-aligned and carry their value in `data-value`.
fn table(t: &Table, caption: &str) -> String {
    let mut out = format!(
        r#"<table data-table="{}"><caption>{}</caption><thead><tr>"#,
        escape(t.name),
        escape(caption)
    );
    for h in &t.headers {
        let _ = write!(out, r#"<th scope="col">{}</th>"#, escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    let whole: Vec<bool> = t.headers.iter().map(|h| KEEP_WHOLE.contains(h)).collect();
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let text = escape(&c.text());
            match c {
                Cell::Text(_) if whole.get(i) == Some(&true) => {
                    let _ = write!(out, r#"<td class="whole">{text}</td>"#);
                }
                Cell::Text(_) if i == 0 => {
                    let _ = write!(out, r#"<th scope="row">{text}</th>"#);
                }
                Cell::Text(_) => {
                    let _ = write!(out, "<td>{text}</td>");
                }
                _ => {
                    let _ = write!(out, r#"<td class="num" data-value="{text}">{text}</td>"#);
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    if t.rows.is_empty() {
        out.push_str(r#"<p class="none">无。</p>"#);
    }
    out
}

/// 本次共审查文件…份… from the summary table.
fn lead(summary: &Table) -> String {
    let (n, p) = (Some(1), Some(2));
    let row = |name: &str| {
        summary
            .rows
            .iter()
            .find(|r| label(r) == name)
            .map_or(&[][..], Vec::as_slice)
    };
    format!(
        "本次共审查文件{}份，其中可读合同{}份，无法读取{}份。可读合同中，存在问题的{}份，占{:.2}%；需整改或转办的{}份，占{:.2}%。",
        count(row("文件"), n),
        count(row("可读合同"), n),
        count(row("无法读取"), n),
        count(row("有问题的合同"), n),
        percent(row("有问题的合同"), p),
        count(row("需整改或转办的合同"), n),
        percent(row("需整改或转办的合同"), p),
    )
}

fn notes() -> String {
    let [refer, rectify, notice] = GRAVEST_FIRST.map(|s| Lang::Zh.severity(s));
    format!(
        "<h2>说明</h2><ol class=\"notes\">\
<li>除另有说明外，占比均以可读合同为分母，保留两位小数；“占本地区合同”一栏以该地区的可读合同为分母。</li>\
<li>一份合同可能同时存在多项、多级问题，各行合同数之和可能大于合计。</li>\
<li>{notice}：建议完善的事项，或合同未写明、标准暂定的条目；{rectify}：低于法律、法规规定的标准，或缺少法定内容；{refer}：条款文字本身违反法律规定，建议转有关部门处理。</li>\
<li>“五期”中的“未涉及”，指合同的条款和约定均未涉及该期。</li>\
<li>无法读取的文件不计入占比，其原因列于附表。</li></ol>"
    )
}

/// The whole page, dated `on`. `all` are the tables of [`tables::tally_tables`] followed by the
/// contract table.
pub fn page(all: &[Table], on: chrono::NaiveDate) -> String {
    let find = |name: &str| all.iter().find(|t| t.name == name);
    let mut body = format!(
        r#"<header><h1>{TITLE}</h1><p class="dated">统计日期：{}</p></header>"#,
        words::date(on)
    );
    type Figures = fn(&Table) -> String;
    let sections: [(&str, &str, &str, Option<Figures>); 5] = [
        (tables::SUMMARY, "一、审查概况", "表1　审查概况", None),
        (
            tables::BY_SEVERITY,
            "二、问题的严重程度",
            "表2　按严重程度统计",
            Some(severity_figures),
        ),
        (
            tables::BY_TERM,
            "三、各条目存在的问题",
            "表3　按条目统计",
            Some(term_figure),
        ),
        (
            tables::BY_PERIOD,
            "四、“五期”保护存在的问题",
            "表4　按“五期”统计",
            Some(period_figure),
        ),
        (
            tables::BY_REGION,
            "五、各地区需整改或转办的情况",
            "表5　按地区统计",
            Some(region_figure),
        ),
    ];
    for (name, heading, caption, figures) in sections {
        let Some(t) = find(name) else { continue };
        let _ = write!(body, "<section><h2>{heading}</h2>");
        if name == tables::SUMMARY {
            let _ = write!(body, r#"<p class="lead">{}</p>"#, escape(&lead(t)));
        }
        if let Some(draw) = figures {
            body.push_str(&draw(t));
        }
        body.push_str(&table(t, caption));
        body.push_str("</section>");
    }
    body.push_str(&notes());
    let appendices = [
        (tables::CONTRACTS, "附表一　合同一览"),
        (tables::UNREADABLE, "附表二　无法读取的文件"),
    ];
    for (name, caption) in appendices {
        if let Some(t) = find(name) {
            let _ = write!(
                body,
                r#"<section class="appendix">{}</section>"#,
                table(t, caption)
            );
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{TITLE}</title><style>{STYLE}</style></head><body>{body}</body></html>\n"
    )
}
