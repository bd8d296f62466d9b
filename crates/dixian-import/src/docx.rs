//! A `.docx` contract as plain text: the paragraphs of `word/document.xml` in order, one per line, and
//! each table row as one line with its cells separated by tabs (so “产假 | 158天” reads as “产假\t158天”).
//! Tracked deletions, field codes and the fallback copies of drawings are skipped; the text a reader of
//! the document sees is kept, with the numbers Word puts before numbered paragraphs (第一条 from
//! `word/numbering.xml`).

use crate::numbering::Numbering;
use crate::unzip;
use crate::xml::{self, Event};
use dixian_core::LoadError;
use dixian_core::contract::MAX_CONTRACT_BYTES;

/// Largest `document.xml` read; a real contract's is well under a megabyte, a zip bomb is far larger.
pub const MAX_DOCUMENT_XML_BYTES: usize = 32 * 1024 * 1024;

/// Largest `numbering.xml` read; a larger one numbers nothing.
const MAX_NUMBERING_XML_BYTES: usize = 4 * 1024 * 1024;

/// The document's text, paragraphs and table rows separated by newlines.
pub fn text(file: &str, bytes: &[u8]) -> Result<String, LoadError> {
    let not_docx = |why: String| {
        LoadError::one(
            file,
            1,
            1,
            format!("不是有效的 Word 文档（.docx）：{why}；旧版 .doc 请在 Word 中另存为 .docx"),
        )
    };
    let xml = unzip::read_entry(bytes, "word/document.xml", MAX_DOCUMENT_XML_BYTES)
        .map_err(|e| not_docx(e.message()))?;
    let xml = String::from_utf8(xml)
        .map_err(|_| not_docx("word/document.xml 不是 UTF-8 文本".to_owned()))?;
    let numbering = unzip::read_entry(bytes, "word/numbering.xml", MAX_NUMBERING_XML_BYTES)
        .ok()
        .and_then(|x| String::from_utf8(x).ok())
        .map(|x| Numbering::read(&x))
        .unwrap_or_default();
    match document_text(&xml, numbering, MAX_CONTRACT_BYTES) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(LoadError::one(
            file,
            1,
            1,
            format!("文档文字过多（超过上限 {MAX_CONTRACT_BYTES} 字节）"),
        )),
        Err(e) => Err(not_docx(format!("word/document.xml 不是合法的 XML（{e}）"))),
    }
}

/// Elements whose text the reader of the document does not see.
const HIDDEN: [&str; 5] = ["del", "moveFrom", "instrText", "delText", "Fallback"];

/// One table being read: the row's cells so far and the cell being filled.
#[derive(Default)]
struct Table {
    row: Vec<String>,
    cell: String,
}

#[derive(Default)]
struct Walker {
    /// The text so far: the lines read, each ended by a newline.
    text: String,
    /// The bytes of text read so far (words, numbers and separators, before any is trimmed);
    /// beyond `max` the rest is not kept, so neither the text nor a paragraph or table cell grows
    /// past the limit however large the document (a 32 MB `document.xml`, a list number 4 MB long).
    read: usize,
    max: usize,
    paragraph: String,
    tables: Vec<Table>,
    hidden: usize,
    in_text: bool,
    numbering: Numbering,
    /// Inside the paragraph's own properties (not a tracked change's former ones).
    in_ppr: bool,
    in_ppr_change: usize,
    /// The list and level of the paragraph, when Word numbers it.
    list: (Option<String>, u8),
}

impl Walker {
    /// Counts `bytes` more of text; whether they are still within the limit (to be kept).
    fn within(&mut self, bytes: usize) -> bool {
        self.read = self.read.saturating_add(bytes);
        self.read <= self.max
    }

    fn push_text(&mut self, s: &str) {
        if self.hidden == 0 && self.in_text && self.within(s.len()) {
            self.paragraph.push_str(s);
        }
    }

    fn push_char(&mut self, c: char) {
        if self.hidden == 0 && self.within(c.len_utf8()) {
            self.paragraph.push(c);
        }
    }

    fn end_paragraph(&mut self) {
        let mut p = std::mem::take(&mut self.paragraph);
        let (list, ilvl) = std::mem::take(&mut self.list);
        // Past the limit nothing is kept, and no list number is made: one may be megabytes (a long
        // level text), and making it for each of thousands of paragraphs took minutes.
        if self.read > self.max {
            return;
        }
        if let Some(label) = list.and_then(|id| self.numbering.next(&id, ilvl)) {
            if self.within(label.len()) {
                p.insert_str(0, &label);
            }
        }
        // The line's end (or the space that joins it to the cell's other paragraphs).
        if !self.within(1) {
            return;
        }
        match self.tables.last_mut() {
            Some(t) if !p.trim().is_empty() => {
                if !t.cell.is_empty() {
                    t.cell.push(' ');
                }
                t.cell.push_str(p.trim());
            }
            Some(_) => {}
            None => {
                self.text.push_str(&p);
                self.text.push('\n');
            }
        }
    }

    fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let cells = std::mem::take(&mut t.row);
        let line = cells.join("\t");
        let line = line.trim_end_matches('\t').to_owned();
        match self.tables.len() {
            // A nested table's row becomes part of the enclosing cell.
            n if n > 1 => {
                if let Some(outer) = self.tables.get_mut(n - 2) {
                    if !outer.cell.is_empty() {
                        outer.cell.push(' ');
                    }
                    outer.cell.push_str(&line.replace('\t', " "));
                }
            }
            _ => {
                if !line.trim().is_empty() {
                    self.text.push_str(&line);
                    self.text.push('\n');
                }
            }
        }
    }
}

/// The text of `document.xml`, or `None` when it is longer than `max` bytes.
fn document_text(xml: &str, numbering: Numbering, max: usize) -> Result<Option<String>, String> {
    let mut w = Walker {
        numbering,
        max,
        ..Walker::default()
    };
    xml::read_with_attributes(xml, |event, attrs| match event {
        Event::Start(name) => {
            if HIDDEN.contains(&name) {
                w.hidden += 1;
            }
            match name {
                "pPr" => w.in_ppr = true,
                "pPrChange" => w.in_ppr_change += 1,
                "t" => w.in_text = true,
                "tbl" => w.tables.push(Table::default()),
                "tc" => {
                    if let Some(t) = w.tables.last_mut() {
                        t.cell.clear();
                    }
                }
                _ => {}
            }
        }
        Event::Empty(name) => match name {
            "numId" | "ilvl" if w.in_ppr && w.in_ppr_change == 0 => {
                let val = attrs.get("val").unwrap_or_default();
                if name == "ilvl" {
                    w.list.1 = val.parse().unwrap_or(0);
                } else {
                    w.list.0 = Some(val).filter(|v| v != "0");
                }
            }
            "tab" => w.push_char('\t'),
            "br" | "cr" => w.push_char('\n'),
            "noBreakHyphen" => w.push_char('-'),
            "p" => w.end_paragraph(),
            _ => {}
        },
        Event::End(name) => {
            if HIDDEN.contains(&name) {
                w.hidden = w.hidden.saturating_sub(1);
            }
            match name {
                "t" => w.in_text = false,
                "pPr" => w.in_ppr = false,
                "pPrChange" => w.in_ppr_change = w.in_ppr_change.saturating_sub(1),
                "p" => w.end_paragraph(),
                "tc" if w.within(1) => {
                    if let Some(t) = w.tables.last_mut() {
                        let cell = std::mem::take(&mut t.cell);
                        t.row.push(cell);
                    }
                }
                "tr" => w.end_row(),
                "tbl" => {
                    w.tables.pop();
                }
                _ => {}
            }
        }
        Event::Text(s) => w.push_text(&s),
    })?;
    if w.read > max {
        return Ok(None);
    }
    // Tabs and breaks inside a paragraph stay; empty paragraphs keep the document's blank lines.
    let mut text = w.text;
    text.pop();
    Ok(Some(text))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::{Numbering, document_text};

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn runs_tables_and_deletions() {
        let xml = format!(
            r#"<w:document {NS}><w:body>
<w:p><w:r><w:t>第六条 产假</w:t></w:r><w:del><w:r><w:delText>128</w:delText></w:r></w:del><w:r><w:t>15</w:t></w:r><w:proofErr/><w:r><w:t xml:space="preserve">8天 &amp; </w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>产假</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>158天</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p/><w:p><w:r><w:instrText>PAGE</w:instrText><w:t>完</w:t></w:r></w:p></w:body></w:document>"#
        );
        assert_eq!(
            document_text(&xml, Numbering::default(), 1000).unwrap(),
            Some("第六条 产假158天 & \n产假\t158天\n\n完".to_owned())
        );
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(
            document_text("<w:document><w:p></w:document>", Numbering::default(), 1000).is_err()
        );
    }

    /// A document longer than the limit is refused, and what is kept while reading it stays within
    /// the limit however the length comes: many paragraphs, one long paragraph, a table cell, or a
    /// list number many times longer than the document (numbering.xml's level text, repeated on
    /// each numbered paragraph).
    #[test]
    fn text_beyond_the_limit_is_refused_and_not_kept() {
        let long = "字".repeat(300);
        let numbering = Numbering::read(&format!(
            r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:lvlText w:val="{long}%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
        ));
        let numbered = r#"<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:p>"#;
        for body in [
            "<w:p/>".repeat(2000),
            format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "a".repeat(2000)),
            format!(
                "<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
                "<w:p><w:r><w:t>b</w:t></w:r></w:p>".repeat(2000)
            ),
            numbered.repeat(10),
        ] {
            let xml = format!("<w:document {NS}><w:body>{body}</w:body></w:document>");
            assert_eq!(document_text(&xml, numbering.clone(), 1000), Ok(None));
            assert!(
                document_text(&xml, numbering.clone(), 100_000)
                    .unwrap()
                    .is_some()
            );
        }
    }
}
