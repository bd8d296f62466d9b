//! The objects JavaScript passes in (options, the corrected form), read field by field through
//! `Reflect` rather than as JSON through serde. serde_json's derived deserializers for these types
//! took about 36 KB of the gzipped module, over a tenth of its 300 KB budget; reading the fields here
//! costs a few kilobytes. Each string is measured before it is copied in, unknown fields are refused
//! with the list of known ones (as the CLI's options are), and a wrong type is named.

use crate::guard;
use dixian_core::Diagnostic;
use dixian_core::api::{CheckOptions, OPTIONS_FILE, RuleFile, TextRange};
use dixian_import::review::{Form, FormClause, FormTerm, FormVague, ImportOptions, Window};
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

type Read<T> = Result<T, Diagnostic>;

fn refuse(message: String) -> Diagnostic {
    guard::refusal(OPTIONS_FILE, 0, 0, message)
}

/// An object whose fields are read one by one; `what` names it in messages (选项, 合同表单 …).
struct Fields<'a> {
    object: Object,
    what: &'a str,
}

impl<'a> Fields<'a> {
    /// `value` as an object with only the `known` fields; `None` for `undefined` or `null`.
    fn of(value: &JsValue, what: &'a str, known: &[&str]) -> Read<Option<Self>> {
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        let Some(object) = value
            .dyn_ref::<Object>()
            .filter(|_| !Array::is_array(value))
        else {
            return Err(refuse(format!("{what}应为对象")));
        };
        for key in Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                return Err(refuse(format!(
                    "{what}有误：未知字段“{key}”（可用：{}）",
                    known.join("、")
                )));
            }
        }
        Ok(Some(Self {
            object: object.clone(),
            what,
        }))
    }

    /// The field `key`, `None` when absent, `null` or `undefined`.
    fn get(&self, key: &str) -> Option<JsValue> {
        Reflect::get(&self.object, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn wrong(&self, key: &str, kind: &str) -> Diagnostic {
        refuse(format!("{}的 {key} 应为{kind}", self.what))
    }

    fn string(&self, key: &str) -> Read<Option<String>> {
        self.get(key)
            .map(|v| string(&v, self.what, key))
            .transpose()
    }

    fn text(&self, key: &str) -> Read<String> {
        Ok(self.string(key)?.unwrap_or_default())
    }

    fn flag(&self, key: &str) -> Read<bool> {
        match self.get(key) {
            None => Ok(false),
            Some(v) => v.as_bool().ok_or_else(|| self.wrong(key, "true 或 false")),
        }
    }

    fn count(&self, key: &str) -> Read<Option<u32>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v.as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => {
                Ok(Some(n as u32))
            }
            _ => Err(self.wrong(key, "非负整数")),
        }
    }

    /// An array field, each element read by `item`.
    fn list<T>(&self, key: &str, mut item: impl FnMut(&JsValue) -> Read<T>) -> Read<Vec<T>> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let Some(array) = v.dyn_ref::<Array>() else {
            return Err(self.wrong(key, "数组"));
        };
        array.iter().map(|v| item(&v)).collect()
    }

    fn strings(&self, key: &str) -> Read<Vec<String>> {
        self.list(key, |v| string(v, self.what, key))
    }

    fn range(&self, key: &str) -> Read<Option<TextRange>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let Some(f) = Fields::of(&v, self.what, &["start", "end"])? else {
            return Ok(None);
        };
        let at = |k: &str| -> Read<usize> {
            let n = f.count(k)?.ok_or_else(|| f.wrong(k, "非负整数"))?;
            Ok(n as usize)
        };
        Ok(Some(TextRange {
            start: at("start")?,
            end: at("end")?,
        }))
    }

    fn window(&self, key: &str) -> Read<Option<Window>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let Some(f) = Fields::of(&v, self.what, &["start", "end"])? else {
            return Ok(None);
        };
        Ok(Some(Window {
            start: f.text("start")?,
            end: f.text("end")?,
        }))
    }
}

/// A JavaScript string, measured before it is copied in.
fn string(v: &JsValue, what: &str, key: &str) -> Read<String> {
    let Some(s) = v.dyn_ref::<JsString>() else {
        return Err(refuse(format!("{what}的 {key} 应为文本")));
    };
    guard::size(
        OPTIONS_FILE,
        &format!("{what}的 {key}"),
        crate::units(s),
        guard::MAX_OPTIONS_UNITS,
    )?;
    Ok(String::from(s))
}

