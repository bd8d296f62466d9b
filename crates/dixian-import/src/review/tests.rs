#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use super::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../fixtures/text/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn set() -> &'static RuleSet {
    dixian_core::api::builtin().unwrap()
}

fn import(name: &str) -> ImportedDocument {
    let opts = ImportOptions {
        filename: format!("/some/folder/{name}"),
        ..ImportOptions::default()
    };
    match import_document(set(), &fixture(name), &opts, &crate::decode::decode_native) {
        Answer::Success(d) => d,
        Answer::Failure { errors } => panic!("{errors:?}"),
    }
}

fn rules(c: &Checked) -> Vec<(String, String)> {
    c.report
        .findings
        .iter()
        .map(|f| (f.rule.clone(), f.from.clone()))
        .collect()
}

#[test]
fn a_document_checks_as_the_cli_reads_it_and_its_form_checks_the_same() {
    let doc = import("hubei-wuhan-logistics.txt");
    assert_eq!(doc.form.file, "hubei-wuhan-logistics.txt", "no folder");
    let imported = crate::import(
        "hubei-wuhan-logistics.txt",
        &fixture("hubei-wuhan-logistics.txt"),
        crate::Format::Text,
        set(),
        &Overrides::default(),
    )
    .unwrap();
    let mut report = dixian_core::eval::check(set(), &imported.contract).unwrap();
    crate::add_import_findings(&mut report, &imported);
    // As the CLI does (api::check_imported): the importer's notices get their suggestions too.
    dixian_core::suggest::attach(set(), &imported.contract, &mut report);
    assert_eq!(doc.checked.checked.report.findings, report.findings);
    assert_eq!(
        doc.checked.yaml,
        crate::yaml_form::to_yaml(&imported, &set().vocabulary)
    );
    let again = check_form(set(), &doc.text, &doc.form, &CheckOptions::default());
    let Answer::Success(again) = again else {
        panic!()
    };
    assert_eq!(rules(&again.checked), rules(&doc.checked.checked));
    // Locations are UTF-16 ranges into the document text.
    let units: Vec<u16> = doc.text.encode_utf16().collect();
    let leave = doc
        .checked
        .checked
        .report
        .findings
        .iter()
        .position(|f| f.rule == "湖北.产假")
        .unwrap();
    let at = doc.checked.checked.locations[leave].value.unwrap();
    let words = String::from_utf16(&units[at.start..at.end]).unwrap();
    let read = doc
        .form
        .clauses
        .iter()
        .flat_map(|c| &c.terms)
        .find(|t| t.term == "产假")
        .unwrap();
    assert_eq!(words, read.words);
    assert_eq!(read.at, Some(at));
}

#[test]
fn edits_change_the_findings_and_bad_values_are_named_at_their_clause() {
    let doc = import("hubei-wuhan-logistics.txt");
    let mut form = doc.form.clone();
    let clause = form
        .clauses
        .iter_mut()
        .find(|c| c.terms.iter().any(|t| t.term == "产假"))
        .unwrap();
    let id = clause.id.clone();
    clause
        .terms
        .iter_mut()
        .find(|t| t.term == "产假")
        .unwrap()
        .value = "158天".into();
    let Answer::Success(fixed) = check_form(set(), &doc.text, &form, &CheckOptions::default())
    else {
        panic!()
    };
    assert!(!rules(&fixed.checked).iter().any(|(r, _)| r == "湖北.产假"));
    assert!(fixed.yaml.contains("产假: \"158天\""));

    let clause = form.clauses.iter_mut().find(|c| c.id == id).unwrap();
    clause.terms.push(FormTerm {
        term: "卫生费".into(),
        value: "三十天".into(),
        ..FormTerm::default()
    });
    let Answer::Failure { errors } = check_form(set(), &doc.text, &form, &CheckOptions::default())
    else {
        panic!()
    };
    assert!(
        errors[0].message.starts_with(&format!("{id}：")),
        "{errors:?}"
    );
    assert!(errors[0].line > 1);
}

#[test]
fn refusals_are_answers() {
    let opts = |f: &str| ImportOptions {
        filename: f.into(),
        ..ImportOptions::default()
    };
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let Answer::Failure { errors } =
        import_document(set(), png, &opts("a.docx"), &crate::decode::decode_native)
    else {
        panic!()
    };
    assert!(errors[0].message.contains("不是 ZIP 压缩包"));
    let Answer::Failure { errors } =
        import_document(set(), b"x", &opts("a.pdf"), &crate::decode::decode_native)
    else {
        panic!()
    };
    assert!(errors[0].message.contains(".docx 或 .txt"));
}

#[test]
fn the_revised_draft_of_a_reviewed_docx_checks_clean_and_keeps_the_corrections() {
    use dixian_core::fix::Scope;
    use dixian_core::rules::Severity;
    let options = crate::fix::Options {
        scope: Scope::Required,
        date: "2026-12-05T00:00:00Z".to_owned(),
        lang: dixian_core::render::Lang::Zh,
    };
    for name in ["hubei-table.docx", "beijing-runs.docx"] {
        let doc = import(name);
        assert!(
            doc.checked.checked.report.worst() >= Some(Severity::Rectify),
            "{name}"
        );
        let fixed = revise_form(set(), &fixture(name), &doc.text, &doc.form, &options).unwrap();
        assert!(fixed.changes > 0, "{name}");
        let again = crate::import(
            name,
            &fixed.bytes,
            crate::Format::Docx,
            set(),
            &Overrides::default(),
        )
        .unwrap();
        let mut report = dixian_core::eval::check(set(), &again.contract).unwrap();
        crate::add_import_findings(&mut report, &again);
        assert!(
            report.worst() < Some(Severity::Rectify),
            "{name}: {:?}",
            report.findings
        );
    }
}
