//! Regenerates the binary fixtures in fixtures/text/ from their UTF-8 sources in fixtures/text/src/:
//!
//! - `NAME.docx.txt` → `NAME.docx`: one paragraph per line, lines starting with `|` become table rows
//!   (cells split at `|`), `[-x-]` a tracked deletion and `[+x+]` a tracked insertion. Text is cut into
//!   several runs with proofing marks between them, as Word writes it, so the reader is tested on runs.
//!   `**x**` is a bold run (a figure split across formatting); a line starting with `# ` is a paragraph
//!   numbered by Word (第一条, 第二条 … from `word/numbering.xml`), not in its text.
//! - `NAME.txt` → `NAME.txt` in GBK (GB18030 when the name says so).
//!
//! Run from the repository root: `cargo run -p dixian-import --example make_fixtures`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Runs of at most five characters, with a proofing mark between every other pair.
fn runs(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[-") {
            let end = after.find("-]").expect("closed deletion");
            out.push_str(&format!(
                r#"<w:del w:id="1" w:author="审阅"><w:r><w:delText>{}</w:delText></w:r></w:del>"#,
                escape(&after[..end])
            ));
            rest = &after[end + 2..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("[+") {
            let end = after.find("+]").expect("closed insertion");
            out.push_str(&format!(
                r#"<w:ins w:id="2" w:author="审阅"><w:r><w:t>{}</w:t></w:r></w:ins>"#,
                escape(&after[..end])
            ));
            rest = &after[end + 2..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("**") {
            let end = after.find("**").expect("closed bold");
            out.push_str(&format!(
                r#"<w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                escape(&after[..end])
            ));
            rest = &after[end + 2..];
            continue;
        }
        let stop = rest
            .find(['[', '*'])
            .filter(|i| *i > 0)
            .unwrap_or(rest.len());
        let take: usize = rest[..stop].chars().take(5).map(char::len_utf8).sum();
        let (chunk, tail) = rest.split_at(take);
        out.push_str(&format!(r#"<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#, escape(chunk)));
        if out.len() % 2 == 0 {
            out.push_str(r#"<w:proofErr w:type="gramStart"/>"#);
        }
        rest = tail;
    }
    out
}

fn paragraph(text: &str) -> String {
    match text.strip_prefix("# ") {
        Some(text) => format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:jc w:val=\"both\"/></w:pPr>{}</w:p>",
            runs(text)
        ),
        None => format!(
            "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>{}</w:p>",
            runs(text)
        ),
    }
}

fn document_xml(source: &str) -> String {
    let mut body = String::new();
    let lines: Vec<&str> = source.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with('|') {
            body.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>");
            while i < lines.len() && lines[i].starts_with('|') {
                body.push_str("<w:tr>");
                for cell in lines[i][1..].split('|') {
                    let content = if cell.is_empty() {
                        "<w:p/>".to_owned()
                    } else {
                        paragraph(cell)
                    };
                    body.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>{content}</w:tc>"));
                }
                body.push_str("</w:tr>");
                i += 1;
            }
            body.push_str("</w:tbl>");
        } else {
            body.push_str(&paragraph(lines[i]));
            i += 1;
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// Articles numbered 第一条, 第二条 … by Word.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
const NUMBERED_CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

fn write_docx(source: &str, out: &Path) {
    let file = std::fs::File::create(out).expect("create docx");
    let mut zip = zip::ZipWriter::new(file);
    // A fixed time keeps the committed files byte-for-byte reproducible.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let numbered = source.lines().any(|l| l.starts_with("# "));
    let mut entries = vec![
        (
            "[Content_Types].xml",
            if numbered {
                NUMBERED_CONTENT_TYPES
            } else {
                CONTENT_TYPES
            }
            .to_owned(),
        ),
        ("_rels/.rels", RELS.to_owned()),
        ("word/document.xml", document_xml(source)),
    ];
    if numbered {
        entries.push(("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()));
        entries.push(("word/numbering.xml", NUMBERING.to_owned()));
    }
    for (name, content) in entries {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish");
}

fn main() {
    let dir = Path::new("fixtures/text");
    let mut entries: Vec<_> = std::fs::read_dir(dir.join("src"))
        .expect("run from the repository root")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name")
            .to_owned();
        let source = std::fs::read_to_string(&path).expect("utf-8 source");
        if let Some(stem) = name.strip_suffix(".docx.txt") {
            let out = dir.join(format!("{stem}.docx"));
            write_docx(&source, &out);
            println!("{}", out.display());
        } else if name.ends_with(".txt") {
            let encoding = if name.contains("gb18030") {
                encoding_rs::GB18030
            } else {
                encoding_rs::GBK
            };
            let (bytes, _, unmappable) = encoding.encode(&source);
            assert!(
                !unmappable,
                "{name} has characters {} cannot hold",
                encoding.name()
            );
            let out = dir.join(&name);
            std::fs::write(&out, &bytes).expect("write");
            println!("{} ({})", out.display(), encoding.name());
        }
    }
}
