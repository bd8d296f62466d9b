//! The statistics as tables with Chinese headers, the one model both the workbook and the web page
//! are drawn from. The figures are those of `--format json` (its shape is built here and read off),
//! so the three never disagree.

use super::rows::{ContractRow, GRAVEST_FIRST};
use dixian_core::render::Lang;
use dixian_core::render::stats::json_shape;
use dixian_core::stats::Stats;
use dixian_core::vocabulary::Period;

pub enum Cell {
    Text(String),
    Count(u64),
    /// A percentage with two decimals (43.52 means 43.52%).
    Percent(f64),
}

pub struct Table {
    /// Short name: the sheet's name in the workbook, the table's heading on the page.
    pub name: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The index of the column with this header.
    pub fn column(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| *h == header)
    }
}

impl Cell {
    /// The cell as the page and a reader show it: counts as digits, percentages with two decimals.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Percent(p) => format!("{p:.2}"),
        }
    }
}

/// Display width in half-width characters: CJK and full-width forms count two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

pub const SUMMARY: &str = "概况";
pub const BY_SEVERITY: &str = "按严重程度";
pub const BY_TERM: &str = "按条目";
pub const BY_PERIOD: &str = "按五期";
pub const BY_REGION: &str = "按地区";
pub const CONTRACTS: &str = "合同";
pub const FINDINGS: &str = "问题";
pub const UNREADABLE: &str = "无法读取";
/// The row of the term table that counts a clause's own unlawful words.
pub const UNLAWFUL_TEXT: &str = "违法条款文字";

/// The summary and the four breakdowns (severity, term, 五期 period, region), then the files that
/// could not be read when there are any. Terms are shown by their labels (流产假（怀孕满4个月）).
pub fn tally_tables(s: &Stats) -> Vec<Table> {
    let j = json_shape(s);
    let summary = Table {
        name: SUMMARY,
        headers: vec!["项目", "数量", "占可读合同（%）"],
        rows: vec![
            vec![text("文件"), Cell::Count(j.files), text("")],
            vec![text("可读合同"), Cell::Count(j.contracts), text("")],
            vec![text("无法读取"), Cell::Count(j.unreadable.count), text("")],
            vec![
                text("有问题的合同"),
                Cell::Count(j.with_findings.count),
                Cell::Percent(j.with_findings.percent),
            ],
            vec![
                text("需整改或转办的合同"),
                Cell::Count(j.needs_action.count),
                Cell::Percent(j.needs_action.percent),
            ],
        ],
    };
    let tally_headers = |first| vec![first, "合同数", "占可读合同（%）", "问题数"];
    let severity = Table {
        name: BY_SEVERITY,
        headers: tally_headers("严重程度"),
        rows: GRAVEST_FIRST
            .iter()
            .zip(&j.by_severity)
            .map(|(sev, r)| {
                vec![
                    text(Lang::Zh.severity(*sev)),
                    Cell::Count(r.contracts),
                    Cell::Percent(r.percent),
                    Cell::Count(r.findings),
                ]
            })
            .collect(),
    };
    let mut term_rows: Vec<Vec<Cell>> = j
        .by_term
        .iter()
        .map(|r| {
            vec![
                text(r.label.unwrap_or(r.key)),
                Cell::Count(r.contracts),
                Cell::Percent(r.percent),
                Cell::Count(r.findings),
            ]
        })
        .collect();
    if j.unlawful_text.contracts > 0 {
        term_rows.push(vec![
            text(UNLAWFUL_TEXT),
            Cell::Count(j.unlawful_text.contracts),
            Cell::Percent(j.unlawful_text.percent),
            Cell::Count(j.unlawful_text.findings),
        ]);
    }
    let term = Table {
        name: BY_TERM,
        headers: tally_headers("条目"),
        rows: term_rows,
    };
    let period = Table {
        name: BY_PERIOD,
        headers: vec![
            "期间",
            "未涉及的合同",
            "未涉及占比（%）",
            "有问题的合同",
            "有问题占比（%）",
            "问题数",
        ],
        rows: Period::ALL
            .iter()
            .zip(&j.by_period)
            .map(|(p, r)| {
                vec![
                    text(Lang::Zh.period(*p)),
                    Cell::Count(r.not_covered),
                    Cell::Percent(r.not_covered_percent),
                    Cell::Count(r.with_findings),
                    Cell::Percent(r.with_findings_percent),
                    Cell::Count(r.findings),
                ]
            })
            .collect(),
    };
    let region = Table {
        name: BY_REGION,
        headers: vec![
            "地区",
            "合同数",
            "占可读合同（%）",
            "需整改或转办",
            "占本地区合同（%）",
        ],
        rows: j
            .by_region
            .iter()
            .map(|r| {
                vec![
                    text(r.region),
                    Cell::Count(r.contracts),
                    Cell::Percent(r.percent),
                    Cell::Count(r.needs_action),
                    Cell::Percent(r.needs_action_percent),
                ]
            })
            .collect(),
    };
    let mut tables = vec![summary, severity, term, period, region];
    if !j.unreadable.files.is_empty() {
        tables.push(Table {
            name: UNREADABLE,
            headers: vec!["文件", "行", "列", "问题", "问题总数"],
            rows: j
                .unreadable
                .files
                .iter()
                .map(|u| {
                    vec![
                        text(u.file),
                        Cell::Count(u.line.into()),
                        Cell::Count(u.column.into()),
                        text(u.message),
                        Cell::Count(u64::try_from(u.problems).unwrap_or(u64::MAX)),
                    ]
                })
                .collect(),
        });
    }
    tables
}

fn severity_word(sev: Option<dixian_core::rules::Severity>) -> Cell {
    Cell::Text(sev.map_or("无问题", |s| Lang::Zh.severity(s)).to_owned())
}

/// One row per contract: its counts by severity and its gravest finding.
pub fn contract_table(contracts: &[ContractRow]) -> Table {
    let mut headers = vec!["文件", "标题", "地区", "期限"];
    headers.extend(GRAVEST_FIRST.iter().map(|s| Lang::Zh.severity(*s)));
    headers.push("最严重");
    Table {
        name: CONTRACTS,
        headers,
        rows: contracts
            .iter()
            .map(|c| {
                let mut row = vec![
                    text(&c.file),
                    text(&c.title),
                    text(&c.region),
                    text(&c.term),
                ];
                row.extend(c.counts.iter().map(|n| Cell::Count(*n)));
                row.push(severity_word(c.worst));
                row
            })
            .collect(),
    }
}

/// One row per finding, with the file it is in.
pub fn finding_table(contracts: &[ContractRow]) -> Table {
    Table {
        name: FINDINGS,
        headers: vec![
            "文件",
            "严重程度",
            "条目",
            "条款",
            "应为",
            "实际",
            "依据",
            "适用期间",
            "说明",
        ],
        rows: contracts
            .iter()
            .flat_map(|c| {
                c.findings.iter().map(|f| {
                    vec![
                        text(&c.file),
                        severity_word(Some(f.severity)),
                        text(&f.term),
                        text(&f.clause),
                        text(&f.expected),
                        text(&f.actual),
                        text(&f.citation),
                        text(&f.window),
                        text(&f.message),
                    ]
                })
            })
            .collect(),
    }
}
