//! Words a person reads are product. Every fixture (YAML, the batch folder, the compliant contracts,
//! the .txt/.docx texts read by the importer) goes through every output a person reads — the human
//! report in both languages, the JSON strings meant for people, SARIF messages, the letters in
//! Markdown, plain text and Word, the statistics (table, JSON labels, workbook) — and the browser
//! page's own strings; none may hold what a lawyer would not write ([`faults`], the one list).
//! Letters also follow the ladder and count what they list; the human report and letter of each
//! YAML fixture are snapshots, read as a union officer would before being accepted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use assert_cmd::Command;
use dixian_core::Report;
use dixian_core::contract::Contract;
use dixian_core::render::letter::{self, Letter, LetterKind};
use dixian_core::render::{Lang, human, sarif, stats as stats_render};
use dixian_core::rules::{RuleSet, Severity};
use std::io::Read;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Research notes that must never stand as a legal basis.
const RESEARCH_NOTES: [&str; 5] = ["条文号未核实", "计算器", "文件未找到", "未读到", "未查明"];

/// What lawyers write instead of 全国规定.
const NOT_NATIONAL: [&str; 2] = ["全国规定", "全国的规定"];

/// Everything in `text` a Chinese labour lawyer would not write, each with why. `rule_ids` are the
/// rule set's ids: none may appear where a person reads.
fn faults(text: &str, rule_ids: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let word = |c: &char| c.is_alphanumeric();
    for (i, c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        let after = chars.get(i + 1);
        if *c == '_' && before.is_some_and(word) && after.is_some_and(word) {
            out.push(format!("internal identifier: {}", around(&chars, i)));
        }
        // A quantity in months without 个 (12月 reads as December); a date (2021年5月) is fine.
        if *c == '月' && before.is_some_and(char::is_ascii_digit) {
            let start = (0..i)
                .rev()
                .take_while(|&j| chars.get(j).is_some_and(char::is_ascii_digit))
                .last()
                .unwrap_or(i);
            let date = start
                .checked_sub(1)
                .and_then(|j| chars.get(j))
                .is_some_and(|p| *p == '年');
            if !date {
                out.push(format!("月 without 个: {}", around(&chars, i)));
            }
        }
        // A frequency as a fraction or a unit (0.5次/年, 1次/年): 每两年一次, 每年一次.
        if *c == '次' && before.is_some_and(char::is_ascii_digit) && after == Some(&'/') {
            out.push(format!("frequency as a unit: {}", around(&chars, i)));
        }
    }
    for note in RESEARCH_NOTES {
        if text.contains(note) {
            out.push(format!("research note “{note}”"));
        }
    }
    for n in NOT_NATIONAL {
        if text.contains(n) {
            out.push(format!("“{n}” (国家规定)"));
        }
    }
    for id in rule_ids {
        if text.contains(id.as_str()) {
            out.push(format!("rule id {id}"));
        }
    }
    out
}

fn around(chars: &[char], i: usize) -> String {
    let from = i.saturating_sub(12);
    chars.iter().skip(from).take(24).collect()
}

fn assert_clean(what: &str, text: &str, ids: &[String]) {
    let found = faults(text, ids);
    assert!(found.is_empty(), "{what}: {found:#?}");
}

#[test]
fn the_checker_itself_catches_each_fault() {
    let ids = vec!["全国.产假".to_owned()];
    for bad in [
        "合同未约定流产假_满4个月",
        "哺乳期不少于12月",
        "妇科检查≥0.5次/年",
        "妇科检查1次/年",
        "依据：《某条例》（条文号未核实）",
        "低于全国规定的标准",
        "问题等级：整改（规则 全国.产假）",
    ] {
        assert!(!faults(bad, &ids).is_empty(), "{bad}");
    }
    for good in [
        "流产假（怀孕满4个月）",
        "哺乳期不少于12个月",
        "每两年一次",
        "2021年5月1日起施行",
        "低于国家规定的标准",
    ] {
        assert_eq!(faults(good, &ids), Vec::<String>::new(), "{good}");
    }
}

fn rules() -> RuleSet {
    dixian_core::rules::builtin().unwrap()
}

