//! The workbook (`--format xlsx`) carries exactly the figures of `--format json`: each sheet is read
//! back from the file's XML and compared, row by row, with the JSON of the same folder.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use assert_cmd::Command;
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

fn check_workbook_against_json(paths: &[&str], file: &str) {
    let json = json_of(paths);
    let out = std::env::temp_dir().join(file);
    let mut args = vec!["stats", "--quiet", "--format", "xlsx", "-o"];
    let out_text = out.to_string_lossy().into_owned();
    args.push(&out_text);
    args.extend(paths);
    run(&args);
    let book = read_workbook(&out);

    let n = &json["contracts"];
    let summary: Vec<Vec<Value>> = vec![
        vec!["文件".into(), json["files"].clone()],
        vec!["可读合同".into(), n.clone()],
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
    assert_rows(&book["概况"], "概况", &summary);

    let tally = ["contracts", "percent", "findings"];
    let severity: Vec<Vec<Value>> = json["by_severity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| fields(r, &tally))
        .collect();
    let sheet: Sheet = book["按严重程度"].iter().map(|r| r[1..].to_vec()).collect();
    assert_rows(&sheet, "按严重程度", &severity);

    let mut terms: Vec<Vec<Value>> = json["by_term"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            // The sheet names a term as people read it: its label where it has one.
            let mut row = fields(r, &["contracts", "percent", "findings"]);
            let name = if r["label"].is_string() {
                &r["label"]
            } else {
                &r["key"]
            };
            row.insert(0, name.clone());
            row
        })
        .collect();
    let unlawful = &json["unlawful_text"];
    if unlawful["contracts"].as_u64() > Some(0) {
        let mut row = vec![Value::from("违法条款文字")];
        row.extend(fields(unlawful, &tally));
        terms.push(row);
    }
    assert_rows(&book["按条目"], "按条目", &terms);

    let periods: Vec<Vec<Value>> = json["by_period"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
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
        })
        .collect();
    assert_rows(&book["按五期"], "按五期", &periods);

    let regions: Vec<Vec<Value>> = json["by_region"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
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
        })
        .collect();
    assert_rows(&book["按地区"], "按地区", &regions);

    // One row per readable contract; one per finding, as many as the severity table counts.
    assert_eq!(book["合同"].len() - 1, n.as_u64().unwrap() as usize);
    let findings: u64 = severity.iter().map(|r| r[2].as_u64().unwrap()).sum();
    assert_eq!(book["问题"].len() - 1, findings as usize);
    let counted: f64 = book["合同"][1..]
        .iter()
        .flat_map(|r| r[4..7].iter())
        .map(|c| c.parse::<f64>().unwrap())
        .sum();
    assert_eq!(counted, findings as f64);
    let unreadable = json["unreadable"]["count"].as_u64().unwrap() as usize;
    assert_eq!(book.get("无法读取").map_or(0, |s| s.len() - 1), unreadable);
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
