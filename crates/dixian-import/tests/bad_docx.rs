//! Hostile or broken `.docx` files are refused with a message naming the file, never a panic, and
//! without reading more than the document limit: a zip bomb, a zip with no `word/document.xml`, XML
//! entity tricks (a billion-laughs DTD), 10,000-deep nesting, and bytes that are no zip at all.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use dixian_import::docx::MAX_DOCUMENT_XML_BYTES;
use dixian_import::{Format, Overrides, import};
use std::io::Write;
use zip::write::SimpleFileOptions;

/// A zip holding `entries` (name, bytes), deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in entries {
        out.start_file(*name, options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn document(body: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
    .into_bytes()
}

fn read(bytes: &[u8]) -> Result<dixian_import::Imported, String> {
    let set = dixian_core::rules::builtin().unwrap();
    let overrides = Overrides {
        date: chrono::NaiveDate::from_ymd_opt(2025, 6, 1),
        ..Overrides::default()
    };
    import("坏文件.docx", bytes, Format::Docx, &set, &overrides).map_err(|e| e.to_string())
}

#[test]
fn a_zip_bomb_is_refused_at_the_limit() {
    // A few hundred kilobytes that inflate past the limit on document.xml.
    let size = MAX_DOCUMENT_XML_BYTES + 1024;
    let mut xml = document("");
    xml.resize(size, b' ');
    let bomb = zip_of(&[("word/document.xml", &xml)]);
    assert!(bomb.len() < size / 100, "the bomb is small: {}", bomb.len());
    let err = read(&bomb).unwrap_err();
    assert!(
        err.contains("坏文件.docx") && err.contains("超过"),
        "refused for its size: {err}"
    );
}

#[test]
fn a_zip_without_document_xml_is_refused() {
    let zip = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/styles.xml", b"<w:styles/>"),
    ]);
    let err = read(&zip).unwrap_err();
    assert!(err.contains("缺少 word/document.xml"), "{err}");
}

#[test]
fn bytes_that_are_no_zip_are_refused_with_the_save_as_hint() {
    for bytes in [
        &b""[..],
        b"PK\x03\x04 truncated",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old .doc",
    ] {
        let err = read(bytes).unwrap_err();
        assert!(err.contains("另存为 .docx"), "{err}");
    }
}

#[test]
fn entity_definitions_are_never_expanded() {
    // Billion laughs: each entity ten times the one before. A reader that expanded them would need
    // gigabytes; this one resolves only XML's five predefined entities and character references.
    let mut dtd = String::from(r#"<!ENTITY lol0 "哈哈哈哈哈哈哈哈哈哈">"#);
    for i in 1..10 {
        let prev = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!(r#"<!ENTITY lol{i} "{prev}">"#));
    }
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [{dtd}]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>第一条 产假158天 &lol9; &amp; &#x4E00;</w:t></w:r></w:p></w:body></w:document>"#
    );
    // Refused, or read with the entities left unexpanded: never expanded.
    if let Ok(text) = dixian_import::docx::text(
        "坏文件.docx",
        &zip_of(&[("word/document.xml", xml.as_bytes())]),
    ) {
        assert!(!text.contains("哈"), "entities are not expanded: {text}");
    }
}

#[test]
fn ten_thousand_deep_nesting_is_read_without_recursion() {
    let depth = 10_000;
    let open = "<w:tbl><w:tr><w:tc>".repeat(depth);
    let close = "</w:tc></w:tr></w:tbl>".repeat(depth);
    let body = format!("{open}<w:p><w:r><w:t>第一条 产假158天。</w:t></w:r></w:p>{close}");
    let zip = zip_of(&[("word/document.xml", &document(&body))]);
    // Read, or refused for its depth: either way in bounded time, never a stack overflow.
    if let Ok(text) = dixian_import::docx::text("坏文件.docx", &zip) {
        assert!(text.contains("产假158天"), "{}", text.len());
    }
    // Unbalanced nesting is an XML error, reported, not a panic.
    let zip = zip_of(&[("word/document.xml", &document(&open))]);
    let err = read(&zip).unwrap_err();
    assert!(err.contains("坏文件.docx"), "{err}");
}
