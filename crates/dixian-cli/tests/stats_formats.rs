//! The workbook (`--format xlsx`) and the page (`--format html`) carry exactly the figures of
//! `--format json`: each sheet or table is read back from the file and compared, cell by cell, with the
//! JSON of the same inputs; the page's charts draw the same shares, and the page refers to nothing
//! outside itself.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use assert_cmd::Command;
use dixian_core::rules::Severity;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("dixian")
        .unwrap()
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn json_of(paths: &[&str]) -> Value {
    let mut args = vec!["stats", "--quiet", "--format", "json"];
    args.extend(paths);
    serde_json::from_slice(&run(&args)).unwrap()
}

/// A cell as text: a number as written in the XML, a shared string resolved.
type Sheet = Vec<Vec<String>>;

fn between<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    s.split(open)
        .skip(1)
        .filter_map(|part| part.split_once(close).map(|(inside, _)| inside))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text inside `<t>` or `<t xml:space="preserve">`.
fn t_text(si: &str) -> String {
    let after = si.split_once("<t").map_or("", |(_, a)| a);
    let body = after.split_once('>').map_or("", |(_, b)| b);
    unescape(body.split_once("</t>").map_or("", |(t, _)| t))
}

fn column_index(cell_ref: &str) -> usize {
    cell_ref
        .chars()
        .take_while(char::is_ascii_uppercase)
        .fold(0, |n, c| n * 26 + (c as usize - 'A' as usize + 1))
        - 1
}

fn read_workbook(path: &Path) -> BTreeMap<String, Sheet> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = part("xl/workbook.xml");
    let shared: Vec<String> = between(&part("xl/sharedStrings.xml"), "<si>", "</si>")
        .into_iter()
        .map(t_text)
        .collect();
    let mut sheets = BTreeMap::new();
    for (i, tag) in between(&workbook, "<sheet ", "/>").into_iter().enumerate() {
        let name = unescape(between(tag, "name=\"", "\"")[0]);
        let xml = part(&format!("xl/worksheets/sheet{}.xml", i + 1));
        assert!(
            xml.contains("state=\"frozen\""),
            "{name}: header not frozen"
        );
        assert!(xml.contains("<autoFilter"), "{name}: no autofilter");
        let rows = between(&xml, "<row ", "</row>")
            .into_iter()
            .map(|row| {
                let mut cells = Vec::new();
                for c in between(row, "<c ", "</c>") {
                    let col = column_index(between(c, "r=\"", "\"")[0]);
                    let v = unescape(between(c, "<v>", "</v>")[0]);
                    let text = if c.contains("t=\"s\"") {
                        shared[v.parse::<usize>().unwrap()].clone()
                    } else {
                        v
                    };
                    cells.resize(col + 1, String::new());
                    cells[col] = text;
                }
                cells
            })
            .collect();
        sheets.insert(name, rows);
    }
    sheets
}

/// The JSON value as the sheet shows it: numbers compared as numbers, strings as they are.
fn same(cell: &str, v: &Value) -> bool {
    match v {
        Value::Number(n) => cell.parse::<f64>().ok() == n.as_f64(),
        Value::String(s) => cell == s,
        _ => false,
    }
}

fn assert_rows(sheet: &Sheet, name: &str, expected: &[Vec<Value>]) {
    let body = &sheet[1..];
    assert_eq!(body.len(), expected.len(), "{name}: row count");
    for (row, want) in body.iter().zip(expected) {
        for (i, v) in want.iter().enumerate() {
            let cell = row.get(i).map_or("", String::as_str);
            assert!(same(cell, v), "{name}: {cell:?} ≠ {v} in {row:?}");
        }
    }
}

fn fields(row: &Value, keys: &[&str]) -> Vec<Value> {
    keys.iter().map(|k| row[*k].clone()).collect()
}

