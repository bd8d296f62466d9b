//! Word and text contracts in the browser: `importDocument`, `checkForm` and the letters, over
//! [`dixian_import::review`] — the importer the CLI runs, compiled in. Legacy encodings (GBK, UTF-16 …) are
//! decoded by the browser's own `TextDecoder`, which implements the same WHATWG standard as encoding_rs,
//! so the module carries no conversion tables; which encoding a file is in is still decided in Rust,
//! exactly as `dixian import` decides it.

use crate::{failure, guard, read, to_js};
use dixian_core::api::{self, Answer, CheckOptions};
use dixian_core::fix::Scope;
use dixian_import::review::{self as import, Form, ImportOptions};
use js_sys::{JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &Object) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &Uint8Array) -> Result<JsString, JsValue>;
}

/// The browser's strict decoder for `label`: `None` on any byte that is not valid in it.
fn browser_decode(label: &'static str, bytes: &[u8]) -> Option<String> {
    let options = Object::new();
    Reflect::set(&options, &"fatal".into(), &JsValue::TRUE).ok()?;
    Reflect::set(&options, &"ignoreBOM".into(), &JsValue::TRUE).ok()?;
    let decoder = TextDecoder::new(label, &options).ok()?;
    // A copy, not a view into wasm memory: the view would be detached if memory grew meanwhile.
    let copy = Uint8Array::from(bytes);
    decoder.decode(&copy).ok().map(String::from)
}

/// Reads a .docx or .txt contract (told by `options.filename`) and checks it.
#[wasm_bindgen(js_name = importDocument, skip_typescript)]
pub fn import_document(bytes: &JsValue, options: &JsValue) -> JsValue {
    let opts: ImportOptions = match read::import_options(options) {
        Ok(o) => o,
        Err(d) => return failure(d),
    };
    let file = opts.filename.clone();
    let Some(array) = bytes.dyn_ref::<Uint8Array>() else {
        return failure(guard::refusal(
            &file,
            1,
            1,
            "文件内容应为 Uint8Array".to_owned(),
        ));
    };
    let len = array.length() as usize;
    if let Err(d) = guard::size(&file, "文件", len, guard::MAX_DOCUMENT_BYTES) {
        return failure(d);
    }
    let set = match api::builtin() {
        Ok(s) => s,
        Err(e) => return to_js(&Answer::<()>::from(e).to_json()),
    };
    to_js(&import::import_document(set, &array.to_vec(), &opts, &browser_decode).to_json())
}

/// Checks a corrected form of a document's text.
#[wasm_bindgen(js_name = checkForm, skip_typescript)]
pub fn check_form(text: &JsValue, form: &JsValue, options: Option<JsValue>) -> JsValue {
    let (text, form, opts, set) = match form_inputs(text, form, options.as_ref()) {
        Ok(v) => v,
        Err(d) => return failure(d),
    };
    to_js(&import::check_form(set, &text, &form, &opts).to_json())
}

/// The draft letter for a corrected form: `kind` 提示函 / 整改意见书 / 处理建议书, or by the worst finding.
#[wasm_bindgen(js_name = documentLetter, skip_typescript)]
pub fn document_letter(text: &JsValue, form: &JsValue, kind: Option<String>) -> JsValue {
    let (text, form, _, set) = match form_inputs(text, form, None) {
        Ok(v) => v,
        Err(d) => return failure(d),
    };
    to_js(&import::letter_for_form(set, &text, &form, kind.as_deref()).to_json())
}

