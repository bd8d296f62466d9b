//! The union's letter for a checked contract, in the format asked for: the one call behind `dixian
//! letter`, `POST /v1/letter` and Python's `dixian.letter`, so that a letter reads and is laid out the
//! same whichever way it is asked for. The content is `render::letter::compose`'s; this only picks
//! the kind (by the worst finding unless asked), reads the options as text, and writes the format.

use super::option_error;
use crate::LoadError;
use crate::contract::Contract;
use crate::render::letter::{LetterKind, compose};
use crate::report::Report;
use crate::rules::RuleSet;
use std::path::Path;

/// Why `docx` is refused by a build without dixian-core's `docx` feature (the browser's).
#[cfg_attr(feature = "docx", allow(dead_code))]
const NO_DOCX: &str = "此版本未包含 Word（docx）函件：请用 md 或 txt";

/// The letter's file format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LetterFormat {
    /// Markdown.
    #[default]
    Md,
    /// Plain text, to paste into a word processor.
    Txt,
    /// A Word document laid out as an official letter (only with dixian-core's `docx` feature).
    Docx,
}

impl LetterFormat {
    /// `md`/`markdown`, `txt`/`text` or `docx`; an empty value is the default (Markdown).
    pub fn parse(text: &str) -> Result<Self, LoadError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "md" | "markdown" => Ok(Self::Md),
            "txt" | "text" => Ok(Self::Txt),
            "docx" if cfg!(feature = "docx") => Ok(Self::Docx),
            "docx" => Err(option_error(NO_DOCX)),
            _ => Err(option_error(format!(
                "函件格式“{}”无法识别：应为 md、txt 或 docx",
                text.trim()
            ))),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Md => "md",
            Self::Txt => "txt",
            Self::Docx => "docx",
        }
    }

    /// The media type an HTTP answer gives it.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Md => "text/markdown; charset=utf-8",
            Self::Txt => "text/plain; charset=utf-8",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        }
    }
}

/// 提示函, 整改意见书 or 处理建议书 (or their full titles, or reminder/rectify/refer).
pub fn parse_kind(text: &str) -> Result<LetterKind, LoadError> {
    LetterKind::parse(text.trim()).ok_or_else(|| {
        option_error(format!(
            "“{}”不是函件种类：应为 提示函、整改意见书 或 处理建议书",
            text.trim()
        ))
    })
}

/// What letter to write: its kind (`None`: the one the worst finding calls for) and format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LetterRequest {
    pub kind: Option<LetterKind>,
    pub format: LetterFormat,
}

impl LetterRequest {
    /// The options as a form, a query or Python give them; a value that is not understood is an
    /// error located at the options.
    pub fn parse(kind: Option<&str>, format: Option<&str>) -> Result<Self, LoadError> {
        let kind = kind
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(parse_kind)
            .transpose()?;
        let format = format.map(LetterFormat::parse).transpose()?;
        Ok(Self {
            kind,
            format: format.unwrap_or_default(),
        })
    }
}

/// A written letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drafted {
    pub kind: LetterKind,
    pub format: LetterFormat,
    /// UTF-8 text for md and txt, the .docx file's bytes for docx.
    pub bytes: Vec<u8>,
}

impl Drafted {
    /// The letter's file name for a contract file: `某合同.yaml` → `某合同-整改意见书.docx`.
    pub fn file_name(&self, contract_file: &str) -> String {
        let stem = Path::new(contract_file)
            .file_stem()
            .map_or_else(|| "合同".to_owned(), |s| s.to_string_lossy().into_owned());
        let short = match self.kind {
            LetterKind::Reminder => "提示函",
            LetterKind::Rectification => "整改意见书",
            LetterKind::Referral => "处理建议书",
        };
        format!("{stem}-{short}.{}", self.format.extension())
    }
}

/// The letter for a checked contract, or `None` when the report has no finding (no letter is
/// needed). The only error is the Word writer's, which does not depend on the input.
pub fn letter(
    set: &RuleSet,
    contract: &Contract,
    report: &Report,
    request: LetterRequest,
) -> Result<Option<Drafted>, LoadError> {
    let Some(worst) = report.worst() else {
        return Ok(None);
    };
    let kind = request
        .kind
        .unwrap_or_else(|| LetterKind::for_severity(worst));
    let Some(composed) = compose(report, contract, set, kind) else {
        return Ok(None);
    };
    let bytes = match request.format {
        LetterFormat::Md => composed.markdown().into_bytes(),
        LetterFormat::Txt => composed.text().into_bytes(),
        LetterFormat::Docx => docx(&composed, &contract.file)?,
    };
    Ok(Some(Drafted {
        kind,
        format: request.format,
        bytes,
    }))
}

#[cfg(feature = "docx")]
fn docx(composed: &crate::render::letter::Letter, file: &str) -> Result<Vec<u8>, LoadError> {
    composed
        .docx()
        .map_err(|e| LoadError::one(file, 0, 0, format!("无法生成 Word 文件：{e}")))
}

#[cfg(not(feature = "docx"))]
fn docx(_: &crate::render::letter::Letter, file: &str) -> Result<Vec<u8>, LoadError> {
    Err(LoadError::one(file, 0, 0, NO_DOCX))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn options_are_read_as_people_write_them() {
        let r = LetterRequest::parse(Some(" 整改 "), Some("TXT")).unwrap();
        assert_eq!(r.kind, Some(LetterKind::Rectification));
        assert_eq!(r.format, LetterFormat::Txt);
        assert_eq!(
            LetterRequest::parse(None, Some("")).unwrap(),
            LetterRequest::default()
        );
    }

    #[test]
    fn an_option_not_understood_is_located_at_the_options() {
        for (kind, format, words) in [
            (Some("函"), None, "不是函件种类"),
            (None, Some("pdf"), "无法识别"),
        ] {
            let e = LetterRequest::parse(kind, format).unwrap_err();
            let d = e.first().unwrap();
            assert_eq!(
                (d.file.as_str(), d.line, d.column),
                (super::super::OPTIONS_FILE, 0, 0)
            );
            assert!(d.message.contains(words), "{}", d.message);
        }
    }

    #[test]
    fn docx_is_offered_exactly_when_the_writer_is_built_in() {
        assert_eq!(LetterFormat::parse("docx").is_ok(), cfg!(feature = "docx"));
    }

    #[test]
    fn the_file_name_follows_the_contract_and_the_kind() {
        let d = Drafted {
            kind: LetterKind::Referral,
            format: LetterFormat::Docx,
            bytes: Vec::new(),
        };
        assert_eq!(d.file_name("批次/某合同.yaml"), "某合同-处理建议书.docx");
    }
}