/// Every contract among the fixtures a person could hand in, read as `dixian check` reads it (YAML,
/// or .txt/.docx through the importer); unreadable ones (the batch's broken files) left out.
fn checked(set: &RuleSet) -> Vec<(String, Contract, Report)> {
    let dirs: Vec<PathBuf> = [
        "fixtures/batch",
        "fixtures/compliant",
        "fixtures/text",
        "fixtures/corpus",
    ]
    .iter()
    .map(|d| root().join(d))
    .collect();
    let mut files = dixian_import::api::contract_files(&dirs);
    files.extend(top_level_yaml());
    files.sort();
    let overrides = dixian_import::Overrides::default();
    let out: Vec<_> = files
        .iter()
        .filter_map(|p| {
            let name = p.strip_prefix(root()).unwrap_or(p).display().to_string();
            dixian_import::api::check_path(set, p, &overrides)
                .ok()
                .map(|(c, r)| (name, c, r))
        })
        .collect();
    assert!(out.len() > 100, "{} contracts read", out.len());
    out
}

fn top_level_yaml() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    v.sort();
    v
}

/// Rule ids a person must never read: the rule set's and those the importer's findings carry.
fn rule_ids(set: &RuleSet, reports: &[(String, Contract, Report)]) -> Vec<String> {
    let mut ids: Vec<String> = set.rules.iter().map(|r| r.id.clone()).collect();
    ids.extend(
        reports
            .iter()
            .flat_map(|(_, _, r)| r.findings.iter().map(|f| f.rule.clone())),
    );
    ids.sort();
    ids.dedup();
    ids
}

/// The strings of a report meant for people (the rest — rule, term, kind — is for programs).
fn person_strings(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report.notes.clone();
    out.extend(report.contract.authorities.iter().cloned());
    for f in &report.findings {
        out.push(f.message.clone());
        out.push(f.citation.clone());
        out.push(f.expected.clone());
        out.push(f.actual.clone());
        out.extend(f.term_label.clone());
        out.extend(
            f.suggestion
                .iter()
                .map(|s| dixian_core::suggest::wording(s, Lang::Zh)),
        );
    }
    for a in &report.above_floor {
        out.extend([a.term_label.clone(), a.floor.clone(), a.actual.clone()]);
    }
    for u in &report.undetermined {
        out.extend([u.title.clone(), u.reason.clone()]);
    }
    out
}

/// The text of a Word document: its paragraphs, tags stripped and entities decoded.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a .docx is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.replace("</w:p>", "</w:p>\n").chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn letter_of(set: &RuleSet, contract: &Contract, report: &Report) -> Option<Letter> {
    let kind = LetterKind::for_severity(report.worst()?);
    letter::compose(report, contract, set, kind)
}

#[test]
fn no_output_a_person_reads_holds_a_developer_s_words() {
    let set = rules();
    let reports = checked(&set);
    let ids = rule_ids(&set, &reports);
    let mut stats = dixian_core::stats::Stats::default();
    let mut log = sarif::SarifLog::new();
    let mut letters = 0;
    for (name, contract, report) in &reports {
        for lang in [Lang::Zh, Lang::En] {
            let text = human::render_in(report, contract, false, lang);
            assert_clean(&format!("{name}: human ({lang:?})"), &text, &ids);
        }
        for s in person_strings(report) {
            assert_clean(&format!("{name}: JSON"), &s, &ids);
        }
        // What `dixian fix` says it changed, and why.
        let changes = dixian_core::fix::changes(report, dixian_core::fix::Scope::All);
        for lang in [Lang::Zh, Lang::En] {
            let summary = dixian_core::fix::summary(contract, &changes, &set.vocabulary, lang);
            assert_clean(&format!("{name}: fix summary ({lang:?})"), &summary, &ids);
        }
        log.add_report(report, &contract.source, Lang::Zh);
        stats.add_report(report, &set.vocabulary);
        if let Some(l) = letter_of(&set, contract, report) {
            letters += 1;
            assert_clean(&format!("{name}: letter md"), &l.markdown(), &ids);
            assert_clean(&format!("{name}: letter txt"), &l.text(), &ids);
            let docx = docx_text(&l.docx().unwrap());
            assert_clean(&format!("{name}: letter docx"), &docx, &ids);
        }
    }
    assert!(letters > 50, "{letters} letters drafted");
    let sarif = log.finish(&set, "test");
    for r in sarif["runs"][0]["results"].as_array().unwrap() {
        let text = r["message"]["text"].as_str().unwrap();
        assert_clean("SARIF message", text, &ids);
    }
    let stats = stats.finish();
    for lang in [Lang::Zh, Lang::En] {
        assert_clean("stats", &stats_render::human(&stats, lang), &ids);
    }
    let shape = stats_render::json_shape(&stats);
    for row in &shape.by_term {
        let label = row.label.unwrap_or(row.key);
        assert_clean("stats JSON term label", label, &ids);
    }
}