/// “下载修订稿”: the document with the (corrected) form's findings fixed — a `.docx` with every change
/// as a Word tracked change (author dixian), a `.txt` as UTF-8 text. `options.all` includes notices;
/// `options.date` stamps the tracked changes (default: now).
#[wasm_bindgen(js_name = reviseDocument, skip_typescript)]
pub fn revise_document(
    bytes: &JsValue,
    text: &JsValue,
    form: &JsValue,
    options: Option<JsValue>,
) -> JsValue {
    let run = || -> Result<JsValue, dixian_core::LoadError> {
        let one = |d| dixian_core::LoadError {
            diagnostics: vec![d],
        };
        let (text, form, _, set) = form_inputs(text, form, None).map_err(one)?;
        let array = bytes.dyn_ref::<Uint8Array>().ok_or_else(|| {
            one(guard::refusal(
                &form.file,
                1,
                1,
                "文件内容应为 Uint8Array".to_owned(),
            ))
        })?;
        guard::size(
            &form.file,
            "文件",
            array.length() as usize,
            guard::MAX_DOCUMENT_BYTES,
        )
        .map_err(one)?;
        let (all, date) = read::revise_options(options.as_ref()).map_err(one)?;
        let options = dixian_import::fix::Options {
            scope: if all { Scope::All } else { Scope::Required },
            date: date.unwrap_or_else(now),
            lang: dixian_core::render::Lang::Zh,
        };
        let fixed = import::revise_form(set, &array.to_vec(), &text, &form, &options)?;
        let answer = Object::new();
        let set_field = |k: &str, v: &JsValue| Reflect::set(&answer, &k.into(), v).is_ok();
        set_field("type", &"success".into());
        set_field("changes", &JsValue::from(fixed.changes as u32));
        set_field("summary", &fixed.summary.into());
        set_field("bytes", &Uint8Array::from(fixed.bytes.as_slice()));
        Ok(answer.into())
    };
    run().unwrap_or_else(|e| to_js(&Answer::<()>::from(e).to_json()))
}

/// Now, as Word stamps a tracked change: `2026-12-05T17:00:00Z`.
fn now() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    // Word's w:date has no fraction of a second.
    match iso.split_once('.') {
        Some((seconds, _)) => format!("{seconds}Z"),
        None => iso,
    }
}

/// The draft letter for a YAML contract, as `dixian letter` writes it.
#[wasm_bindgen(js_name = letter, skip_typescript)]
pub fn letter(contract_yaml: &JsValue, kind: Option<String>) -> JsValue {
    let file = api::DEFAULT_FILE;
    let Some(js) = contract_yaml.dyn_ref::<JsString>() else {
        return failure(guard::refusal(
            file,
            1,
            1,
            "合同内容应为文本（string）".to_owned(),
        ));
    };
    if let Err(d) = guard::size(file, "合同", crate::units(js), guard::MAX_INPUT_UNITS) {
        return failure(d);
    }
    let text = String::from(js);
    if let Err(d) = guard::yaml_nesting(file, &text) {
        return failure(d);
    }
    let run = || -> Result<import::Letter, dixian_core::LoadError> {
        let set = api::builtin()?;
        let contract = dixian_core::contract::load_yaml(file, &text, &set.vocabulary)?;
        let report = dixian_core::eval::check(set, &contract)?;
        import::draft(set, &contract, &report, kind.as_deref())
    };
    to_js(&run().map_or_else(Answer::from, Answer::Success).to_json())
}

/// The text, the corrected form, the options and the built-in rules they are checked against.
type FormInputs = (
    String,
    Form,
    CheckOptions,
    &'static dixian_core::rules::RuleSet,
);

fn form_inputs(
    text: &JsValue,
    form: &JsValue,
    options: Option<&JsValue>,
) -> Result<FormInputs, dixian_core::Diagnostic> {
    let Some(js) = text.dyn_ref::<JsString>() else {
        return Err(guard::refusal(
            api::OPTIONS_FILE,
            0,
            0,
            "合同原文应为文本（string）".to_owned(),
        ));
    };
    guard::size(
        api::OPTIONS_FILE,
        "合同原文",
        crate::units(js),
        guard::MAX_INPUT_UNITS,
    )?;
    let form = read::form(form)?;
    let opts = match options {
        Some(o) => read::check_options(o)?,
        None => CheckOptions::default(),
    };
    let set = api::builtin()
        .map_err(|_| guard::refusal(api::OPTIONS_FILE, 0, 0, "内置规则无法加载".to_owned()))?;
    Ok((String::from(js), form, opts, set))
}
