//! The exports as JavaScript sees them, in headless Chromium (`scripts/ci-wasm.sh` runs these). Every
//! refusal test also checks the instance still answers afterwards: a trap would poison it.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const COMPLIANT: &str = include_str!("../../../fixtures/compliant/hubei.yaml");
const VIOLATING: &str = include_str!("../../../fixtures/hubei-wuhan-logistics.yaml");

fn as_json(v: JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(&v).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

fn check(yaml: &str, options: JsValue) -> Value {
    // `undefined` is how JavaScript omits the argument; wasm-bindgen hands it over as `None`.
    let options = (!options.is_undefined()).then_some(options);
    as_json(dixian_wasm::check(&JsValue::from_str(yaml), options))
}

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn first_error(answer: &Value) -> &Value {
    assert_eq!(answer["type"], "failure", "{answer}");
    &answer["errors"][0]
}

/// The instance still works: the one sign that nothing trapped.
fn still_alive() {
    assert_eq!(check(VIOLATING, JsValue::UNDEFINED)["type"], "success");
}

#[wasm_bindgen_test]
fn compliant_contract_has_no_findings_and_covers_the_five_periods() {
    let a = check(COMPLIANT, JsValue::UNDEFINED);
    assert_eq!(a["type"], "success", "{a}");
    assert_eq!(a["report"]["findings"], Value::Array(vec![]));
    for period in ["经期", "孕期", "产期", "哺乳期", "更年期"] {
        assert_eq!(a["report"]["coverage"][period], true, "{period}");
    }
    assert!(!a["report"]["above_floor"].as_array().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn violating_contract_reports_its_findings_with_locations() {
    let a = check(VIOLATING, JsValue::UNDEFINED);
    let findings = a["report"]["findings"].as_array().unwrap();
    let leave = findings
        .iter()
        .position(|f| f["rule"] == "湖北.产假")
        .expect("产假 below 158天");
    assert_eq!(findings[leave]["expected"], "不少于158天");
    assert_eq!(findings[leave]["actual"], "128天");
    assert_eq!(findings[leave]["from"], "2021-11-26");
    assert!(findings.iter().any(|f| f["kind"] == "unlawful_text"));
    // The location is in UTF-16 units, as JavaScript slices strings.
    let loc = &a["locations"][leave]["value"];
    let slice = js_sys::JsString::from(VIOLATING).slice(
        loc["start"].as_u64().unwrap() as u32,
        loc["end"].as_u64().unwrap() as u32,
    );
    assert_eq!(String::from(slice), "128天");
}

#[wasm_bindgen_test]
fn options_override_region_and_date() {
    let a = check(
        VIOLATING,
        options(r#"{"region": "北京市", "date": "2022-01-01"}"#),
    );
    assert_eq!(a["report"]["contract"]["region"], "北京市");
    assert_eq!(a["contract_region"], "湖北省武汉市");
    let findings = a["report"]["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .all(|f| f["from"] == "2022-01-01" && f["to"] == "2022-01-01")
    );
    assert!(findings.iter().all(|f| f["jurisdiction"] != "湖北"));
    let bad = check(VIOLATING, options(r#"{"regoin": "北京"}"#));
    assert_eq!(first_error(&bad)["file"], "options");
}

#[wasm_bindgen_test]
fn malformed_yaml_is_a_located_failure() {
    let a = check(
        "region: 湖北省\nterm: {start: 2023-01-01\nclauses: []\n",
        JsValue::UNDEFINED,
    );
    let e = first_error(&a);
    assert!(e["line"].as_u64().unwrap() >= 2, "{e}");
    assert!(e["column"].as_u64().unwrap() >= 1);
    assert!(!e["message"].as_str().unwrap().is_empty());
    still_alive();
}

#[wasm_bindgen_test]
fn deep_yaml_nesting_is_refused_without_trapping() {
    for depth in [200, 999, 2_000, 200_000] {
        let flow = format!("region: 湖北\nclauses: {}", "[".repeat(depth));
        assert_eq!(
            check(&flow, JsValue::UNDEFINED)["type"],
            "failure",
            "flow depth {depth}"
        );
        let compact = format!("clauses:\n{}x\n", "- ".repeat(depth));
        assert_eq!(
            check(&compact, JsValue::UNDEFINED)["type"],
            "failure",
            "block depth {depth}"
        );
    }
    still_alive();
}

#[wasm_bindgen_test]
fn deep_rule_grammar_nesting_is_refused_without_trapping() {
    let rules = serde_json::json!({"rules": [{"name": "deep.dixian", "text": format!("rule a {}", "{".repeat(100_000))}]});
    let a = check(VIOLATING, options(&rules.to_string()));
    assert_eq!(first_error(&a)["file"], "deep.dixian");
    still_alive();
}

#[wasm_bindgen_test]
fn oversized_input_is_refused_before_it_is_copied() {
    let huge = format!("title: {}", "长".repeat(3 * 1024 * 1024));
    let e = check(&huge, JsValue::UNDEFINED);
    assert!(
        first_error(&e)["message"]
            .as_str()
            .unwrap()
            .contains("过大")
    );
    let not_text = as_json(dixian_wasm::check(&JsValue::from_f64(1.0), None));
    assert_eq!(not_text["type"], "failure");
    still_alive();
}

#[wasm_bindgen_test]
fn regions_and_rules_in_force() {
    let r = as_json(dixian_wasm::regions());
    assert!(
        r["regions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["name"] == "湖北" && x["parent"] == "全国")
    );
    let early = as_json(dixian_wasm::rules_in_force(
        &"湖北省".into(),
        &"2021-06-01".into(),
    ));
    let late = as_json(dixian_wasm::rules_in_force(
        &"湖北省".into(),
        &"2022-01-01".into(),
    ));
    let leave = |v: &Value| {
        v["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == "湖北.产假")
            .map(|x| x["requirement"].clone())
    };
    assert_eq!(leave(&early), Some(Value::from("产假 ≥128天")));
    assert_eq!(leave(&late), Some(Value::from("产假 ≥158天")));
    assert_eq!(
        as_json(dixian_wasm::rules_in_force(&"湖北".into(), &"明天".into()))["type"],
        "failure"
    );
}

const GBK_TEXT: &[u8] = include_bytes!("../../../fixtures/text/jiangsu-gbk.txt");
const TABLE_DOCX: &[u8] = include_bytes!("../../../fixtures/text/hubei-table.docx");

fn import(bytes: &[u8], filename: &str) -> Value {
    let opts = options(&serde_json::json!({ "filename": filename }).to_string());
    as_json(dixian_wasm::import_document(
        &js_sys::Uint8Array::from(bytes).into(),
        &opts,
    ))
}

fn finding_keys(answer: &Value) -> Vec<(String, String)> {
    answer["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].to_string(), f["from"].to_string()))
        .collect()
}

#[wasm_bindgen_test]
fn a_gbk_text_is_decoded_by_the_browser_as_encoding_rs_decodes_it() {
    let a = import(GBK_TEXT, "jiangsu-gbk.txt");
    assert_eq!(a["type"], "success", "{a}");
    assert_eq!(a["form"]["encoding"], "GBK");
    assert!(!finding_keys(&a).is_empty());
    // The same import with encoding_rs (compiled into this test only) reads the same text and form.
    let set = dixian_core::api::builtin().unwrap();
    let native = dixian_import::review::import_document(
        set,
        GBK_TEXT,
        &dixian_import::review::ImportOptions {
            filename: "jiangsu-gbk.txt".into(),
            ..Default::default()
        },
        &dixian_import::decode::decode_native,
    );
    let native: Value = serde_json::from_str(&native.to_json()).unwrap();
    assert_eq!(a["text"], native["text"]);
    assert_eq!(a["form"], native["form"]);
    assert_eq!(a["report"], native["report"]);
}

#[wasm_bindgen_test]
fn a_docx_imports_and_its_corrected_form_rechecks() {
    let a = import(TABLE_DOCX, "hubei-table.docx");
    assert_eq!(a["type"], "success", "{a}");
    assert_eq!(a["form"]["encoding"], "docx");
    let text = JsValue::from_str(a["text"].as_str().unwrap());
    let form = options(&a["form"].to_string());
    let same = as_json(dixian_wasm::check_form(&text, &form, None));
    assert_eq!(finding_keys(&same), finding_keys(&a));
    assert_eq!(same["yaml"], a["yaml"]);

    // Deleting every term of the first clause with terms changes what is found.
    let mut edited = a["form"].clone();
    let clause = edited["clauses"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| !c["terms"].as_array().unwrap().is_empty())
        .unwrap();
    clause["terms"] = Value::Array(vec![]);
    let changed = as_json(dixian_wasm::check_form(
        &text,
        &options(&edited.to_string()),
        None,
    ));
    assert_eq!(changed["type"], "success", "{changed}");
    assert_ne!(finding_keys(&changed), finding_keys(&a));

    let letter = as_json(dixian_wasm::document_letter(&text, &form, None));
    assert_eq!(letter["type"], "success", "{letter}");
    assert!(letter["text"].as_str().unwrap().starts_with("# "));
}

#[wasm_bindgen_test]
fn documents_that_cannot_be_read_are_refused_in_words_without_trapping() {
    let png = import(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "photo.docx");
    assert!(
        first_error(&png)["message"]
            .as_str()
            .unwrap()
            .contains("不是 ZIP 压缩包")
    );
    let pdf = import(b"%PDF-1.7", "contract.pdf");
    assert!(
        first_error(&pdf)["message"]
            .as_str()
            .unwrap()
            .contains(".docx 或 .txt")
    );
    let not_bytes = as_json(dixian_wasm::import_document(
        &JsValue::from_str("text"),
        &options(r#"{"filename": "a.txt"}"#),
    ));
    assert_eq!(not_bytes["type"], "failure");
    let bad_option = import(GBK_TEXT, "a.txt");
    assert_eq!(bad_option["type"], "success");
    let unknown = as_json(dixian_wasm::import_document(
        &js_sys::Uint8Array::from(GBK_TEXT).into(),
        &options(r#"{"filename": "a.txt", "regoin": "湖北"}"#),
    ));
    assert_eq!(first_error(&unknown)["file"], "options");
    still_alive();
}

#[wasm_bindgen_test]
fn the_letter_of_a_yaml_contract_follows_its_worst_finding() {
    let a = as_json(dixian_wasm::letter(&JsValue::from_str(VIOLATING), None));
    assert_eq!(a["type"], "success", "{a}");
    assert_eq!(a["kind"], "工会女职工劳动保护监督处理建议书");
    let reminder = as_json(dixian_wasm::letter(
        &JsValue::from_str(VIOLATING),
        Some("提示函".into()),
    ));
    assert!(reminder["text"].as_str().unwrap().starts_with("# 提示函"));
    let none = as_json(dixian_wasm::letter(&JsValue::from_str(COMPLIANT), None));
    assert!(
        first_error(&none)["message"]
            .as_str()
            .unwrap()
            .contains("无需发函")
    );
}

#[wasm_bindgen_test]
fn the_revised_draft_is_the_one_dixian_fix_writes_and_checks_clean() {
    let a = import(TABLE_DOCX, "hubei-table.docx");
    let text = JsValue::from_str(a["text"].as_str().unwrap());
    let form = options(&a["form"].to_string());
    let date = "2026-12-05T08:00:00Z";
    let revised = dixian_wasm::revise_document(
        &js_sys::Uint8Array::from(TABLE_DOCX).into(),
        &text,
        &form,
        Some(options(&serde_json::json!({ "date": date }).to_string())),
    );
    let field = |k: &str| js_sys::Reflect::get(&revised, &k.into()).unwrap();
    assert_eq!(field("type").as_string().as_deref(), Some("success"));
    assert!(field("changes").as_f64().unwrap() > 0.0);
    let bytes = js_sys::Uint8Array::new(&field("bytes")).to_vec();

    // Byte for byte what the importer's own revision writes natively for the same form.
    let set = dixian_core::api::builtin().unwrap();
    let native_form: dixian_import::review::Form =
        serde_json::from_value(a["form"].clone()).unwrap();
    let native = dixian_import::review::revise_form(
        set,
        TABLE_DOCX,
        a["text"].as_str().unwrap(),
        &native_form,
        &dixian_import::fix::Options {
            scope: dixian_core::fix::Scope::Required,
            date: date.to_owned(),
            lang: dixian_core::render::Lang::Zh,
        },
    )
    .unwrap();
    assert_eq!(bytes, native.bytes);

    // Read back, the draft leaves nothing to rectify or refer.
    let again = import(&bytes, "hubei-table.docx");
    assert_eq!(again["type"], "success", "{again}");
    let severities: Vec<&str> = again["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert!(severities.iter().all(|s| *s == "notice"), "{severities:?}");

    // A form of the wrong shape is refused in words.
    let broken = options(r#"{"clauses": "第一条"}"#);
    let refused = as_json(dixian_wasm::revise_document(
        &js_sys::Uint8Array::from(TABLE_DOCX).into(),
        &text,
        &broken,
        None,
    ));
    assert!(
        first_error(&refused)["message"]
            .as_str()
            .unwrap()
            .contains("clauses")
    );
    still_alive();
}
