//! A `.txt` contract's bytes as text. Union staff save contracts from whatever editor they have: UTF-8
//! (with or without BOM), UTF-16 from Notepad's “Unicode”, or GBK/GB18030 from older Chinese Windows.
//! BOMs decide first, then strict UTF-8, then chardetng's guess (feature `guess-encoding`, on by
//! default; without it, GB18030).
//!
//! Deciding the encoding is done here for every build; turning bytes of a legacy encoding into text is
//! a [`Decoder`]'s job. The native build decodes with encoding_rs ([`decode`]); the browser build hands
//! the same encoding names to the browser's own `TextDecoder` ([`decode_with`]), which implements the
//! same WHATWG Encoding Standard, so its module carries no conversion tables.

use dixian_core::LoadError;
use dixian_core::contract::MAX_CONTRACT_BYTES;
use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

/// Decoded text and the name of the encoding it was read in.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Turns `bytes` (without BOM) of the encoding named by its WHATWG label into text, or `None` when
/// they are not valid in it.
pub type Decoder<'a> = &'a dyn Fn(&'static str, &[u8]) -> Option<String>;

/// Decodes a text file with encoding_rs, refusing binary content and text that does not decode cleanly.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, LoadError> {
    decode_with(file, bytes, &decode_native)
}

/// encoding_rs as a [`Decoder`].
pub fn decode_native(label: &'static str, bytes: &[u8]) -> Option<String> {
    let encoding = Encoding::for_label(label.as_bytes())?;
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// Decodes a text file with `decoder` for whatever is not UTF-8.
pub fn decode_with(file: &str, bytes: &[u8], decoder: Decoder<'_>) -> Result<Decoded, LoadError> {
    if bytes.len() > MAX_CONTRACT_BYTES {
        return Err(LoadError::one(
            file,
            1,
            1,
            format!(
                "文件过大（{} 字节，上限 {MAX_CONTRACT_BYTES} 字节）",
                bytes.len()
            ),
        ));
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        return finish(file, encoding, body, decoder);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return finish(file, encoding, bytes, decoder);
    }
    if bytes.contains(&0) {
        return Err(LoadError::one(
            file,
            1,
            1,
            "文件含有二进制内容，不是文本（Word 文档请用 .docx 格式）",
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: normalize_newlines(text),
            encoding: UTF_8.name(),
        });
    }
    let guessed = guess(bytes);
    // GB18030 is a superset of GBK: decode with it so a rare character does not fail, but name GBK when
    // that is all the text needs.
    let encoding = if guessed == GBK || guessed == GB18030 {
        GB18030
    } else {
        guessed
    };
    finish(file, encoding, bytes, decoder)
}

/// UTF-16 saved without a byte-order mark (a guess, so with feature `guess-encoding`), when the bytes
/// have zeros (ASCII characters and line ends
/// in UTF-16): the byte order whose reading has line ends and no control character but tabs (the
/// other order reads a line end as U+0A00). A binary file reads as neither.
#[cfg(feature = "guess-encoding")]
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 || !bytes.contains(&0) {
        return None;
    }
    let reads = |unit: fn([u8; 2]) -> u16| {
        let units = bytes.chunks_exact(2).map(|pair| {
            unit([
                pair.first().copied().unwrap_or(0),
                pair.get(1).copied().unwrap_or(0),
            ])
        });
        let mut line_end = false;
        for c in char::decode_utf16(units) {
            match c {
                Ok('\n') => line_end = true,
                Ok('\r' | '\t') => {}
                Ok(c) if !c.is_control() => {}
                _ => return false,
            }
        }
        line_end
    };
    if reads(u16::from_le_bytes) {
        Some(encoding_rs::UTF_16LE)
    } else if reads(u16::from_be_bytes) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Without chardetng (the browser build): UTF-16 needs its byte-order mark.
#[cfg(not(feature = "guess-encoding"))]
fn utf16_without_bom(_bytes: &[u8]) -> Option<&'static Encoding> {
    None
}