#[test]
fn the_workbook_a_federation_hands_up_reads_as_the_reports_do() {
    let set = rules();
    let ids: Vec<String> = set.rules.iter().map(|r| r.id.clone()).collect();
    let dir = std::env::temp_dir().join(format!("dixian-wording-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let book = dir.join("统计.xlsx");
    let out = Command::cargo_bin("dixian")
        .unwrap()
        .current_dir(root())
        .args(["stats", "--quiet", "--format", "xlsx", "-o"])
        .arg(&book)
        .args(["fixtures/batch", "fixtures/text"])
        .args(top_level_yaml())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let bytes = std::fs::read(&book).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    // Cell texts only: the XML's own names (xml:space …) are not words a person reads.
    let texts: Vec<&str> = strings
        .split("<t")
        .skip(1)
        .filter_map(|s| s.split_once('>').and_then(|(_, t)| t.split_once("</t>")))
        .map(|(t, _)| t)
        .collect();
    assert!(texts.len() > 50, "{} strings", texts.len());
    for t in texts {
        assert_clean("workbook", t, &ids);
    }
}

#[test]
fn the_stats_page_a_federation_mails_reads_as_the_reports_do() {
    let set = rules();
    let ids: Vec<String> = set.rules.iter().map(|r| r.id.clone()).collect();
    let out = Command::cargo_bin("dixian")
        .unwrap()
        .current_dir(root())
        .args(["stats", "--quiet", "--format", "html"])
        .args(["fixtures/batch", "fixtures/text"])
        .args(top_level_yaml())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let html = String::from_utf8(out.stdout).unwrap();
    // The words between the tags (chart titles, labels, cells), not the markup or the stylesheet.
    let body = html.split_once("</style>").unwrap().1;
    let texts: Vec<&str> = body
        .split('<')
        .filter_map(|s| s.split_once('>').map(|(_, t)| t))
        .filter(|t| !t.trim().is_empty())
        .collect();
    assert!(texts.len() > 200, "{} strings", texts.len());
    for t in texts {
        assert_clean("stats page", t, &ids);
    }
}

/// The browser page's own words (web/index.html, the Chinese strings of web/app.js) follow the same
/// rules as the engine's.
#[test]
fn the_page_s_own_strings_follow_the_same_rules() {
    let ids: Vec<String> = rules().rules.iter().map(|r| r.id.clone()).collect();
    let html = std::fs::read_to_string(root().join("web/index.html")).unwrap();
    let mut visible = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                visible.push('\n');
            }
            c if !in_tag => visible.push(c),
            _ => {}
        }
    }
    assert_clean("web/index.html", &visible, &ids);
    let js = std::fs::read_to_string(root().join("web/app.js")).unwrap();
    let literals = string_literals(&js);
    let chinese: Vec<&String> = literals
        .iter()
        .filter(|s| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .collect();
    assert!(
        chinese.len() > 20,
        "{} Chinese strings in app.js",
        chinese.len()
    );
    for s in chinese {
        assert_clean("web/app.js", s, &ids);
    }
}

/// The literal text of JavaScript strings ("…", '…', `…` without its ${…} parts).
fn string_literals(js: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = js.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'/') {
            for c in chars.by_ref() {
                if c == '\n' {
                    break;
                }
            }
            continue;
        }
        // A block comment may hold an apostrophe (the CLI's output) that is no string's start.
        if c == '/' && chars.peek() == Some(&'*') {
            let mut last = '\0';
            for c in chars.by_ref() {
                if last == '*' && c == '/' {
                    break;
                }
                last = c;
            }
            continue;
        }
        if !matches!(c, '"' | '\'' | '`') {
            continue;
        }
        let mut s = String::new();
        let mut depth = 0usize;
        while let Some(d) = chars.next() {
            match d {
                '\\' => {
                    chars.next();
                }
                '$' if c == '`' && chars.peek() == Some(&'{') => {
                    depth += 1;
                    s.push('\n');
                }
                '}' if depth > 0 => depth -= 1,
                d if d == c && depth == 0 => break,
                d if depth == 0 => s.push(d),
                _ => {}
            }
        }
        out.push(s);
    }
    out
}

/// “发现以下 N 个问题”: the count a letter states, if it states one.
fn stated_count(text: &str) -> Option<usize> {
    let rest = text.split_once("发现以下 ")?.1;
    rest.split_once(" 个问题")?.0.trim().parse().ok()
}

