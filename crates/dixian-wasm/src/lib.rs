//! dixian in the browser: `check`, `regions` and `rulesInForce` over [`dixian_core::api`].
//!
//! Answers cross the boundary as JSON (serde_json here, `JSON.parse` there), so the objects JavaScript
//! receives are exactly the API's JSON: the report inside a successful check is the one
//! `dixian check --format json` prints. Arguments are read field by field (see [`read`]). No call traps: inputs are measured on the JavaScript side of
//! the copy, nesting is bounded before parsing (see [`guard`]), and every failure is an answer
//! `{type: "failure", errors: [{file, line, column, message}]}`.
#![forbid(unsafe_code)]

mod document;
pub mod guard;
mod read;

pub use document::{check_form, document_letter, import_document, letter, revise_document};

use dixian_core::api::{self, Answer, CheckOptions};
use js_sys::{JSON, JsString};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Checks a contract (YAML text). `options` may be omitted. Its TypeScript declaration is written in
/// `types.d.ts`, where `options` can be marked optional.
#[wasm_bindgen(js_name = check, skip_typescript)]
pub fn check(contract_yaml: &JsValue, options: Option<JsValue>) -> JsValue {
    let opts = match options
        .as_ref()
        .map_or(Ok(CheckOptions::default()), read_options)
    {
        Ok(o) => o,
        Err(d) => return failure(d),
    };
    let file = opts
        .file
        .clone()
        .unwrap_or_else(|| api::DEFAULT_FILE.to_owned());
    let Some(js) = contract_yaml.dyn_ref::<JsString>() else {
        return failure(guard::refusal(
            &file,
            1,
            1,
            "合同内容应为文本（string）".to_owned(),
        ));
    };
    if let Err(d) = guard::size(&file, "合同", units(js), guard::MAX_INPUT_UNITS) {
        return failure(d);
    }
    let text = String::from(js);
    if let Err(d) = guard::yaml_nesting(&file, &text) {
        return failure(d);
    }
    to_js(&api::check(&text, &opts).to_json())
}

/// The regions the built-in rules know, root (全国) first.
#[wasm_bindgen(js_name = regions, unchecked_return_type = "RegionsAnswer")]
pub fn regions() -> JsValue {
    to_js(&api::regions().to_json())
}

/// The built-in rules in force in `region` on `date` (`YYYY-MM-DD`).
#[wasm_bindgen(js_name = rulesInForce, unchecked_return_type = "InForceAnswer")]
pub fn rules_in_force(
    #[wasm_bindgen(unchecked_param_type = "string")] region: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] date: &JsValue,
) -> JsValue {
    let (Some(region), Some(date)) = (short_string(region), short_string(date)) else {
        return failure(guard::refusal(
            api::OPTIONS_FILE,
            0,
            0,
            "地区和日期应为不超过 200 个字符的文本".to_owned(),
        ));
    };
    to_js(&api::rules_in_force(&region, &date).to_json())
}

/// The options object (see [`read`]).
fn read_options(options: &JsValue) -> Result<CheckOptions, dixian_core::Diagnostic> {
    read::check_options(options)
}

fn short_string(v: &JsValue) -> Option<String> {
    let s = v.dyn_ref::<JsString>()?;
    (units(s) <= 200).then(|| String::from(s))
}

pub(crate) fn units(s: &JsString) -> usize {
    usize::try_from(s.length()).unwrap_or(usize::MAX)
}

pub(crate) fn failure(d: dixian_core::Diagnostic) -> JsValue {
    to_js(&Answer::<()>::Failure { errors: vec![d] }.to_json())
}

/// The API's JSON as a JavaScript value. Our own JSON always parses; were it ever not to, the text is
/// returned rather than trapping.
pub(crate) fn to_js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or_else(|_| JsValue::from_str(json))
}
