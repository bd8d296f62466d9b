//! A `.txt` contract's bytes as text. Union staff save contracts from whatever editor they have: UTF-8
//! (with or without BOM), UTF-16 from Notepad's “Unicode”, or GBK/GB18030 from older Chinese Windows.
//! BOMs decide first, then strict UTF-8, then chardetng's guess.

use dixian_core::LoadError;
use dixian_core::contract::MAX_CONTRACT_BYTES;
use encoding_rs::{Encoding, GB18030, GBK, UTF_8};

/// Decoded text and the name of the encoding it was read in.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes a text file, refusing binary content and text that does not decode cleanly.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, LoadError> {
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
        return finish(file, encoding, body);
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
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Allow);
    // GB18030 is a superset of GBK: decode with it so a rare character does not fail, but name GBK when
    // that is all the text needs.
    let encoding = if guessed == GBK || guessed == GB18030 {
        GB18030
    } else {
        guessed
    };
    finish(file, encoding, bytes)
}

fn finish(file: &str, encoding: &'static Encoding, body: &[u8]) -> Result<Decoded, LoadError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(LoadError::one(
            file,
            1,
            1,
            format!(
                "无法识别文件编码（按 {} 读取出错）；请另存为 UTF-8",
                encoding.name()
            ),
        ));
    }
    let name = if encoding != GB18030 {
        encoding.name()
    } else if GBK.encode(&text).2 {
        GB18030.name() // some character needs GB18030's four-byte form
    } else {
        GBK.name()
    };
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding: name,
    })
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
    }
}