/// What the tally tables must hold, read off the JSON: each table's rows, cell by cell from the
/// first column (the label as a person reads it, then the figures).
fn expected_tables(json: &Value) -> Vec<(&'static str, Vec<Vec<Value>>)> {
    let rows = |key: &str, f: &dyn Fn(&Value) -> Vec<Value>| -> Vec<Vec<Value>> {
        json[key].as_array().unwrap().iter().map(f).collect()
    };
    let summary = vec![
        vec!["文件".into(), json["files"].clone()],
        vec!["可读合同".into(), json["contracts"].clone()],
        vec!["无法读取".into(), json["unreadable"]["count"].clone()],
        vec![
            "有问题的合同".into(),
            json["with_findings"]["count"].clone(),
            json["with_findings"]["percent"].clone(),
        ],
        vec![
            "需整改或转办的合同".into(),
            json["needs_action"]["count"].clone(),
            json["needs_action"]["percent"].clone(),
        ],
    ];
    let tally = ["contracts", "percent", "findings"];
    let labelled = |label: String, r: &Value| {
        let mut row = vec![Value::from(label)];
        row.extend(fields(r, &tally));
        row
    };
    let severity = rows("by_severity", &|r| {
        let sev = Severity::parse(r["key"].as_str().unwrap()).unwrap();
        labelled(sev.chinese().to_owned(), r)
    });
    // A term is named as people read it: its label where it has one.
    let mut terms = rows("by_term", &|r| {
        let name = r["label"].as_str().or(r["key"].as_str()).unwrap();
        labelled(name.to_owned(), r)
    });
    let unlawful = &json["unlawful_text"];
    if unlawful["contracts"].as_u64() > Some(0) {
        terms.push(labelled("违法条款文字".to_owned(), unlawful));
    }
    let periods = rows("by_period", &|r| {
        fields(
            r,
            &[
                "period",
                "not_covered",
                "not_covered_percent",
                "with_findings",
                "with_findings_percent",
                "findings",
            ],
        )
    });
    let regions = rows("by_region", &|r| {
        fields(
            r,
            &[
                "region",
                "contracts",
                "percent",
                "needs_action",
                "needs_action_percent",
            ],
        )
    });
    vec![
        ("概况", summary),
        ("按严重程度", severity),
        ("按条目", terms),
        ("按五期", periods),
        ("按地区", regions),
    ]
}

