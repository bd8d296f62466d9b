//! End-to-end: the built `dixian` binary, every command and format, run from the repository root
//! on the fixtures. Outputs are compared with snapshots (tests/snapshots); invariants that must hold
//! whatever the wording (every file once, counts adding up, exit codes) are asserted directly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the binary; the rule data's digest in JSON output is replaced by `<SHA-256>`, so snapshots do
/// not change with every edit of a rule file (`rules_version_is_what_reports_carry` checks it).
fn dixian(args: &[&str]) -> (i32, String, String) {
    let (code, out, err) = dixian_raw(args);
    (code, redact_digest(&out), err)
}

fn redact_digest(out: &str) -> String {
    let mut rest = out;
    let mut redacted = String::with_capacity(out.len());
    while let Some(i) = rest.find("\"digest\": \"") {
        let start = i + "\"digest\": \"".len();
        redacted.push_str(&rest[..start]);
        let hex = rest[start..]
            .bytes()
            .take_while(u8::is_ascii_hexdigit)
            .count();
        redacted.push_str(if hex == 64 { "<SHA-256>" } else { "" });
        rest = &rest[start + if hex == 64 { 64 } else { 0 }..];
    }
    redacted.push_str(rest);
    redacted
}

fn dixian_raw(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("dixian")
        .unwrap()
        .current_dir(root())
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    (
        code,
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

const ONE: &str = "fixtures/hubei-wuhan-logistics.yaml";
const BATCH: &str = "fixtures/batch";
/// The YAML files under fixtures/batch (README.md is not one of them).
const BATCH_FILES: usize = 8;

// ---- check ---------------------------------------------------------------------------------------

#[test]
fn check_one_contract_human() {
    let (code, out, _) = dixian(&["check", ONE]);
    assert_eq!(code, 1, "rectify and refer findings exit 1");
    assert!(
        !out.contains('\u{1b}'),
        "no colours when stdout is not a terminal"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn check_one_contract_english() {
    let (code, out, _) = dixian(&["--lang", "en", "check", ONE]);
    assert_eq!(code, 1);
    assert!(out.contains("Rules applied: national, 湖北省"), "{out}");
    assert!(
        out.contains("rectify: 产假 is stated as 128天, which does not meet the standard of 湖北"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn check_one_file_json_is_one_object() {
    let (code, out, _) = dixian(&["check", "--format", "json", ONE]);
    assert_eq!(code, 1);
    let v = json(&out);
    assert_eq!(v["contract"]["file"], ONE);
    insta::assert_snapshot!(out);
}

#[test]
fn check_clean_contract_exits_0() {
    let (code, out, _) = dixian(&["check", "fixtures/batch/01-ningxia-complete.yaml"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn check_batch_human_lists_every_file_once() {
    let (code, out, _) = dixian(&["check", BATCH]);
    assert_eq!(code, 2, "an unreadable file makes the batch exit 2");
    insta::assert_snapshot!(out);
}

#[test]
fn check_batch_json_is_an_array_in_input_order() {
    let (code, out, _) = dixian(&["check", "--format", "json", BATCH]);
    assert_eq!(code, 2);
    let v = json(&out);
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), BATCH_FILES);
    let files: Vec<&str> = items
        .iter()
        .map(|i| {
            i["contract"]["file"]
                .as_str()
                .or(i["file"].as_str())
                .unwrap()
        })
        .collect();
    let mut sorted = files.clone();
    sorted.sort_unstable();
    assert_eq!(files, sorted, "input order is sorted path order");
    let errors = items.iter().filter(|i| i.get("errors").is_some()).count();
    assert_eq!(errors, 5);
    insta::assert_snapshot!(out);
}

#[test]
fn check_batch_sarif() {
    let (code, out, _) = dixian(&["check", "--format", "sarif", BATCH]);
    assert_eq!(code, 2);
    let mut v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(
        run["artifacts"].as_array().unwrap().len(),
        BATCH_FILES,
        "every file is an artifact once"
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let (_, reports, _) = dixian(&["check", "--format", "json", BATCH]);
    let findings: usize = json(&reports)
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["findings"].as_array())
        .map(Vec::len)
        .sum();
    assert_eq!(
        run["results"].as_array().unwrap().len(),
        findings,
        "one result per finding"
    );
    for r in run["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][i]["id"], r["ruleId"]);
        assert!(
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                >= 1
        );
    }
    v["runs"][0]["tool"]["driver"]["version"] = Value::from("[version]");
    insta::assert_snapshot!(serde_json::to_string_pretty(&v).unwrap());
}

#[test]
fn check_a_missing_path_is_reported_not_dropped() {
    let (code, out, _) = dixian(&[
        "check",
        "--format",
        "json",
        ONE,
        "fixtures/no-such-file.yaml",
    ]);
    assert_eq!(code, 2);
    let v = json(&out);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["file"], "fixtures/no-such-file.yaml");
}

#[test]
fn check_with_extra_rules_directory() {
    let (code, out, _) = dixian(&["--rules", "fixtures/rules-city", "check", ONE]);
    assert_eq!(code, 1);
    assert!(out.contains("国家规定、湖北省规定、武汉市规定"), "{out}");
    assert!(
        out.contains("提示: 卫生费约定为每月30元，低于参考标准（暂定，每月不低于40元）"),
        "a provisional city rule yields a notice: {out}"
    );
}

// ---- stats ---------------------------------------------------------------------------------------

#[test]
fn stats_human() {
    let (code, out, _) = dixian(&["stats", BATCH]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn stats_json_counts_add_up() {
    let (code, out, _) = dixian(&["stats", "--format", "json", BATCH]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["files"], BATCH_FILES);
    assert_eq!(
        v["contracts"].as_u64().unwrap() + v["unreadable"]["count"].as_u64().unwrap(),
        BATCH_FILES as u64
    );
    insta::assert_snapshot!(out);
}

#[test]
fn stats_csv() {
    let (code, out, _) = dixian(&["stats", "--format", "csv", BATCH]);
    assert_eq!(code, 0);
    assert!(out.starts_with("section,key,contracts,percent,findings,detail\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn stats_english() {
    let (_, out, _) = dixian(&["--lang", "en", "stats", BATCH]);
    assert!(out.starts_with("Review statistics"));
    insta::assert_snapshot!(out);
}

/// A generated batch: whatever the contracts say, every file is counted once, as a contract or as
/// unreadable, and `check --format json` lists each once.
#[test]
fn synthetic_batch_every_file_counted_once() {
    use dixian_core::synth::{Options, contract};
    let dir = std::env::temp_dir().join(format!("dixian-e2e-synth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let options = Options {
        seed: 2024,
        broken_every: Some(7),
        ..Options::default()
    };
    let n = 300u64;
    for i in 0..n {
        std::fs::write(dir.join(format!("c{i:04}.yaml")), contract(options, i)).unwrap();
    }
    let path = dir.to_str().unwrap();
    let (_, out, _) = dixian(&["stats", "--format", "json", path]);
    let v = json(&out);
    assert_eq!(v["files"], n);
    assert_eq!(v["unreadable"]["count"], n / 7);
    assert_eq!(
        v["contracts"].as_u64().unwrap() + v["unreadable"]["count"].as_u64().unwrap(),
        n
    );
    let (code, out, _) = dixian(&["check", "--quiet", "--format", "json", path]);
    assert_eq!(code, 2);
    let items = json(&out);
    let mut files: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["contract"]["file"]
                .as_str()
                .or(i["file"].as_str())
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(files.len() as u64, n);
    files.dedup();
    assert_eq!(files.len() as u64, n, "no file twice");
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---- letter --------------------------------------------------------------------------------------

#[test]
fn letter_defaults_to_the_highest_severity() {
    let (code, out, _) = dixian(&["letter", ONE]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("# 工会女职工劳动保护监督处理建议书"),
        "a refer finding calls for 处理建议书"
    );
    assert!(out.contains("武汉某某物流有限公司："));
    insta::assert_snapshot!(out);
}

#[test]
fn letter_of_a_chosen_kind() {
    let (code, out, _) = dixian(&[
        "letter",
        "--kind",
        "提示函",
        "fixtures/batch/nested/07-jiangsu.yml",
    ]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn letter_with_no_finding_writes_none() {
    let (code, out, _) = dixian(&["letter", "fixtures/batch/01-ningxia-complete.yaml"]);
    assert_eq!(code, 0);
    assert!(!out.contains('#'), "no letter: {out}");
    insta::assert_snapshot!(out);
}

#[test]
fn letter_of_an_unreadable_contract_exits_2() {
    let (code, _, err) = dixian(&["letter", "fixtures/batch/03-bad-date.yaml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("fixtures/batch/03-bad-date.yaml:3:15"),
        "{err}"
    );
}

// ---- rules, explain ------------------------------------------------------------------------------

#[test]
fn rules_for_a_region_on_a_date() {
    let (code, out, _) = dixian(&["rules", "--region", "湖北省武汉市", "--date", "2022-01-01"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn rules_markdown_all_jurisdictions() {
    let (code, out, _) = dixian(&["rules", "--date", "2024-01-01", "--format", "markdown"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn rules_json() {
    let (code, out, _) = dixian(&[
        "rules",
        "--region",
        "四川省",
        "--date",
        "2026-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v = json(&out);
    let rule = |id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == id)
            .unwrap()
            .clone()
    };
    // After the 2025 revision 158 days stays the floor, with the reported 188 as a provisional figure.
    assert_eq!(rule("四川.产假")["requirement"], "≥158天");
    assert!(rule("四川.产假")["provisional"].is_null());
    let leave = rule("四川.产假2025");
    assert_eq!(leave["requirement"], "≥188天");
    assert!(
        leave["provisional"].is_string(),
        "the 188-day figure is provisional"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn rules_unknown_region_exits_2() {
    let (code, _, err) = dixian(&["rules", "--region", "火星"]);
    assert_eq!(code, 2);
    assert!(err.contains("未知地区"));
}

#[test]
fn rules_check_valid_and_broken_directories() {
    let (code, out, _) = dixian(&["rules", "check", "rules"]);
    assert_eq!(code, 0, "the repository's own rules directory is valid");
    assert!(out.starts_with("规则目录有效"));
    let (code, out, err) = dixian(&["rules", "check", "fixtures/rules-broken"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    insta::assert_snapshot!(err);
}

#[test]
fn explain_a_rule() {
    let (code, out, _) = dixian(&["explain", "湖北.产假"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn explain_in_english() {
    let (code, out, _) = dixian(&["--lang", "en", "explain", "全国.性骚扰防治"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
}

#[test]
fn explain_an_unknown_rule_exits_2() {
    let (code, _, err) = dixian(&["explain", "湖北.年休假"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("湖北.产假"),
        "suggests the rules of the same jurisdiction prefix: {err}"
    );
}

// ---- test ----------------------------------------------------------------------------------------

/// The rules untested by a `dixian test` run, from its 没有测试的规则 line (empty when there is none).
fn untested_rules(out: &str) -> Vec<String> {
    out.lines()
        .find_map(|l| l.strip_prefix("没有测试的规则"))
        .and_then(|l| l.split_once('：'))
        .map(|(_, list)| list.split('、').map(str::to_owned).collect())
        .unwrap_or_default()
}

/// CI's coverage gate: `dixian test --require-coverage tests/rules` passes, so every built-in rule is
/// named by some test's `expect` and every test passes. Beyond that, each rule file has a test file of
/// the same stem (rules/hubei.dixian ↔ tests/rules/hubei.yaml) that on its own names every rule of it,
/// and the gate does bite: one test file alone leaves the other rules untested and fails.
#[test]
fn builtin_rule_tests_pass_and_cover_every_rule_file() {
    let (code, out, _) = dixian(&["test", "--require-coverage", "tests/rules"]);
    assert_eq!(code, 0, "{out}");
    let last = out.lines().last().unwrap();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    assert_eq!(untested_rules(&out), Vec::<String>::new(), "{out}");

    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let rules = std::fs::read_to_string(&path).unwrap();
        let ids: Vec<&str> = rules
            .lines()
            .filter_map(|l| l.strip_prefix("rule "))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        if ids.is_empty() {
            continue; // vocabulary.dixian: units and terms, no rules
        }
        let tests = format!("tests/rules/{stem}.yaml");
        assert!(
            root().join(&tests).is_file(),
            "rules/{stem}.dixian has no {tests}"
        );
        let (code, out, _) = dixian(&["test", &tests]);
        assert_eq!(code, 0, "{out}");
        let untested = untested_rules(&out);
        for id in ids {
            assert!(
                !untested.iter().any(|u| u == id),
                "{id} (rules/{stem}.dixian) is named by no expect in {tests}"
            );
            checked += 1;
        }
    }
    assert!(checked > 150, "every rule file was read ({checked} rules)");

    let (code, out, _) = dixian(&["test", "--require-coverage", "tests/rules/hubei.yaml"]);
    assert_eq!(code, 1, "{out}");
    let untested = untested_rules(&out);
    assert!(
        untested.iter().any(|u| u == "全国.产假") && !untested.iter().any(|u| u == "湖北.产假"),
        "{untested:?}"
    );
    assert!(
        out.lines().last().unwrap().ends_with(" passed, 1 failed"),
        "{out}"
    );
}

#[test]
fn failing_rule_tests_are_reported() {
    let (code, out, _) = dixian(&["test", "fixtures/ruletests"]);
    assert_eq!(code, 1);
    let tail: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with("没有测试的规则"))
        .collect();
    insta::assert_snapshot!(tail.join("\n"));
}

// ---- folders of documents ------------------------------------------------------------------------

/// A federation's folder: text and Word contracts are read, old .doc / .pdf / .wps files are each
/// reported as unreadable with what to do, and none is skipped.
#[test]
fn folder_of_documents_reads_text_and_reports_old_formats() {
    let dir = std::env::temp_dir().join(format!("dixian-folder-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("子目录")).unwrap();
    let corpus = root().join("fixtures/corpus");
    std::fs::copy(corpus.join("guangdong-oneline.txt"), dir.join("广东.txt")).unwrap();
    std::fs::copy(
        root().join("fixtures/text/hubei-table.docx"),
        dir.join("子目录/湖北.docx"),
    )
    .unwrap();
    for old in ["旧合同.doc", "扫描件.pdf", "范本.wps"] {
        std::fs::write(dir.join(old), b"\xd0\xcf\x11\xe0").unwrap();
    }
    let path = dir.display().to_string();
    let (code, out, _) = dixian(&["check", "--date", "2025-06-01", &path]);
    let (_, stats, _) = dixian(&["stats", "--format", "json", &path]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 2, "unreadable files make the batch exit 2\n{out}");
    assert!(
        out.contains("共 5 个文件：已检查 2 份合同，3 个无法读取"),
        "{out}"
    );
    for (file, hint) in [
        ("旧合同.doc", "另存为 .docx"),
        ("扫描件.pdf", ".docx 或 .txt"),
        ("范本.wps", "另存为 .docx"),
    ] {
        let line = out.lines().find(|l| l.contains(file)).unwrap_or("");
        assert!(line.contains(hint), "{file}: {line}");
    }
    let v = json(&stats);
    assert_eq!(
        (v["files"].as_u64(), v["contracts"].as_u64()),
        (Some(5), Some(2))
    );
}

#[test]
fn init_writes_a_skeleton_that_check_reads_at_its_blanks() {
    let dir = std::env::temp_dir().join(format!("dixian-init-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("合同.yaml");
    let _ = std::fs::remove_file(&file);
    let path = file.to_str().unwrap();
    let (code, printed, _) = dixian(&["init", "--region", "湖北省武汉市", "--date", "2024-06-01"]);
    assert_eq!(code, 0);
    let (code, _, _) = dixian(&[
        "init",
        "--region",
        "湖北省武汉市",
        "--date",
        "2024-06-01",
        "-o",
        path,
    ]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), printed);
    let (code, _, stderr) = dixian(&["init", "-o", path]);
    assert_eq!((code, stderr.contains("已存在")), (2, true), "{stderr}");
    let (code, out, err) = dixian(&["check", path]);
    let said = format!("{out}{err}");
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("产假没有填写数值"), "{said}");
    let filled: String = printed
        .lines()
        .map(|l| match l.trim() {
            "产假:" => format!("{l} 一百五十八天"),
            "哺乳时间:" => format!("{l} 1小时"),
            t if t.ends_with(':') && !t.starts_with('-') && t != "clauses:" && t != "terms:" => {
                String::new()
            }
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, filled).unwrap();
    let (code, out, err) = dixian(&["check", "--format", "json", path]);
    assert_eq!(code, 1, "a filled skeleton is checked: {out}{err}");
    let report = json(&out);
    assert!(
        report["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "第四条 哺乳时间：“1小时”按每日计"),
        "{report:#}"
    );
    let (code, _, stderr) = dixian(&["init", "--region", "火星"]);
    assert_eq!(code, 2, "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A YAML clause whose text states another figure than its terms gets a notice at the terms.
#[test]
fn yaml_text_and_terms_that_disagree_are_noticed() {
    let dir = std::env::temp_dir().join(format!("dixian-mismatch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("合同.yaml");
    std::fs::write(
        &file,
        "地区: 湖北省武汉市\n期限: {起: 2022-01-01, 止: 2024-12-31}\n条款:\n  - 编号: 第一条\n    内容: \"女职工生育享受产假150天。\"\n    约定: {产假: 158天}\n",
    )
    .unwrap();
    let (_, out, _) = dixian(&["check", &file.display().to_string()]);
    std::fs::remove_dir_all(&dir).unwrap();
    let line = out
        .lines()
        .find(|l| l.starts_with("提示: ") && l.contains("原文写"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("产假为“150天”") && line.contains("158天"),
        "{line}"
    );
}

#[test]
fn rules_version_is_what_reports_carry() {
    let (code, out, _) = dixian_raw(&["rules", "--version", "--format", "json"]);
    assert_eq!(code, 0);
    let data = json(&out);
    let changes = std::fs::read_to_string(root().join("rules/CHANGES.md")).unwrap();
    let newest = changes
        .lines()
        .find_map(|l| l.strip_prefix("## "))
        .unwrap()
        .trim();
    assert_eq!(data["version"], newest);
    let digest = data["digest"].as_str().unwrap();
    assert_eq!(digest.len(), 64);
    assert!(digest.bytes().all(|b| b.is_ascii_hexdigit()));
    let (_, report, _) = dixian_raw(&["check", "--format", "json", ONE]);
    assert_eq!(json(&report)["rules"], data);
}
