//! `dixian fix` end to end: every fixture with findings, fixed, checks clean of 整改 and 转办; a second
//! fix changes nothing; a text keeps its encoding; a .docx keeps every other entry and byte, carries
//! its changes as tracked changes, and opens in LibreOffice.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use dixian_core::fix::Scope;
use dixian_core::render::Lang;
use dixian_core::rules::{self, RuleSet, Severity};
use dixian_import::Overrides;
use dixian_import::fix::{Fixed, Options, fix_bytes};
use std::io::Read;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rule_set() -> RuleSet {
    rules::load(&rules::builtin_sources()).unwrap()
}

fn options(scope: Scope) -> Options {
    Options {
        scope,
        date: "2026-12-05T12:00:00Z".to_owned(),
        lang: Lang::Zh,
    }
}

fn overrides() -> Overrides {
    Overrides {
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 5),
        ..Overrides::default()
    }
}

/// Every contract among the fixtures: each YAML, .txt and .docx file under fixtures/, at any depth,
/// except the folders that hold no contracts (rule files, rule tests, inputs invalid on purpose)
/// and the importer's expectations.
fn inputs() -> Vec<PathBuf> {
    const NOT_CONTRACTS: [&str; 4] = ["invalid", "ruletests", "rules-broken", "rules-city"];
    let mut out = Vec::new();
    let mut dirs = vec![root().join("fixtures")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                if !NOT_CONTRACTS.contains(&name.as_str()) {
                    dirs.push(p);
                }
                continue;
            }
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if ["yaml", "yml", "txt", "docx"].contains(&ext) && !name.contains(".expected.") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn worst(set: &RuleSet, name: &str, bytes: &[u8]) -> Option<Severity> {
    let (_, report) = dixian_import::api::check_bytes(set, name, bytes.to_vec(), &overrides())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    report.worst()
}

fn fix(set: &RuleSet, name: &str, bytes: &[u8], scope: Scope) -> Fixed {
    fix_bytes(set, name, bytes, &overrides(), &options(scope))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A fixture read as a contract, with its report.
struct Fixture {
    path: PathBuf,
    name: String,
    bytes: Vec<u8>,
    report: dixian_core::report::Report,
}

/// The fixtures that read as contracts. A file that does not (a batch fixture invalid on purpose)
/// must be refused by `fix` too.
fn contracts(set: &RuleSet) -> Vec<Fixture> {
    inputs()
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            match dixian_import::api::check_bytes(set, &name, bytes.clone(), &overrides()) {
                Ok((_, report)) => Some(Fixture {
                    path,
                    name,
                    bytes,
                    report,
                }),
                Err(e) => {
                    let fixed = fix_bytes(set, &name, &bytes, &overrides(), &options(Scope::All));
                    assert!(
                        fixed.is_err(),
                        "{name}: fix accepts what check refuses: {e}"
                    );
                    None
                }
            }
        })
        .collect()
}

/// What a fix of `scope` leaves wrong: a finding still to rectify or refer, a second fix that
/// changes anything.
fn fix_faults(set: &RuleSet, c: &Fixture, scope: Scope) -> Vec<String> {
    let once = fix(set, &c.name, &c.bytes, scope);
    let (_, after) =
        dixian_import::api::check_bytes(set, &c.name, once.bytes.clone(), &overrides())
            .unwrap_or_else(|e| panic!("{}: the fixed file does not read: {e}", c.name));
    let mut faults: Vec<String> = after
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Rectify)
        .map(|f| format!("left {}: {}", f.clause.as_deref().unwrap_or("-"), f.message))
        .collect();
    if once.changes == 0 && c.report.worst() >= Some(Severity::Rectify) {
        faults.push("nothing changed".to_owned());
    }
    // A text keeps its encoding (GBK stays GBK).
    if c.path.extension().and_then(|e| e.to_str()) == Some("txt") {
        let encoding = |b: &[u8]| dixian_import::decode::decode(&c.name, b).map(|d| d.encoding);
        if encoding(&c.bytes).ok() != encoding(&once.bytes).ok() {
            faults.push("the text changed its encoding".to_owned());
        }
    }
    let twice = fix(set, &c.name, &once.bytes, scope);
    if twice.changes != 0 || twice.bytes != once.bytes {
        faults.push(format!("the second fix changed:\n{}", twice.summary));
    }
    faults
        .into_iter()
        .map(|f| format!("{} ({scope:?}): {f}", c.path.display()))
        .collect()
}

