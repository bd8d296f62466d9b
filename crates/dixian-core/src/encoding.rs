//! Input bytes → text. Contracts and rule files are UTF-8 (a BOM is allowed: Windows Notepad writes
//! one). Anything else is refused by name, so that the user knows to re-save the file rather than
//! puzzle over a parse error: UTF-16 (with or without its BOM), GBK, binary files.

use crate::error::LoadError;
use crate::source::LineIndex;

/// A file's bytes as text. The UTF-8 BOM, if any, is kept; `load_yaml` skips it.
pub fn decode_utf8(file: &str, bytes: &[u8]) -> Result<String, LoadError> {
    decode_utf8_owned(file, bytes.to_vec())
}

/// [`decode_utf8`] for bytes already owned: a large file is not copied (a 20 MB file read to be
/// refused should cost 20 MB, not 40).
pub fn decode_utf8_owned(file: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || looks_like_utf16(&bytes)
    {
        return Err(LoadError::one(
            file,
            1,
            1,
            "文件是 UTF-16 编码；请用编辑器另存为 UTF-8",
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let (line, column) = position(bytes, e.utf8_error().valid_up_to());
            let message = if looks_binary(bytes) {
                "文件含有二进制内容，不是文本（合同和规则文件应为 UTF-8 文本）"
            } else {
                "文件不是 UTF-8 编码（多半是 GBK）；请用编辑器另存为 UTF-8"
            };
            return Err(LoadError::one(file, line, column, message));
        }
    };
    if let Some(at) = text.find('\0') {
        let (line, column) = position(text.as_bytes(), at);
        return Err(LoadError::one(
            file,
            line,
            column,
            "文件含有二进制内容（NUL 字符），不是文本",
        ));
    }
    Ok(text)
}

/// Line and column of byte `at`, counting only the valid UTF-8 before it.
fn position(bytes: &[u8], at: usize) -> (u32, u32) {
    let prefix = bytes
        .get(..at)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("");
    LineIndex::new(prefix).line_col(prefix, prefix.len())
}

/// UTF-16 without a BOM: mostly-ASCII text leaves a NUL in every other byte, on one side only.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = bytes.get(..4096).unwrap_or(bytes);
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 { even += 1 } else { odd += 1 }
        }
    }
    let pairs = sample.len() / 2;
    let (more, fewer) = (even.max(odd), even.min(odd));
    more >= 2 && more * 4 >= pairs && fewer * 8 <= more
}

/// Control characters other than tab, newline and carriage return: a text editor never writes them.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..4096).unwrap_or(bytes);
    sample
        .iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(bytes: &[u8]) -> String {
        decode_utf8("f", bytes)
            .err()
            .and_then(|e| e.first().map(|d| d.message.clone()))
            .unwrap_or_default()
    }

    #[test]
    fn names_the_encoding() {
        assert_eq!(
            decode_utf8("f", "\u{feff}名称: 甲".as_bytes())
                .ok()
                .as_deref(),
            Some("\u{feff}名称: 甲")
        );
        let utf16: Vec<u8> = "region: x\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(message(&utf16).contains("UTF-16"));
        let utf16be: Vec<u8> = "region: x\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(message(&utf16be).contains("UTF-16"));
        assert!(message(b"region: \xba\xfe\xb1\xb1").contains("GBK"));
        assert!(message(b"\x89PNG\r\n\x1a\n\x00\x00").contains("二进制"));
        assert!(message(b"a: b\x00").contains("NUL"));
    }
}
