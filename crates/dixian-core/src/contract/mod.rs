//! Contract → facts: reading a contract (YAML) into the typed form rules are evaluated over.

mod model;
mod yaml;

pub use model::*;
pub use yaml::{Located, MAX_CLAUSES, MAX_CONTRACT_BYTES, load_yaml, read_document};

/// A contract file's bytes as text. Only UTF-8 is read (a BOM is allowed); UTF-16 or GBK is refused
/// by name so the user knows to re-save the file.
pub fn decode_utf8(file: &str, bytes: &[u8]) -> Result<String, crate::LoadError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(crate::LoadError::one(
            file,
            1,
            1,
            "文件是 UTF-16 编码；请另存为 UTF-8",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            let prefix = bytes
                .get(..at)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("");
            let lines = crate::source::LineIndex::new(prefix);
            let (line, column) = lines.line_col(prefix, prefix.len());
            let hint = if bytes.contains(&0) {
                "文件含有二进制内容，不是文本"
            } else {
                "文件不是 UTF-8 编码（可能是 GBK）；请另存为 UTF-8"
            };
            Err(crate::LoadError::one(file, line, column, hint))
        }
    }
}