/// The guarantee of `dixian fix`, over every fixture that reads as a contract (YAML, .txt in UTF-8
/// and GBK, .docx with tables, split runs and tracked changes): fixed, it checks without a finding
/// to rectify or refer, with or without the notices; and a second fix changes nothing.
#[test]
fn every_fixture_fixed_checks_clean_and_a_second_fix_changes_nothing() {
    let set = rule_set();
    let contracts = contracts(&set);
    let with_findings = contracts
        .iter()
        .filter(|c| c.report.worst() >= Some(Severity::Rectify))
        .count();
    let faults: Vec<String> = contracts
        .iter()
        .flat_map(|c| {
            let mut f = fix_faults(&set, c, Scope::Required);
            f.extend(fix_faults(&set, c, Scope::All));
            f
        })
        .collect();
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    // Each kind of input is among them.
    for ext in ["yaml", "txt", "docx"] {
        let n = contracts
            .iter()
            .filter(|c| c.report.worst() >= Some(Severity::Rectify))
            .filter(|c| c.path.extension().and_then(|e| e.to_str()) == Some(ext))
            .count();
        assert!(n > 0, "no .{ext} fixture with findings");
    }
    assert!(
        with_findings >= 50,
        "only {with_findings} fixtures had findings"
    );
}

#[test]
fn a_notice_is_suggested_for_negotiation_never_as_a_duty() {
    let set = rule_set();
    let mut notices = 0;
    for c in contracts(&set) {
        for f in c
            .report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Notice)
        {
            let Some(s) = &f.suggestion else { continue };
            let words = dixian_core::suggest::wording(s, Lang::Zh);
            let name = &c.name;
            assert!(
                s.negotiate && words.starts_with("建议协商"),
                "{name}: {words}"
            );
            assert!(!words.contains("应当"), "{name}: {words}");
            notices += 1;
        }
    }
    assert!(notices > 10, "only {notices} notices with a suggestion");
}

#[test]
fn a_text_keeps_its_encoding() {
    let set = rule_set();
    for (file, encoding) in [
        ("jiangsu-gbk.txt", "GBK"),
        ("hubei-gb18030-2019.txt", "GBK"),
        ("hubei-wuhan-logistics.txt", "UTF-8"),
    ] {
        let bytes = std::fs::read(root().join("fixtures/text").join(file)).unwrap();
        let before = dixian_import::decode::decode(file, &bytes).unwrap();
        let fixed = fix(&set, file, &bytes, Scope::Required);
        let after = dixian_import::decode::decode(file, &fixed.bytes).unwrap();
        assert_eq!(before.encoding, after.encoding, "{file}");
        assert!(encoding == "GBK" || after.encoding == encoding, "{file}");
        assert_ne!(before.text, after.text, "{file}: nothing was revised");
    }
}

#[test]
fn a_gbk_text_with_windows_line_ends_keeps_them() {
    let set = rule_set();
    let text =
        std::fs::read_to_string(root().join("fixtures/text/hubei-wuhan-logistics.txt")).unwrap();
    let crlf = text.replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
    let fixed = fix(&set, "crlf.txt", &gbk, Scope::Required);
    let (decoded, _, bad) = encoding_rs::GBK.decode(&fixed.bytes);
    assert!(!bad);
    assert!(decoded.contains("产假158天"), "{decoded}");
    assert_eq!(
        decoded.matches('\n').count(),
        decoded.matches("\r\n").count()
    );
}

fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            e.read_to_end(&mut data).unwrap();
            (e.name().to_owned(), data)
        })
        .collect()
}

#[test]
fn a_docx_keeps_every_other_entry_and_marks_its_changes() {
    let set = rule_set();
    for file in [
        "hubei-table.docx",
        "beijing-runs.docx",
        "ningxia-table.docx",
    ] {
        let bytes = std::fs::read(root().join("fixtures/text").join(file)).unwrap();
        let fixed = fix(&set, file, &bytes, Scope::Required);
        let (before, after) = (entries(&bytes), entries(&fixed.bytes));
        assert_eq!(before.len(), after.len(), "{file}");
        for ((n0, d0), (n1, d1)) in before.iter().zip(&after) {
            assert_eq!(n0, n1, "{file}: entries in the same order");
            if n0 != "word/document.xml" {
                assert_eq!(d0, d1, "{file}: {n0} changed");
                continue;
            }
            let (x0, x1) = (String::from_utf8_lossy(d0), String::from_utf8_lossy(d1));
            assert!(x1.contains("w:author=\"dixian\""), "{file}");
            assert!(
                x1.contains("<w:ins ") && x1.contains("w:date=\"2026-12-05T12:00:00Z\""),
                "{file}"
            );
            // Tables and automatic numbering are untouched.
            for tag in ["<w:tbl>", "<w:tc>", "<w:tr>", "<w:numPr>"] {
                assert_eq!(
                    x0.matches(tag).count(),
                    x1.matches(tag).count(),
                    "{file}: {tag}"
                );
            }
            // Every new paragraph is a tracked insertion, and none is inside a table.
            let paragraphs = |x: &str| x.matches("<w:p>").count() + x.matches("<w:p ").count();
            let inserted_marks = x1.matches("<w:rPr><w:ins ").count();
            assert_eq!(paragraphs(&x1) - paragraphs(&x0), inserted_marks, "{file}");
            for table in x1.split("<w:tbl>").skip(1) {
                let inside = table.split("</w:tbl>").next().unwrap();
                assert!(
                    !inside.contains("<w:rPr><w:ins "),
                    "{file}: a paragraph inserted in a table"
                );
            }
            // Up to the first change, the document is byte for byte what it was.
            let first = x1
                .find("<w:ins ")
                .unwrap()
                .min(x1.find("<w:del ").unwrap_or(usize::MAX));
            let run_start = x1[..first].rfind("<w:r").unwrap_or(first).min(first);
            assert_eq!(x0[..run_start], x1[..run_start], "{file}");
        }
    }
}

