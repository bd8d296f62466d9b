//! Valid `.docx` packages made from fuzzed bytes. Mutating a `.docx` seed almost always breaks an
//! entry's CRC-32, so the importer would refuse it in the ZIP layer and the XML reader, Word's
//! numbering and the tracked-change writer would seldom be reached. These put the bytes inside a real
//! package instead (a fixture with `word/document.xml` and `word/numbering.xml`), packed by the
//! library's own ZIP writer, so the CRCs are right and every byte reaches the document's reader.

use dixian_import::rezip;

/// A Word document with automatic numbering (第%1条, chineseCounting) from the fixtures.
const TEMPLATE: &[u8] = include_bytes!("../../fixtures/text/hunan-numbered.docx");

/// The package with `document.xml` replaced, and `numbering.xml` too when given.
pub fn with_parts(document: &[u8], numbering: Option<&[u8]>) -> Option<Vec<u8>> {
    let docx = rezip::replace(TEMPLATE, "word/document.xml", document).ok()?;
    match numbering {
        Some(n) => rezip::replace(&docx, "word/numbering.xml", n).ok(),
        None => Some(docx),
    }
}

/// The bytes as the package's XML: `document.xml`, then after the first NUL byte `numbering.xml`.
pub fn of_xml(data: &[u8]) -> Option<Vec<u8>> {
    match data.iter().position(|&b| b == 0) {
        Some(nul) => with_parts(data.get(..nul)?, data.get(nul + 1..)),
        None => with_parts(data, None),
    }
}

/// Text written as Word writes it: one paragraph per line, each split into several runs; a line
/// with tabs is a table row (consecutive ones one table); a line starting with `#` is numbered by
/// Word (the `#` is dropped); words between `{+ +}` are another reviewer's tracked insertion and
/// between `{- -}` a tracked deletion.
pub fn of_text(text: &str) -> Option<Vec<u8>> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let mut xml = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>"#);
    let mut in_table = false;
    for line in text.split('\n') {
        let row = line.contains('\t');
        if row && !in_table {
            xml.push_str("<w:tbl>");
        } else if !row && in_table {
            xml.push_str("</w:tbl>");
        }
        in_table = row;
        if row {
            xml.push_str("<w:tr>");
            for cell in line.split('\t') {
                xml.push_str("<w:tc>");
                paragraph(&mut xml, cell);
                xml.push_str("</w:tc>");
            }
            xml.push_str("</w:tr>");
        } else {
            paragraph(&mut xml, line);
        }
    }
    if in_table {
        xml.push_str("</w:tbl>");
    }
    xml.push_str("</w:body></w:document>");
    with_parts(xml.as_bytes(), None)
}

fn paragraph(xml: &mut String, line: &str) {
    xml.push_str("<w:p>");
    let line = match line.strip_prefix('#') {
        Some(rest) => {
            xml.push_str(
                r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#,
            );
            rest
        }
        None => line,
    };
    // Runs end where the text's own characters say (so the splits move as the fuzzer mutates), and
    // at each change of tracked state.
    let mut state = "";
    let mut run = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let marker = ["{+", "+}", "{-", "-}"]
            .into_iter()
            .find(|m| rest.starts_with(m));
        if let Some(m) = marker {
            close_run(xml, &mut run, state);
            state = match m {
                "{+" => "ins",
                "{-" => "del",
                _ => "",
            };
            rest = rest.get(2..).unwrap_or("");
            continue;
        }
        run.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
        if u32::from(c) % 5 == 0 {
            close_run(xml, &mut run, state);
        }
    }
    close_run(xml, &mut run, state);
    xml.push_str("</w:p>");
}

fn close_run(xml: &mut String, run: &mut String, state: &str) {
    if run.is_empty() {
        return;
    }
    let text = dixian_import::xml::escape(run);
    let stamp = r#"w:id="7" w:author="someone" w:date="2024-01-01T00:00:00Z""#;
    let r = match state {
        "del" => format!(
            r#"<w:del {stamp}><w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>"#
        ),
        "ins" => {
            format!(r#"<w:ins {stamp}><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>"#)
        }
        _ => format!(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#),
    };
    xml.push_str(&r);
    run.clear();
}
