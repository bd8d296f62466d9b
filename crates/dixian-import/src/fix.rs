//! `dixian fix` for documents: the contract read, checked, and its suggestions written back — into the
//! text in the file's own encoding, or into a `.docx` as tracked changes. Pure (bytes in, bytes out),
//! so the browser build can offer “下载修订稿” with the same code.

use crate::{Format, Overrides, add_import_findings, docx_revise, import};
use dixian_core::fix::{self, Scope};
use dixian_core::render::Lang;
use dixian_core::rules::RuleSet;
use dixian_core::{LoadError, eval};
use encoding_rs::Encoding;

/// A revised document and what was changed.
#[derive(Clone, Debug)]
pub struct Fixed {
    pub bytes: Vec<u8>,
    /// One entry per change with its basis, for the officer.
    pub summary: String,
    pub changes: usize,
}

/// How to revise.
#[derive(Clone, Debug)]
pub struct Options {
    pub scope: Scope,
    /// Stamps the tracked changes of a `.docx`: `2026-12-05T17:00:00Z`.
    pub date: String,
    pub lang: Lang,
}

/// Revises a contract given as bytes named `file`: a .docx/.txt as [`fix_document`] does, anything
/// else as a YAML contract (its texts and terms revised in place). The one entry point for the CLI,
/// the HTTP service and the browser's “下载修订稿”.
pub fn fix_bytes(
    set: &RuleSet,
    file: &str,
    bytes: &[u8],
    overrides: &Overrides,
    options: &Options,
) -> Result<Fixed, LoadError> {
    if let Some(why) = crate::api::unreadable_format(file) {
        return Err(LoadError::one(file, 1, 1, why));
    }
    if let Some(format) = crate::format_of(std::path::Path::new(file)) {
        return fix_document(file, bytes, format, set, overrides, options);
    }
    dixian_core::contract::check_size(file, bytes.len() as u64)?;
    let text = dixian_core::contract::decode_utf8_owned(file, bytes.to_vec())?;
    let contract = dixian_core::contract::load_yaml(file, &text, &set.vocabulary)?;
    let report = eval::check(set, &contract)?;
    let changes = fix::changes(&report, options.scope);
    let revised = if changes.is_empty() {
        bytes.to_vec()
    } else {
        let read = |words: &str| crate::terms_stated(words, &set.vocabulary);
        fix::yaml::fix(&contract, &changes, &set.vocabulary, &read).into_bytes()
    };
    Ok(Fixed {
        bytes: revised,
        summary: fix::summary(&contract, &changes, &set.vocabulary, options.lang),
        changes: changes.len(),
    })
}

/// Reads, checks and revises a `.txt` or `.docx` contract.
pub fn fix_document(
    file: &str,
    bytes: &[u8],
    format: Format,
    set: &RuleSet,
    overrides: &Overrides,
    options: &Options,
) -> Result<Fixed, LoadError> {
    let imported = import(file, bytes, format, set, overrides)?;
    let revision = revision(set, &imported, options)?;
    let (revised, made) = match format {
        _ if revision.edits.is_empty() => (bytes.to_vec(), Vec::new()),
        Format::Text => {
            let text = fix::apply(&imported.contract.source, &revision.edits);
            (
                encode_like(file, bytes, &text, &imported.encoding)?,
                fix::applied(&revision.edits),
            )
        }
        Format::Docx => docx_revise::revise(
            file,
            bytes,
            &imported.contract.source,
            &revision.edits,
            &options.date,
        )?,
    };
    Ok(revision.made(bytes, revised, &made))
}

/// The changes to a document's text, and what they are.
#[derive(Clone, Debug)]
pub struct Revision {
    pub edits: Vec<fix::TextEdit>,
    /// The 修订说明 of every change, as if all were made.
    pub summary: String,
    /// For each edit, the change it makes; for each change, its entry in the 修订说明.
    changes_of_edits: Vec<usize>,
    entries: Vec<String>,
    lang: Lang,
}

impl Revision {
    /// The revised document once written: `revised` (or the `original`, when nothing could be
    /// changed) with the 修订说明 of the changes whose edits were `made` (indices into `edits`),
    /// and only of them.
    pub fn made(&self, original: &[u8], revised: Vec<u8>, made: &[usize]) -> Fixed {
        let entries: Vec<String> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                made.iter()
                    .any(|&k| self.changes_of_edits.get(k) == Some(i))
            })
            .map(|(_, e)| e.clone())
            .collect();
        Fixed {
            bytes: if entries.is_empty() {
                original.to_vec()
            } else {
                revised
            },
            summary: fix::summary_of(&entries, self.lang),
            changes: entries.len(),
        }
    }
}

/// Checks a contract read from a document (or from a corrected review form) and says how its text
/// should change. Writing the change is the caller's: [`fix_document`] writes the file's own format,
/// the browser the `.docx` through [`docx_revise::revise`]; [`Revision::made`] then says what was
/// changed.
pub fn revision(
    set: &RuleSet,
    imported: &crate::Imported,
    options: &Options,
) -> Result<Revision, LoadError> {
    let mut report = eval::check(set, &imported.contract)?;
    add_import_findings(&mut report, imported);
    dixian_core::suggest::attach(set, &imported.contract, &mut report);
    let contract = &imported.contract;
    let changes = fix::changes(&report, options.scope);
    let indexed = fix::text_edits_of(contract, &changes);
    let entries = fix::summary_entries(contract, &changes, &set.vocabulary, options.lang);
    Ok(Revision {
        edits: indexed.iter().map(|(_, e)| e.clone()).collect(),
        summary: fix::summary_of(&entries, options.lang),
        changes_of_edits: indexed.iter().map(|(i, _)| *i).collect(),
        entries,
        lang: options.lang,
    })
}

/// `text` in the encoding, byte-order mark and line ends of the original file.
fn encode_like(
    file: &str,
    original: &[u8],
    text: &str,
    encoding: &str,
) -> Result<Vec<u8>, LoadError> {
    let crlf = original.windows(2).any(|w| w == b"\r\n")
        || original
            .windows(4)
            .any(|w| w == b"\r\0\n\0" || w == b"\0\r\0\n");
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text.to_owned()
    };
    let bom = Encoding::for_bom(original).map_or(0, |(_, n)| n);
    let mut out = original.get(..bom).unwrap_or_default().to_vec();
    match encoding {
        "UTF-16LE" => out.extend(text.encode_utf16().flat_map(u16::to_le_bytes)),
        "UTF-16BE" => out.extend(text.encode_utf16().flat_map(u16::to_be_bytes)),
        name => {
            let enc = Encoding::for_label(name.as_bytes()).unwrap_or(encoding_rs::UTF_8);
            let (bytes, _, unmappable) = enc.encode(&text);
            if unmappable {
                return Err(LoadError::one(
                    file,
                    1,
                    1,
                    format!(
                        "修订后的文字含有 {name} 无法表示的字符；请将原文件另存为 UTF-8 后再修订"
                    ),
                ));
            }
            out.extend_from_slice(&bytes);
        }
    }
    Ok(out)
}