#[test]
fn a_docx_whose_run_is_split_across_formatting_is_revised_in_place() {
    let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>第六条 产假</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>12</w:t></w:r><w:r><w:t xml:space="preserve">8天 &amp; 其他</w:t></w:r></w:p></w:body></w:document>"#;
    let plain = "第六条 产假128天 & 其他";
    let start = plain.find("128").unwrap();
    let edits = [dixian_core::fix::TextEdit {
        start,
        end: start + 3,
        with: "158".to_owned(),
    }];
    let (out, applied) = dixian_import::docx_revise::revise_xml(xml, plain, &edits, "D").unwrap();
    assert_eq!(applied, vec![0]);
    assert_eq!(
        out,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>第六条 产假</w:t></w:r><w:del w:id="1" w:author="dixian" w:date="D"><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">12</w:delText></w:r></w:del><w:del w:id="2" w:author="dixian" w:date="D"><w:r><w:delText xml:space="preserve">8</w:delText></w:r></w:del><w:ins w:id="3" w:author="dixian" w:date="D"><w:r><w:t xml:space="preserve">158</w:t></w:r></w:ins><w:r><w:t xml:space="preserve">天 &amp; 其他</w:t></w:r></w:p></w:body></w:document>"#
    );
    // Read back as the importer reads it, the revision says 158.
    assert_eq!(
        dixian_import::docx::text("t.docx", &docx_of(&out)).unwrap(),
        "第六条 产假158天 & 其他"
    );
}

#[test]
fn the_summary_reads_as_an_officer_would_write_it() {
    let set = rule_set();
    let file = "hubei-wuhan-logistics.txt";
    let bytes = std::fs::read(root().join("fixtures/text").join(file)).unwrap();
    insta::assert_snapshot!(fix(&set, file, &bytes, Scope::All).summary);
}

/// The words of a revised `document.xml` that dixian marked as struck (`w:delText`) or inserted
/// (`w:t` inside its `w:ins`).
fn tracked_words(xml: &str, tag: &str, text: &str) -> Vec<String> {
    let open = format!("<w:{tag} ");
    let close = format!("</w:{tag}>");
    let mut out = Vec::new();
    for part in xml.split(open.as_str()).skip(1) {
        let Some(body) = part.split(close.as_str()).next() else {
            continue;
        };
        if !body.starts_with("w:id") || !body.contains("w:author=\"dixian\"") {
            continue;
        }
        let mut words = String::new();
        for piece in body.split(&format!("<w:{text}")).skip(1) {
            let inner = piece.split('>').nth(1).unwrap_or("");
            let inner = inner.split('<').next().unwrap_or("");
            words.push_str(&quick_xml::escape::unescape(inner).unwrap());
        }
        if !words.trim().is_empty() {
            out.push(words);
        }
    }
    out
}

