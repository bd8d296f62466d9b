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

/// The contracts with findings: the YAML fixtures and the documents of the importer's fixtures.
fn inputs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["fixtures", "fixtures/text"] {
        for e in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = e.unwrap().path();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if ["yaml", "txt", "docx"].contains(&ext) && !p.to_string_lossy().contains(".expected.")
            {
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

#[test]
fn every_fixture_fixed_checks_clean_and_a_second_fix_changes_nothing() {
    let set = rule_set();
    let mut fixed_any = 0;
    for path in inputs() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        if worst(&set, &name, &bytes) < Some(Severity::Rectify) {
            continue;
        }
        let once = fix(&set, &name, &bytes, Scope::Required);
        assert!(once.changes > 0, "{name}: nothing changed");
        assert!(
            worst(&set, &name, &once.bytes) < Some(Severity::Rectify),
            "{name}: still needs rectifying after fix:\n{}",
            String::from_utf8_lossy(&once.bytes)
        );
        let twice = fix(&set, &name, &once.bytes, Scope::Required);
        assert_eq!(
            twice.changes, 0,
            "{name}: the second fix changed {}",
            twice.summary
        );
        assert_eq!(twice.bytes, once.bytes, "{name}");
        fixed_any += 1;
    }
    assert!(fixed_any >= 15, "only {fixed_any} fixtures had findings");
}

#[test]
fn fixing_notices_too_also_leaves_nothing_to_rectify() {
    let set = rule_set();
    for path in inputs() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let all = fix(&set, &name, &bytes, Scope::All);
        assert!(
            worst(&set, &name, &all.bytes) < Some(Severity::Rectify),
            "{name}"
        );
    }
}

#[test]
fn a_notice_is_suggested_for_negotiation_never_as_a_duty() {
    let set = rule_set();
    let mut notices = 0;
    for path in inputs() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let (_, report) =
            dixian_import::api::check_bytes(&set, &name, bytes, &overrides()).unwrap();
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Notice)
        {
            let Some(s) = &f.suggestion else { continue };
            let words = dixian_core::suggest::wording(s, Lang::Zh);
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
            for tag in ["<w:tbl>", "<w:tc>", "<w:numPr>", "<w:pPr>"] {
                assert_eq!(
                    x0.matches(tag).count(),
                    x1.matches(tag).count(),
                    "{file}: {tag}"
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
    assert_eq!(applied, 1);
    assert_eq!(
        out,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>第六条 产假</w:t></w:r><w:del w:id="1" w:author="dixian" w:date="D"><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">12</w:delText></w:r></w:del><w:del w:id="2" w:author="dixian" w:date="D"><w:r><w:delText xml:space="preserve">8</w:delText></w:r></w:del><w:ins w:id="3" w:author="dixian" w:date="D"><w:r><w:t xml:space="preserve">158</w:t></w:r></w:ins><w:r><w:t xml:space="preserve">天 &amp; 其他</w:t></w:r></w:p></w:body></w:document>"#
    );
    // Read back as the importer reads it, the revision says 158.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, out.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(
        dixian_import::docx::text("t.docx", &bytes).unwrap(),
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

/// LibreOffice opens the revised document (skipped with a message where it is not installed; CI
/// installs it).
#[test]
fn the_revised_docx_opens_in_libreoffice() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("skipped: soffice (LibreOffice) is not installed");
        return;
    };
    let set = rule_set();
    let dir = std::env::temp_dir().join(format!("dixian-fix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bytes = std::fs::read(root().join("fixtures/text/hubei-table.docx")).unwrap();
    let out = dir.join("hubei-table-revised.docx");
    std::fs::write(
        &out,
        fix(&set, "hubei-table.docx", &bytes, Scope::Required).bytes,
    )
    .unwrap();
    let status = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&out)
        .env("HOME", &dir)
        .output()
        .unwrap();
    let pdf = dir.join("hubei-table-revised.pdf");
    assert!(
        status.status.success() && pdf.exists(),
        "LibreOffice could not convert the revised document: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(std::fs::metadata(&pdf).unwrap().len() > 1000);
    let _ = std::fs::remove_dir_all(&dir);
}