/// chardetng's guess for text with no BOM that is not UTF-8.
#[cfg(feature = "guess-encoding")]
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// Without chardetng (the browser build): GB18030, which covers GBK, and refuses what it cannot read.
#[cfg(not(feature = "guess-encoding"))]
fn guess(_bytes: &[u8]) -> &'static Encoding {
    GB18030
}

fn finish(
    file: &str,
    encoding: &'static Encoding,
    body: &[u8],
    decoder: Decoder<'_>,
) -> Result<Decoded, LoadError> {
    let text = if encoding == UTF_8 {
        std::str::from_utf8(body).ok().map(str::to_owned)
    } else {
        decoder(encoding.name(), body)
    };
    let Some(text) = text else {
        return Err(LoadError::one(
            file,
            1,
            1,
            format!(
                "无法识别文件编码（按 {} 读取出错）；请另存为 UTF-8",
                encoding.name()
            ),
        ));
    };
    let name = if encoding != GB18030 {
        encoding.name()
    } else if has_four_byte_gb18030(body) {
        GB18030.name() // some character needs GB18030's four-byte form
    } else {
        GBK.name()
    };
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding: name,
    })
}

/// Whether GB18030 bytes use its four-byte form (a lead byte followed by an ASCII digit), which GBK
/// lacks. Read from the bytes, so no encoder tables are needed to tell the two apart.
fn has_four_byte_gb18030(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if (0x81..=0xfe).contains(&b) {
            if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// Windows line ends become `\n`, so that lines and columns count as an editor shows them.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn reads_utf8_gbk_and_utf16() {
        let text = "第五条 女职工生育享受产假一百五十八天。\r\n";
        assert_eq!(
            decode("a", text.as_bytes()).unwrap().text,
            "第五条 女职工生育享受产假一百五十八天。\n"
        );
        let (gbk, _, _) = GBK.encode(text);
        let d = decode("a", &gbk).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("第五条 女职工生育享受产假一百五十八天。\n", "GBK")
        );
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("a", &utf16).unwrap().encoding, "UTF-16LE");
        assert!(decode("a", b"PK\x03\x04\x00\x00").is_err());
        // Without a byte-order mark, either way round (a guess: not in the browser build).
        #[cfg(feature = "guess-encoding")]
        utf16_without_a_byte_order_mark(text);
    }

    #[cfg(feature = "guess-encoding")]
    fn utf16_without_a_byte_order_mark(text: &str) {
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode("a", &le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("第五条 女职工生育享受产假一百五十八天。\n", "UTF-16LE")
        );
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode("a", &be).unwrap().encoding, "UTF-16BE");
        // Zeros on both sides are binary.
        assert!(decode("a", b"\x00\x00ab\n\x00\x00\x00").is_err());
    }

    #[test]
    fn gb18030_is_named_when_a_character_needs_four_bytes() {
        // 㐀 (U+3400) has no two-byte GBK code.
        let text = "第五条 女职工㐀产假一百五十八天，合同签订于二〇二三年。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode("a", &bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "gb18030"));
    }

    #[test]
    fn a_decoder_that_refuses_gives_the_encoding_message() {
        let (gbk, _, _) = GBK.encode("第五条 女职工生育享受产假一百五十八天。");
        let refuse = |_: &'static str, _: &[u8]| None;
        let e = decode_with("a.txt", &gbk, &refuse).err().unwrap();
        assert!(e.to_string().contains("按 gb18030 读取出错"), "{e}");
        let seen = std::cell::Cell::new("");
        let spy = |label: &'static str, b: &[u8]| {
            seen.set(label);
            decode_native(label, b)
        };
        assert_eq!(decode_with("a", &gbk, &spy).unwrap().encoding, "GBK");
        assert_eq!(seen.get(), "gb18030");
    }
}