/// LibreOffice opens every revised .docx fixture, and its PDF shows the changes: the words struck
/// and the words inserted are all on the page (skipped with a message where LibreOffice is not
/// installed; CI installs it, with poppler-utils for pdftotext).
#[test]
fn the_revised_docx_opens_in_libreoffice_and_shows_its_changes() {
    let works = |c: &str, arg: &str| {
        std::process::Command::new(c)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let Some(soffice) = ["soffice", "libreoffice"]
        .into_iter()
        .find(|c| works(c, "--version"))
    else {
        eprintln!("skipped: soffice (LibreOffice) is not installed");
        return;
    };
    let set = rule_set();
    let dir = std::env::temp_dir().join(format!("dixian-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut revised = Vec::new();
    for c in contracts(&set) {
        let is_docx = c.path.extension().and_then(|e| e.to_str()) == Some("docx");
        if !is_docx || c.report.worst() < Some(Severity::Rectify) {
            continue;
        }
        let out = dir.join(&c.name);
        let fixed = fix(&set, &c.name, &c.bytes, Scope::Required);
        std::fs::write(&out, &fixed.bytes).unwrap();
        let xml = String::from_utf8(
            entries(&fixed.bytes)
                .into_iter()
                .find(|e| e.0 == "word/document.xml")
                .unwrap()
                .1,
        )
        .unwrap();
        revised.push((out, xml));
    }
    assert!(!revised.is_empty());
    let status = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .args(revised.iter().map(|r| &r.0))
        .env("HOME", &dir)
        .output()
        .unwrap();
    let pdftotext = works("pdftotext", "-v");
    if !pdftotext {
        eprintln!("pdftotext (poppler-utils) is not installed: the PDFs' words are not read");
    }
    for (docx, xml) in &revised {
        let pdf = docx.with_extension("pdf");
        assert!(
            status.status.success() && pdf.exists(),
            "LibreOffice could not convert {}: {}",
            docx.display(),
            String::from_utf8_lossy(&status.stderr)
        );
        if !pdftotext {
            continue;
        }
        let text = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let page = squeeze(&String::from_utf8_lossy(&text.stdout));
        let struck = tracked_words(xml, "del", "delText");
        let inserted = tracked_words(xml, "ins", "t");
        assert!(!inserted.is_empty(), "{}: no insertion", docx.display());
        for words in struck.iter().chain(&inserted) {
            assert!(
                page.contains(&squeeze(words)),
                "{}: “{words}” is not in the PDF:\n{page}",
                docx.display()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A contract whose chapters say what they are about, with final provisions and signatures.
const CHAPTERED: &str = "武汉某某电子有限公司女职工权益保护专项集体合同

甲方：武汉某某电子有限公司（湖北省武汉市）
乙方：武汉某某电子有限公司工会委员会
合同期限：2022年1月1日至2024年12月31日

第一章 经期保护
第一条 女职工经期不安排高处、低温、冷水作业和第三级体力劳动强度的劳动，每月发放卫生费40元。
第二章 防止性骚扰
第二条 甲方尊重女职工的人格尊严。
第三章 孕期和哺乳期保护
第三条 女职工产前检查时间计入劳动时间。
第四条 甲方关心孕期和哺乳期女职工的身体健康。
第四章 产期保护
第五条 女职工生育享受产假158天，难产的增加产假15天。男方享受护理假15天。
第五章 附则
第六条 本合同未尽事宜，双方协商解决。
第七条 本合同自双方签字之日起生效。

甲方代表（签字）：          乙方代表（签字）：
签订日期：2021年12月20日
";

#[test]
fn a_model_clause_goes_after_its_topic_else_its_chapter_else_the_end_of_the_body() {
    let set = rule_set();
    let (_, report) = dixian_import::api::check_bytes(
        &set,
        "chaptered.txt",
        CHAPTERED.as_bytes().to_vec(),
        &overrides(),
    )
    .unwrap();
    let after = |term: &str| {
        report
            .findings
            .iter()
            .find(|f| f.term.as_deref() == Some(term))
            .and_then(|f| f.suggestion.as_ref())
            .map(|s| s.clause.clone())
    };
    // The chapter of two periods: its last clause.
    assert_eq!(after("孕期禁忌劳动").as_deref(), Some("第四条"));
    assert_eq!(after("哺乳期禁忌劳动").as_deref(), Some("第四条"));
    // Of three periods, the last clause about one of them.
    assert_eq!(after("合同顺延").as_deref(), Some("第五条"));
    // The chapter named for it.
    assert_eq!(after("性骚扰防治").as_deref(), Some("第二条"));
    // No chapter of its own: the end of the body, before 附则.
    assert_eq!(after("禁忌劳动书面告知").as_deref(), Some("第五条"));

    let fixed = fix(&set, "chaptered.txt", CHAPTERED.as_bytes(), Scope::Required);
    let out = String::from_utf8(fixed.bytes).unwrap();
    let at = |words: &str| {
        out.find(words)
            .unwrap_or_else(|| panic!("{words} in\n{out}"))
    };
    // Each model clause on a line of its own, right after its clause.
    assert!(out.contains("第二条 甲方尊重女职工的人格尊严。\n用人单位预防和制止对女职工的性骚扰"));
    assert!(at("用人单位将本单位属于女职工禁忌从事的劳动范围") < at("第五章 附则"));
    assert!(at("女职工在孕期不得从事") < at("第四章 产期保护"));
    assert!(
        out.ends_with("甲方代表（签字）：          乙方代表（签字）：\n签订日期：2021年12月20日\n")
    );
    assert!(worst(&set, "chaptered.txt", out.as_bytes()) < Some(Severity::Rectify));
}

/// The tracked insertion of a paragraph at the end of the plain text's first line.
fn insert_after_first_line(xml: &str, plain: &str) -> String {
    let at = plain.find('\n').unwrap_or(plain.len());
    let edits = [dixian_core::fix::TextEdit {
        start: at,
        end: at,
        with: "\n女职工在孕期不得从事孕期禁忌从事的劳动。".to_owned(),
    }];
    let (out, applied) = dixian_import::docx_revise::revise_xml(xml, plain, &edits, "D").unwrap();
    assert_eq!(applied, vec![0]);
    out
}

const W: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

#[test]
fn a_paragraph_inserted_after_a_numbered_clause_is_the_next_number() {
    let first = r#"<w:p><w:pPr><w:pStyle w:val="a3"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:rPr><w:sz w:val="28"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>女职工孕期产前检查计入劳动时间。</w:t></w:r></w:p>"#;
    let rest = r#"<w:p><w:r><w:t>签订日期：2021年12月20日</w:t></w:r></w:p><w:sectPr/></w:body></w:document>"#;
    let xml = format!("{W}{first}{rest}");
    let out = insert_after_first_line(
        &xml,
        "女职工孕期产前检查计入劳动时间。\n签订日期：2021年12月20日",
    );
    let inserted = r#"<w:p><w:pPr><w:pStyle w:val="a3"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:rPr><w:ins w:id="1" w:author="dixian" w:date="D"/><w:sz w:val="28"/></w:rPr></w:pPr><w:ins w:id="2" w:author="dixian" w:date="D"><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">女职工在孕期不得从事孕期禁忌从事的劳动。</w:t></w:r></w:ins></w:p>"#;
    assert_eq!(out, format!("{W}{first}{inserted}{rest}"));
}

#[test]
fn a_clause_inserted_after_a_row_of_a_table_of_clauses_is_a_row_of_its_own() {
    // Articles in a table, the last of them a final provision: a model clause after the first row
    // goes in a new row right after it, not after the table (after 本合同自签字之日起生效).
    let row = |n: &str, words: &str| {
        format!(
            r#"<w:tr><w:trPr><w:jc w:val="center"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="1200" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="7000" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>{words}</w:t></w:r></w:p></w:tc></w:tr>"#
        )
    };
    let first = row("第一条", "女职工产前检查时间计入劳动时间。");
    let last = row("第二条", "本合同自签字之日起生效。");
    let xml = format!("{W}<w:tbl>{first}{last}</w:tbl><w:sectPr/></w:body></w:document>");
    let plain = "第一条\t女职工产前检查时间计入劳动时间。\n第二条\t本合同自签字之日起生效。";
    let at = plain.find('\n').unwrap();
    let edits = [dixian_core::fix::TextEdit {
        start: at,
        end: at,
        with: "\n女职工在孕期不得从事孕期禁忌从事的劳动。".to_owned(),
    }];
    let (out, applied) = dixian_import::docx_revise::revise_xml(&xml, plain, &edits, "D").unwrap();
    assert_eq!(applied, vec![0]);
    // The row's and the cells' properties kept; the row, each paragraph mark and the words tracked.
    let inserted = r#"<w:tr><w:trPr><w:jc w:val="center"/><w:ins w:id="1" w:author="dixian" w:date="D"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="1200" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:rPr><w:ins w:id="2" w:author="dixian" w:date="D"/></w:rPr></w:pPr></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="7000" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:jc w:val="both"/><w:rPr><w:ins w:id="3" w:author="dixian" w:date="D"/></w:rPr></w:pPr><w:ins w:id="4" w:author="dixian" w:date="D"><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">女职工在孕期不得从事孕期禁忌从事的劳动。</w:t></w:r></w:ins></w:p></w:tc></w:tr>"#;
    assert_eq!(
        out,
        format!("{W}<w:tbl>{first}{inserted}{last}</w:tbl><w:sectPr/></w:body></w:document>")
    );
}

#[test]
fn a_paragraph_inserted_after_a_table_row_goes_after_the_table_as_body_text() {
    let heading = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:jc w:val="both"/><w:sectPr/></w:pPr><w:r><w:t>甲方保障女职工享受下列待遇：</w:t></w:r></w:p>"#;
    let table = r#"<w:tbl><w:tr><w:tc><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>产假</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>158天</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
    let rest = r#"<w:p><w:r><w:t>签订日期：2021年12月20日</w:t></w:r></w:p></w:body></w:document>"#;
    let xml = format!("{W}{heading}{table}{rest}");
    let plain = "甲方保障女职工享受下列待遇：\n产假\t158天\n签订日期：2021年12月20日";
    let at = plain.find("158天").unwrap() + "158天".len();
    let edits = [dixian_core::fix::TextEdit {
        start: at,
        end: at,
        with: "\n女职工在孕期不得从事孕期禁忌从事的劳动。".to_owned(),
    }];
    let (out, _) = dixian_import::docx_revise::revise_xml(&xml, plain, &edits, "D").unwrap();
    // The body paragraph's alignment, neither its numbering nor its section break.
    let inserted = r#"<w:p><w:pPr><w:jc w:val="both"/><w:rPr><w:ins w:id="1" w:author="dixian" w:date="D"/></w:rPr></w:pPr><w:ins w:id="2" w:author="dixian" w:date="D"><w:r><w:t xml:space="preserve">女职工在孕期不得从事孕期禁忌从事的劳动。</w:t></w:r></w:ins></w:p>"#;
    assert_eq!(out, format!("{W}{heading}{table}{inserted}{rest}"));
}

fn docx_of(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, document_xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A contract whose articles are numbered by Word (automatic numbering), not in its text.
#[test]
fn a_docx_with_automatic_numbering_fixed_checks_clean_and_stays_fixed() {
    let numbered = |text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let plain = |text: &str| format!(r#"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"#);
    let body: String = [
        plain("武汉某某电子有限公司女职工权益保护专项集体合同"),
        plain("甲方：武汉某某电子有限公司（湖北省武汉市）"),
        plain("合同期限：2022年1月1日至2024年12月31日"),
        numbered("女职工经期不安排高处、低温、冷水作业，每月发放卫生费40元。"),
        numbered("女职工生育享受产假128天。"),
        numbered("哺乳未满1周岁婴儿的女职工，每天哺乳时间1小时。"),
        plain("签订日期：2021年12月20日"),
    ]
    .concat();
    let bytes = docx_of(&format!("{W}{body}</w:body></w:document>"));
    let set = rule_set();
    assert!(worst(&set, "numbered.docx", &bytes) >= Some(Severity::Rectify));
    let once = fix(&set, "numbered.docx", &bytes, Scope::Required);
    assert!(once.changes > 0);
    assert!(worst(&set, "numbered.docx", &once.bytes) < Some(Severity::Rectify));
    let twice = fix(&set, "numbered.docx", &once.bytes, Scope::Required);
    assert_eq!(twice.changes, 0, "{}", twice.summary);
    let xml = String::from_utf8(entries(&once.bytes).remove(0).1).unwrap();
    // Inserted clauses follow numbered ones, numbered in turn; the signing date stays last.
    assert!(xml.matches("<w:numId w:val=\"1\"/>").count() > 3);
    assert!(xml.rfind("w:author=\"dixian\"").unwrap() < xml.find("签订日期").unwrap());
}

/// A contract of `region` that promises nearly nothing, as a .txt and as YAML: every model clause
/// the rule data holds for the region is proposed into it.
fn bare_contracts(region: &str, years: (i32, i32)) -> [(String, String); 2] {
    let (from, to) = years;
    let txt = format!(
        "某某有限公司女职工权益保护专项集体合同\n甲方：某某有限公司（{region}）\n乙方：某某有限公司工会委员会\n合同期限：{from}年1月1日至{to}年12月31日\n第一条 甲方关心女职工的身体健康。\n签订日期：{}年12月20日\n",
        from - 1
    );
    let yaml = format!(
        "region: {region}\nterm: {{start: {from}-01-01, end: {to}-12-31}}\nclauses:\n  - id: 第一条\n    text: 甲方关心女职工的身体健康。\n"
    );
    [("bare.txt".to_owned(), txt), ("bare.yaml".to_owned(), yaml)]
}

/// Every model clause, once inserted, reads as the term it supplies: a contract of each region that
/// promises nearly nothing, fixed with the notices too, leaves nothing for a second fix, as a .txt
/// and as YAML, for a contract of years past and one of today.
#[test]
fn every_model_clause_reads_as_what_it_supplies() {
    let set = rule_set();
    let mut faults = Vec::new();
    let mut fixed = 0;
    for j in &set.jurisdictions {
        let region = j.names.first().unwrap_or(&j.name);
        if j.parent.is_none() {
            continue;
        }
        for years in [(2017, 2019), (2024, 2026)] {
            for (name, text) in bare_contracts(region, years) {
                let c = Fixture {
                    path: PathBuf::from(format!("{region}/{}-{}/{name}", years.0, years.1)),
                    report: dixian_import::api::check_bytes(
                        &set,
                        &name,
                        text.clone().into_bytes(),
                        &overrides(),
                    )
                    .unwrap()
                    .1,
                    name,
                    bytes: text.into_bytes(),
                };
                faults.extend(fix_faults(&set, &c, Scope::All));
                faults.extend(fix_faults(&set, &c, Scope::Required));
                fixed += 1;
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    assert!(fixed > 100, "only {fixed} contracts");
}

/// Every suggestion the imported documents get, as the officer reads it under each finding: one
/// snapshot to review in full (figures in the clause's own numerals, addition phrases, model clauses
/// after their topic, struck sentences, 建议协商 for what the law does not require).
#[test]
fn the_suggestions_read_as_an_officer_would_write_them() {
    let set = rule_set();
    let mut out = String::new();
    for c in contracts(&set) {
        let under_text = c.path.parent().and_then(|p| p.file_name()) == Some("text".as_ref());
        if !under_text {
            continue;
        }
        out.push_str(&format!("## {}\n", c.name));
        for f in &c.report.findings {
            let Some(s) = &f.suggestion else { continue };
            out.push_str(&format!(
                "- {}（{}）{}\n  {}\n",
                f.clause.as_deref().unwrap_or("合同"),
                f.severity.chinese(),
                f.message,
                dixian_core::suggest::wording(s, Lang::Zh)
            ));
        }
    }
    insta::assert_snapshot!(out);
}

/// A contract that writes its figures in Chinese numerals, with an addition whose base it only
/// names and a daily time counted per feed in minutes.
const CHINESE_NUMERALS: &str = "合肥某某电器有限公司女职工权益保护专项集体合同
公司地址：安徽省合肥市经开区某某路2号
第一条 本合同期限自2023年1月1日至2025年12月31日。
第二条 女职工生育，在国家规定的产假基础上延长产假三十天。
第三条 哺乳未满一周岁婴儿的女职工，每天哺乳时间两次，每次十五分钟。
第四条 女职工哺乳期内每天享有半小时哺乳时间。
第五条 本合同自签字之日起生效。
";

#[test]
fn a_revised_figure_and_a_model_clause_read_as_the_contract_writes_its_figures() {
    let set = rule_set();
    let line = |text: &str, n: usize| text.lines().nth(n).unwrap_or_default().to_owned();
    let fixed = fix(&set, "a.txt", CHINESE_NUMERALS.as_bytes(), Scope::Required);
    let out = String::from_utf8(fixed.bytes).unwrap();
    // The addition to the base only named (98天) changes, not the whole phrase to 158天.
    assert_eq!(
        line(&out, 3),
        "第二条 女职工生育，在国家规定的产假基础上延长产假六十天。"
    );
    // Per feed, in minutes: two feeds of half an hour make the hour.
    assert_eq!(
        line(&out, 4),
        "第三条 哺乳未满一周岁婴儿的女职工，每天哺乳时间两次，每次三十分钟。"
    );
    // Model clauses write 一周岁, as the contract does, never 1周岁.
    assert!(out.contains("哺乳未满一周岁婴儿期间，不得从事"), "{out}");
    assert!(!out.contains("1周岁"), "{out}");
    assert!(worst(&set, "a.txt", out.as_bytes()) < Some(Severity::Rectify));

    // Twenty minutes twice (0.667小时): thirty, a whole number of minutes.
    let twenty = CHINESE_NUMERALS.replace("每次十五分钟", "每次二十分钟");
    let out =
        String::from_utf8(fix(&set, "c.txt", twenty.as_bytes(), Scope::Required).bytes).unwrap();
    assert!(out.contains("每天哺乳时间两次，每次三十分钟。"), "{out}");

    // 半小时 is Chinese: 一小时, not 1小时.
    let single = CHINESE_NUMERALS.replace(
        "第三条 哺乳未满一周岁婴儿的女职工，每天哺乳时间两次，每次十五分钟。\n",
        "",
    );
    let fixed = fix(&set, "b.txt", single.as_bytes(), Scope::Required);
    let out = String::from_utf8(fixed.bytes).unwrap();
    assert!(
        out.contains("第四条 女职工哺乳期内每天享有一小时哺乳时间。"),
        "{out}"
    );
}

#[test]
fn an_addition_in_calendar_months_is_raised_in_months() {
    let set = rule_set();
    let text = "新乡某某电池有限公司女职工权益保护专项集体合同
公司地址：河南省新乡市红旗区某某路3号
第一条 本合同期限自2022年1月1日至2024年12月31日。
第二条 女职工生育享受产假九十八天，另增加产假一个月。
第三条 本合同自签字之日起生效。
";
    let fixed = fix(&set, "m.txt", text.as_bytes(), Scope::Required);
    let out = String::from_utf8(fixed.bytes).unwrap();
    // 河南: 98天加3个月. The month stays a month (was 一百六十天, short of the floor, and a second fix
    // raised it again).
    assert!(
        out.contains("第二条 女职工生育享受产假九十八天，另增加产假三个月。"),
        "{out}"
    );
    assert!(worst(&set, "m.txt", out.as_bytes()) < Some(Severity::Rectify));
    let again = fix(&set, "m.txt", out.as_bytes(), Scope::Required);
    assert_eq!(String::from_utf8(again.bytes).unwrap(), out);
}

#[test]
fn a_total_and_its_parts_in_brackets_still_add_up() {
    let set = rule_set();
    let text = "武汉某某物流有限公司女职工权益保护专项集体合同
地址：湖北省武汉市江汉区某某路1号
第一条 本合同期限自2022年1月1日至2024年12月31日。
第二条 女职工生育享受产假一百二十八天（含国家规定的产假九十八天、生育奖励假三十天）。
第三条 本合同自签字之日起生效。
";
    let out =
        String::from_utf8(fix(&set, "b.txt", text.as_bytes(), Scope::Required).bytes).unwrap();
    assert!(
        out.contains("产假一百五十八天（含国家规定的产假九十八天、生育奖励假六十天）。"),
        "{out}"
    );
    assert!(worst(&set, "b.txt", out.as_bytes()) < Some(Severity::Rectify));
    // One part in brackets is not a breakdown of the total.
    let one = text.replace(
        "（含国家规定的产假九十八天、生育奖励假三十天）",
        "（含产前假十五天）",
    );
    let out = String::from_utf8(fix(&set, "c.txt", one.as_bytes(), Scope::Required).bytes).unwrap();
    assert!(
        out.contains("产假一百五十八天（含产前假十五天）。"),
        "{out}"
    );
}

#[test]
fn a_paragraph_inserted_after_a_clause_indented_with_spaces_is_indented_alike() {
    let xml = format!(
        "{W}<w:p><w:r><w:t xml:space=\"preserve\">　　第四条　哺乳期内，每天哺乳时间一小时。</w:t></w:r></w:p><w:sectPr/></w:body></w:document>"
    );
    let plain = "　　第四条　哺乳期内，每天哺乳时间一小时。";
    let edits = [dixian_core::fix::TextEdit {
        start: plain.len(),
        end: plain.len(),
        with: "\n　　女职工在孕期不得从事孕期禁忌从事的劳动。".to_owned(),
    }];
    let (out, applied) = dixian_import::docx_revise::revise_xml(&xml, plain, &edits, "D").unwrap();
    assert_eq!(applied, vec![0]);
    assert!(
        out.contains(
            r#"<w:t xml:space="preserve">　　女职工在孕期不得从事孕期禁忌从事的劳动。</w:t>"#
        ),
        "{out}"
    );
}

#[test]
fn a_figure_wrapped_over_two_lines_is_read_and_raised_in_place() {
    let set = rule_set();
    // A text pasted from a PDF: its lines wrapped by hand, one between 七 and 天.
    let text = "襄阳某某汽车配件有限公司女职工权益保护专项集体合同
公司地址：湖北省襄阳市高新区某某路3号
第一条 本合同期限自2023年1月1日至2025年12月31日。
第二条 女职工生育享受产假一百五十八天。女职工配偶享受护理假七
天。
第三条 本合同自签字之日起生效。
";
    let fixed = fix(&set, "w.txt", text.as_bytes(), Scope::Required);
    let out = String::from_utf8(fixed.bytes).unwrap();
    // Raised where it stands, not a second 护理假 clause beside the first.
    assert!(out.contains("享受护理假十五\n天。"), "{out}");
    assert_eq!(out.matches("护理假").count(), 1, "{out}");
    assert!(worst(&set, "w.txt", out.as_bytes()) < Some(Severity::Rectify));
}

#[test]
fn days_below_a_floor_in_months_become_the_months_the_law_writes() {
    let set = rule_set();
    // 河南: 护理假1个月. Raised to the floor as written (一个月), not to the days of the longest
    // month (三十一天), in the clause's own numerals.
    for (stated, raised) in [("十五天", "一个月"), ("15天", "1个月")] {
        let text = format!(
            "郑州某某机械有限公司女职工权益保护专项集体合同
公司地址：河南省郑州市金水区某某路8号
第一条 本合同期限自2023年1月1日至2025年12月31日。
第二条 女职工配偶享受护理假{stated}。
第三条 本合同自签字之日起生效。
"
        );
        let fixed = fix(&set, "h.txt", text.as_bytes(), Scope::Required);
        let out = String::from_utf8(fixed.bytes).unwrap();
        assert!(out.contains(&format!("享受护理假{raised}。")), "{out}");
        assert!(worst(&set, "h.txt", out.as_bytes()) < Some(Severity::Rectify));
        let again = fix(&set, "h.txt", out.as_bytes(), Scope::Required);
        assert_eq!(String::from_utf8(again.bytes).unwrap(), out);
    }
}