#[test]
fn letters_follow_the_ladder_and_count_what_breaks_the_law() {
    let set = rules();
    for (name, contract, report) in checked(&set) {
        let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
        let serious = count(Severity::Rectify) + count(Severity::Refer);
        let Some(l) = letter_of(&set, &contract, &report) else {
            assert!(report.findings.is_empty(), "{name}: findings but no letter");
            continue;
        };
        let expected = if count(Severity::Refer) > 0 {
            LetterKind::Referral
        } else if serious > 0 {
            LetterKind::Rectification
        } else {
            LetterKind::Reminder
        };
        assert_eq!(l.kind, expected, "{name}");
        let md = l.markdown();
        assert!(md.starts_with(&format!("# {}", expected.title())), "{name}");
        assert_eq!(l.breaking.len(), serious, "{name}");
        assert_eq!(l.advice.len(), count(Severity::Notice), "{name}");
        if serious > 0 {
            assert_eq!(stated_count(&md), Some(serious), "{name}: {}", l.opening);
        } else {
            assert_eq!(stated_count(&md), None, "{name}: {}", l.opening);
            assert!(l.opening.contains("未发现违反法律、法规的问题"), "{name}");
        }
        // 法律要求 only above a notice; a provisional figure is a reference, never a requirement.
        for it in &l.advice {
            assert!(
                it.lines.iter().all(|line| !line.starts_with("法律要求")),
                "{name}: {it:?}"
            );
        }
    }
}

fn dixian(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("dixian")
        .unwrap()
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_contract_without_findings_gets_no_letter() {
    let (code, out) = dixian(&["letter", "fixtures/batch/01-ningxia-complete.yaml"]);
    assert_eq!(code, 0);
    assert!(out.contains("未发现问题，无需发函"), "{out}");
}

/// The Word letter opens (a zip with word/document.xml) and holds the addressee, each clause it
/// quotes and the figures the law requires.
#[test]
fn the_word_letter_holds_addressee_clauses_and_figures() {
    let set = rules();
    let dir = std::env::temp_dir().join(format!("dixian-wording-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, addressee, figures) in [
        (
            "fixtures/hubei-wuhan-logistics.yaml",
            "武汉某某物流有限公司",
            &["158天", "每天不少于1小时"][..],
        ),
        (
            "fixtures/sichuan-chengdu-food.yaml",
            "成都某某食品有限公司",
            &["158天"][..],
        ),
        (
            "fixtures/text/hubei-table.docx",
            "宜昌某某纺织有限公司",
            &[][..],
        ),
    ] {
        let out = dir.join("函.docx");
        let (code, stdout) = dixian(&[
            "letter",
            file,
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{file}: {stdout}");
        let text = docx_text(&std::fs::read(&out).unwrap());
        let (contract, report) = dixian_import::api::check_path(
            &set,
            &root().join(file),
            &dixian_import::Overrides::default(),
        )
        .unwrap();
        let l = letter_of(&set, &contract, &report).unwrap();
        assert!(text.contains(l.kind.title()), "{file}: title");
        assert!(text.contains(addressee), "{file}: addressee");
        assert!(text.contains(&l.addressee), "{file}: {}", l.addressee);
        for clause in report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Rectify)
            .filter_map(|f| f.clause.as_deref())
            .filter_map(|id| contract.clauses.iter().find(|c| c.id == id))
        {
            let quoted = format!("“{}”", clause.text.trim());
            assert!(text.contains(&quoted), "{file}: {quoted}");
        }
        // Every figure the law requires, as the findings state it (不少于158天, 每天不少于1小时).
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Rectify && f.expected != "是")
        {
            assert!(text.contains(&f.expected), "{file}: {}", f.expected);
        }
        for figure in figures {
            assert!(text.contains(figure), "{file}: {figure}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The human report and the letter of each YAML fixture, as an officer reads them.
#[test]
fn human_reports_and_letters_of_the_fixtures() {
    let set = rules();
    let overrides = dixian_import::Overrides::default();
    for path in top_level_yaml() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let (contract, report) = dixian_import::api::check_path(&set, &path, &overrides).unwrap();
        let mut report = report;
        report.contract.file = format!("fixtures/{name}.yaml");
        let human = human::render_in(&report, &contract, false, Lang::Zh);
        let letter = letter_of(&set, &contract, &report)
            .map(|l| l.markdown())
            .unwrap_or_default();
        insta::assert_snapshot!(format!("{name}-human"), human);
        insta::assert_snapshot!(format!("{name}-letter"), letter);
    }
}