/// Every tally table holds the JSON's figures; the contract list has a row per readable contract
/// whose counts add up to the findings; the unreadable files are listed when there are any.
fn check_tables(tables: &BTreeMap<String, Sheet>, json: &Value, what: &str) {
    for (name, rows) in expected_tables(json) {
        assert_rows(&tables[name], &format!("{what} {name}"), &rows);
    }
    let findings: u64 = json["by_severity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["findings"].as_u64().unwrap())
        .sum();
    let contracts = &tables["合同"];
    assert_eq!(
        contracts.len() - 1,
        json["contracts"].as_u64().unwrap() as usize,
        "{what}: a row per contract"
    );
    let counted: f64 = contracts[1..]
        .iter()
        .flat_map(|r| r[4..7].iter())
        .map(|c| c.parse::<f64>().unwrap())
        .sum();
    assert_eq!(counted, findings as f64, "{what}: findings per contract");
    let unreadable = json["unreadable"]["count"].as_u64().unwrap() as usize;
    assert_eq!(
        tables.get("无法读取").map_or(0, |s| s.len() - 1),
        unreadable,
        "{what}: unreadable files"
    );
}

fn output_of(format: &str, paths: &[&str], file: &str) -> PathBuf {
    let out = std::env::temp_dir().join(file);
    let out_text = out.to_string_lossy().into_owned();
    let mut args = vec!["stats", "--quiet", "--format", format, "-o", &out_text];
    args.extend(paths);
    run(&args);
    out
}

fn check_workbook_against_json(paths: &[&str], file: &str) {
    let json = json_of(paths);
    let book = read_workbook(&output_of("xlsx", paths, file));
    check_tables(&book, &json, "workbook");
    // The workbook alone lists the findings one by one: as many as the severity table counts.
    let findings: u64 = json["by_severity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["findings"].as_u64().unwrap())
        .sum();
    assert_eq!(book["问题"].len() - 1, findings as usize);
}

/// The tables of the page (`<table data-table="NAME">`): header row then body rows, each cell's text
/// unescaped. A number's `data-value` must be the number shown.
fn read_page_tables(html: &str) -> BTreeMap<String, Sheet> {
    let mut tables = BTreeMap::new();
    for part in html.split("<table data-table=\"").skip(1) {
        let (name, rest) = part.split_once('"').unwrap();
        let body = rest.split_once("</table>").unwrap().0;
        assert!(body.contains("<caption>"), "{name}: no caption");
        let rows: Sheet = between(body, "<tr>", "</tr>")
            .into_iter()
            .map(|row| {
                let pieces: Vec<&str> = row.split("</t").collect();
                pieces[..pieces.len() - 1]
                    .iter()
                    .map(|cell| {
                        let (tag, text) = cell.rsplit_once('>').unwrap();
                        if let Some(v) = between(tag, "data-value=\"", "\"").first() {
                            assert_eq!(*v, text, "{name}: data-value differs from the text");
                        }
                        unescape(text)
                    })
                    .collect()
            })
            .collect();
        assert!(
            between(body, "<thead>", "</thead>")[0].contains("scope=\"col\""),
            "{name}: headers without scope"
        );
        tables.insert(unescape(name), rows);
    }
    tables
}

/// The `data-percent` (or `data-count`) values of the bars of the chart `id`, in drawing order.
fn chart_values(html: &str, id: &str, attribute: &str) -> Vec<f64> {
    let open = format!("aria-labelledby=\"{id}-title ");
    let svg = html
        .split_once(&open)
        .unwrap()
        .1
        .split_once("</svg>")
        .unwrap()
        .0;
    between(svg, &format!("{attribute}=\""), "\"")
        .into_iter()
        .map(|v| v.parse().unwrap())
        .collect()
}

fn column(table: &Sheet, i: usize) -> Vec<f64> {
    table[1..].iter().map(|r| r[i].parse().unwrap()).collect()
}

fn check_page_against_json(paths: &[&str], file: &str) {
    let json = json_of(paths);
    let html = std::fs::read_to_string(output_of("html", paths, file)).unwrap();
    let tables = read_page_tables(&html);
    check_tables(&tables, &json, "page");

    // The charts draw the tables' shares, bar by bar.
    let severity = &tables["按严重程度"];
    assert_eq!(
        chart_values(&html, "chart-severity", "data-percent"),
        column(severity, 2)
    );
    assert_eq!(
        chart_values(&html, "chart-severity-findings", "data-count"),
        column(severity, 3)
    );
    assert_eq!(
        chart_values(&html, "chart-term", "data-percent"),
        column(&tables["按条目"], 2)
    );
    let periods = &tables["按五期"];
    let interleaved: Vec<f64> = column(periods, 4)
        .into_iter()
        .zip(column(periods, 2))
        .flat_map(|(findings, not_covered)| [findings, not_covered])
        .collect();
    assert_eq!(
        chart_values(&html, "chart-period", "data-percent"),
        interleaved
    );
    assert_eq!(
        chart_values(&html, "chart-region", "data-percent"),
        column(&tables["按地区"], 4)
    );
    assert_self_contained(&html);
}

/// Nothing is fetched from elsewhere: no script, no link, no source, no URL; a print stylesheet;
/// every chart has a title.
fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for reference in [
        "<script", "<link", "src=", "href=", "url(", "@import", "http:", "https:",
    ] {
        assert!(
            !lower.contains(reference),
            "the page refers outside: {reference}"
        );
    }
    assert!(html.contains("@media print") && html.contains("size: A4"));
    let charts = html.matches("<svg").count();
    assert!(charts >= 5, "{charts} charts");
    assert_eq!(
        html.matches("<title id=").count(),
        charts,
        "a chart without title"
    );
    assert_eq!(
        html.matches("<table").count(),
        html.matches("<caption>").count()
    );
}

#[test]
fn workbook_carries_the_json_figures_for_the_batch_folder() {
    check_workbook_against_json(&["fixtures/batch"], "dixian-stats-batch.xlsx");
}

#[test]
fn workbook_carries_the_json_figures_for_the_regional_fixtures() {
    check_workbook_against_json(
        &[
            "fixtures/beijing-haidian-tech.yaml",
            "fixtures/hubei-wuhan-logistics.yaml",
            "fixtures/jiangsu-nantong-textile.yaml",
            "fixtures/ningxia-wuzhong-dairy.yaml",
            "fixtures/sichuan-chengdu-food.yaml",
            "fixtures/compliant",
        ],
        "dixian-stats-regional.xlsx",
    );
}

#[test]
fn workbook_needs_an_output_file() {
    let out = Command::cargo_bin("dixian")
        .unwrap()
        .current_dir(root())
        .args(["stats", "--quiet", "--format", "xlsx", "fixtures/batch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o"));
}

#[test]
fn page_carries_the_json_figures_for_the_batch_folder() {
    check_page_against_json(&["fixtures/batch"], "dixian-stats-batch.html");
}

#[test]
fn page_carries_the_json_figures_for_the_regional_fixtures() {
    check_page_against_json(
        &[
            "fixtures/beijing-haidian-tech.yaml",
            "fixtures/hubei-wuhan-logistics.yaml",
            "fixtures/jiangsu-nantong-textile.yaml",
            "fixtures/ningxia-wuzhong-dairy.yaml",
            "fixtures/sichuan-chengdu-food.yaml",
            "fixtures/compliant",
        ],
        "dixian-stats-regional.html",
    );
}

/// A folder of its own for a test, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn page_escapes_titles_and_file_names_from_contracts() {
    let dir = scratch("dixian-stats-escape");
    let title = "<script>alert(\"标题\")</script> & 'Co'";
    let original =
        std::fs::read_to_string(root().join("fixtures/batch/02-sichuan-below-floor.yaml")).unwrap();
    let first_line = original.lines().next().unwrap();
    let text = original.replacen(
        first_line,
        &format!("title: '{}'", title.replace('\'', "''")),
        1,
    );
    let file = dir.join("合同<b>&amp;.yaml");
    std::fs::write(&file, text).unwrap();

    let file_text = file.to_string_lossy().into_owned();
    let html =
        std::fs::read_to_string(output_of("html", &[&file_text], "dixian-stats-escape.html"))
            .unwrap();
    assert!(
        !html.to_lowercase().contains("<script"),
        "title not escaped"
    );
    assert!(!html.contains("<b>"), "file name not escaped");
    let contracts = &read_page_tables(&html)["合同"];
    assert_eq!(contracts[1][0], file_text);
    assert_eq!(contracts[1][1], title);
    assert_self_contained(&html);
}

#[test]
fn page_prints_on_a4_in_chromium_when_present() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok()
        })
    else {
        eprintln!("skipped: no chromium on this machine to print the page");
        return;
    };
    let html = output_of("html", &["fixtures/batch"], "dixian-stats-print.html");
    let dir = scratch("dixian-stats-print");
    let pdf = dir.join("stats.pdf");
    let status = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    // Chromium prints on Letter unless the page asks for A4 (595 × 842 points); the contract list
    // is printed sideways.
    let boxes = between(&text, "/MediaBox [", "]");
    assert!(!boxes.is_empty(), "no page in the PDF");
    for b in boxes {
        let size: Vec<f64> = b.split_whitespace().map(|n| n.parse().unwrap()).collect();
        let (short, long) = (size[2].min(size[3]), size[2].max(size[3]));
        assert!(
            (short - 595.0).abs() < 1.0 && (long - 842.0).abs() < 1.0,
            "{b}"
        );
    }
}
