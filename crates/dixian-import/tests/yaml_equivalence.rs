//! The YAML form written by `dixian import` and the document it came from give the same findings, and
//! findings on a document underline the words of the document itself.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use dixian_core::report::{Finding, Report};
use dixian_core::{contract, eval};

/// What must agree between the two forms: rule, severity, term, clause, window and kind.
type Key = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
);

fn key(f: &Finding) -> Key {
    (
        f.rule.clone(),
        f.severity.to_string(),
        f.term.clone(),
        f.clause.clone(),
        f.from.clone(),
        f.to.clone(),
        format!("{:?}", f.kind),
    )
}

fn keys(r: &Report) -> Vec<Key> {
    let mut k: Vec<Key> = r.findings.iter().map(key).collect();
    k.sort();
    k
}

#[test]
fn yaml_form_and_text_form_give_the_same_findings() {
    let set = common::rules();
    let mut compared = 0;
    for (doc, _) in common::fixtures() {
        let imported = common::import_fixture(&doc, &set);
        let from_text = eval::check(&set, &imported.contract).unwrap();
        let yaml = dixian_import::yaml_form::to_yaml(&imported, &set.vocabulary);
        let reloaded = contract::load_yaml("合同.yaml", &yaml, &set.vocabulary)
            .unwrap_or_else(|e| panic!("{}: YAML form does not load: {e}\n{yaml}", doc.display()));
        let from_yaml = eval::check(&set, &reloaded).unwrap();
        assert_eq!(keys(&from_text), keys(&from_yaml), "{}", doc.display());
        assert_eq!(from_text.coverage, from_yaml.coverage, "{}", doc.display());
        assert_eq!(
            from_text.above_floor,
            from_yaml.above_floor,
            "{}",
            doc.display()
        );
        assert!(
            !from_text.findings.is_empty() || !from_text.above_floor.is_empty(),
            "{}: the check said something",
            doc.display()
        );
        compared += 1;
    }
    assert!(compared >= 12);
}

#[test]
fn findings_underline_the_original_words() {
    let set = common::rules();
    let doc = common::fixtures_dir().join("hubei-wuhan-logistics.txt");
    let imported = common::import_fixture(&doc, &set);
    let mut report = eval::check(&set, &imported.contract).unwrap();
    dixian_import::add_import_findings(&mut report, &imported);
    let source = &imported.contract.source;
    assert_eq!(
        source,
        &std::fs::read_to_string(&doc).unwrap(),
        "the source is the document's own text"
    );

    // 128 days met Hubei's floor until 2021-11-25 and falls short of 158 from the next day on.
    let maternity = report
        .findings
        .iter()
        .find(|f| f.rule == "湖北.产假")
        .expect("a 产假 finding");
    let (s, e) = maternity.bytes.unwrap();
    assert_eq!(&source[s..e], "128天");
    assert_eq!(
        (maternity.from.as_str(), maternity.to.as_str()),
        ("2021-11-26", "2024-04-30")
    );
    let line = source[..s].matches('\n').count() + 1;
    assert_eq!(maternity.line, Some(u32::try_from(line).unwrap()));

    // The unlawful clause is referred, underlined in the text.
    let unlawful = report
        .findings
        .iter()
        .find(|f| f.rule == "全国.限制婚育条款")
        .expect("the 不得生育 clause");
    let (s, e) = unlawful.bytes.unwrap();
    assert_eq!(&source[s..e], "不得生育");

    // The vague clause is a notice at its words.
    let vague = report
        .findings
        .iter()
        .find(|f| f.rule == dixian_import::VAGUE_RULE)
        .expect("a vague notice");
    let (s, e) = vague.bytes.unwrap();
    assert_eq!(
        (vague.clause.as_deref(), &source[s..e]),
        (Some("第十条"), "按国家有关规定执行")
    );
    assert_eq!(vague.severity, dixian_core::rules::Severity::Notice);

    // The lawful protection 不得因…怀孕…解除劳动合同 is not mistaken for unlawful wording.
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.rule == "全国.怀孕解除条款" && f.clause.as_deref() == Some("第四条"))
    );
}