/// `check`'s options; `undefined` or `null` is the default.
pub(crate) fn check_options(value: &JsValue) -> Read<CheckOptions> {
    let known = ["region", "date", "lang", "file", "rules"];
    let Some(f) = Fields::of(value, "选项", &known)? else {
        return Ok(CheckOptions::default());
    };
    Ok(CheckOptions {
        region: f.string("region")?,
        date: f.string("date")?,
        lang: f.string("lang")?,
        file: f.string("file")?,
        rules: f.list("rules", |v| {
            let rule = Fields::of(v, "规则文件", &["name", "text"])?
                .ok_or_else(|| refuse("规则文件应为 {name, text}".to_owned()))?;
            Ok(RuleFile {
                name: rule.text("name")?,
                text: rule.text("text")?,
            })
        })?,
    })
}

/// `importDocument`'s options.
pub(crate) fn import_options(value: &JsValue) -> Read<ImportOptions> {
    let known = ["filename", "region", "signed", "term"];
    let Some(f) = Fields::of(value, "导入选项", &known)? else {
        return Ok(ImportOptions::default());
    };
    Ok(ImportOptions {
        filename: f.text("filename")?,
        region: f.string("region")?,
        signed: f.string("signed")?,
        term: f.window("term")?,
    })
}

/// `reviseDocument`'s options: whether notices are fixed too, and the tracked changes' date.
pub(crate) fn revise_options(value: Option<&JsValue>) -> Read<(bool, Option<String>)> {
    let Some(f) = value
        .map(|v| Fields::of(v, "修订选项", &["all", "date"]))
        .transpose()?
        .flatten()
    else {
        return Ok((false, None));
    };
    Ok((f.flag("all")?, f.string("date")?))
}

/// A (corrected) form, as `importDocument` returned it.
pub(crate) fn form(value: &JsValue) -> Read<Form> {
    let known = [
        "file",
        "encoding",
        "title",
        "region",
        "region_at",
        "signed",
        "term",
        "workforce_total",
        "workforce_women",
        "no_term",
        "notes",
        "clauses",
    ];
    let f = Fields::of(value, "合同表单", &known)?
        .ok_or_else(|| refuse("合同表单应为 importDocument 返回的 form".to_owned()))?;
    Ok(Form {
        file: f.text("file")?,
        encoding: f.text("encoding")?,
        title: f.string("title")?,
        region: f.text("region")?,
        region_at: f.range("region_at")?,
        signed: f.string("signed")?,
        term: f.window("term")?.unwrap_or_default(),
        workforce_total: f.count("workforce_total")?,
        workforce_women: f.count("workforce_women")?,
        no_term: f.flag("no_term")?,
        notes: f.strings("notes")?,
        clauses: f.list("clauses", clause)?,
    })
}

fn clause(value: &JsValue) -> Read<FormClause> {
    let known = [
        "id",
        "topic",
        "label_at",
        "text_at",
        "terms",
        "vague",
        "exclusions",
        "notes",
    ];
    let f = Fields::of(value, "条款", &known)?.ok_or_else(|| refuse("条款应为对象".to_owned()))?;
    Ok(FormClause {
        id: f.text("id")?,
        topic: f.string("topic")?,
        label_at: f.range("label_at")?,
        text_at: f.range("text_at")?,
        terms: f.list("terms", |v| {
            let t = Fields::of(v, "条款事项", &["term", "label", "value", "words", "at"])?
                .ok_or_else(|| refuse("条款事项应为对象".to_owned()))?;
            Ok(FormTerm {
                term: t.text("term")?,
                label: t.text("label")?,
                value: t.text("value")?,
                words: t.text("words")?,
                at: t.range("at")?,
            })
        })?,
        vague: f.list("vague", sentence)?,
        exclusions: f.list("exclusions", sentence)?,
        notes: f.strings("notes")?,
    })
}

fn sentence(value: &JsValue) -> Read<FormVague> {
    let f = Fields::of(value, "条款语句", &["topic", "words", "at"])?
        .ok_or_else(|| refuse("条款语句应为对象".to_owned()))?;
    Ok(FormVague {
        topic: f.text("topic")?,
        words: f.text("words")?,
        at: f.range("at")?,
    })
}
