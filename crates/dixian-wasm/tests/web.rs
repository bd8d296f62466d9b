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
