//! Entries out of a ZIP archive (a `.docx` is one), and nothing more: the central directory is read
//! to find an entry, its data is inflated by miniz_oxide with a hard output limit and checked against
//! its CRC-32. A general ZIP library would carry writers, encryption and a dozen compression methods
//! the browser build pays for by the kilobyte; a Word document needs stored or deflated entries only.
//!
//! Every size comes from the archive and is distrusted: offsets are bounds-checked, the declared size
//! is compared with the limit before inflating, and inflating stops at the limit whatever was declared
//! (a zip bomb declares small and inflates large).

/// Why an entry could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-central-directory record: not a ZIP archive at all.
    NotZip,
    /// The archive's structure points outside itself or is cut short.
    Damaged(&'static str),
    Missing(String),
    Encrypted(String),
    Method(String, u16),
    TooLarge(String, usize),
    Corrupt(String),
}

impl ZipError {
    /// The reason in words, for a message that already says the file is not a valid document.
    pub fn message(&self) -> String {
        match self {
            Self::NotZip => {
                "文件不是 ZIP 压缩包（可能是图片、PDF 或改了扩展名的其他文件）".to_owned()
            }
            Self::Damaged(what) => format!("压缩包已损坏（{what}）"),
            Self::Missing(name) => format!("缺少 {name}"),
            Self::Encrypted(name) => format!("{name} 已加密；请先在 Word 中取消密码保护"),
            Self::Method(name, m) => format!("{name} 使用了不支持的压缩方式（{m}）"),
            Self::TooLarge(name, max) => {
                format!("{name} 解压后超过 {max} 字节，可能是恶意构造的压缩包（“压缩炸弹”）")
            }
            Self::Corrupt(name) => format!("{name} 的压缩数据已损坏"),
        }
    }
}

pub(crate) const EOCD: u32 = 0x0605_4b50;
pub(crate) const CENTRAL: u32 = 0x0201_4b50;
pub(crate) const LOCAL: u32 = 0x0403_4b50;
const EOCD_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..)?.get(..2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..)?.get(..4)?.try_into().ok()?))
}

fn size(v: u32) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

/// Where the central directory starts and how many entries it lists.
fn central_directory(zip: &[u8]) -> Result<(usize, usize), ZipError> {
    // The record is the last thing in the file, followed only by a comment of at most 65,535 bytes.
    let earliest = zip.len().saturating_sub(EOCD_LEN + usize::from(u16::MAX));
    let at = (earliest..=zip.len().saturating_sub(EOCD_LEN))
        .rev()
        .find(|&i| u32_at(zip, i) == Some(EOCD))
        .ok_or(ZipError::NotZip)?;
    let entries = u16_at(zip, at + 10).ok_or(ZipError::NotZip)?;
    let offset = u32_at(zip, at + 16).ok_or(ZipError::NotZip)?;
    if offset == u32::MAX || entries == u16::MAX {
        return Err(ZipError::Damaged("ZIP64 格式，Word 文档不会用到"));
    }
    Ok((size(offset), usize::from(entries)))
}

/// One entry as the archive's central directory describes it: its name, how it is stored, and where
/// its data is. Enough to inflate it ([`Entry::inflate`]) or to copy it unchanged into another archive
/// ([`crate::rezip`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub name: &'a [u8],
    pub made_by: u16,
    pub flags: u16,
    pub method: u16,
    pub time: u16,
    pub date: u16,
    pub crc: u32,
    /// The size inflated, as declared.
    pub size: usize,
    /// The size packed, as declared.
    pub packed_size: usize,
    pub external: u32,
    /// Where the entry's local header is.
    pub(crate) local: usize,
}

/// Every entry of the archive, in the order of its central directory.
pub fn entries(zip: &[u8]) -> Result<Vec<Entry<'_>>, ZipError> {
    let (mut at, count) = central_directory(zip)?;
    let mut out = Vec::with_capacity(count.min(4096));
    for _ in 0..count {
        if u32_at(zip, at) != Some(CENTRAL) {
            return Err(ZipError::Damaged("中央目录"));
        }
        let damaged = || ZipError::Damaged("中央目录");
        let half = |o: usize| u16_at(zip, at + o).ok_or_else(damaged);
        let word = |o: usize| u32_at(zip, at + o).ok_or_else(damaged);
        let name_len = usize::from(half(28)?);
        let skip = usize::from(half(30)?) + usize::from(half(32)?);
        let name = zip
            .get(at + CENTRAL_LEN..)
            .and_then(|rest| rest.get(..name_len))
            .ok_or_else(damaged)?;
        out.push(Entry {
            name,
            made_by: half(4)?,
            flags: half(8)?,
            method: half(10)?,
            time: half(12)?,
            date: half(14)?,
            crc: word(16)?,
            packed_size: size(word(20)?),
            size: size(word(24)?),
            external: word(38)?,
            local: size(word(42)?),
        });
        at += CENTRAL_LEN + name_len + skip;
    }
    Ok(out)
}

/// The entry `name`, inflated, at most `max` bytes.
pub fn read_entry(zip: &[u8], name: &str, max: usize) -> Result<Vec<u8>, ZipError> {
    entries(zip)?
        .iter()
        .find(|e| e.name == name.as_bytes())
        .ok_or_else(|| ZipError::Missing(name.to_owned()))?
        .inflate(zip, name, max)
}

impl Entry<'_> {
    /// The entry's data as packed in `zip`, found through its local header.
    pub fn packed<'z>(&self, zip: &'z [u8]) -> Result<&'z [u8], ZipError> {
        let damaged = || ZipError::Damaged("文件头");
        if u32_at(zip, self.local) != Some(LOCAL) {
            return Err(damaged());
        }
        let header = usize::from(u16_at(zip, self.local + 26).ok_or_else(damaged)?)
            + usize::from(u16_at(zip, self.local + 28).ok_or_else(damaged)?);
        zip.get(self.local.saturating_add(LOCAL_LEN + header)..)
            .and_then(|rest| rest.get(..self.packed_size))
            .ok_or(ZipError::Damaged("数据被截断"))
    }

    /// The data inflated and checked against its CRC, at most `max` bytes; `name` is for messages.
    /// The declared size is checked before anything is inflated.
    pub fn inflate(&self, zip: &[u8], name: &str, max: usize) -> Result<Vec<u8>, ZipError> {
        if self.flags & 1 != 0 {
            return Err(ZipError::Encrypted(name.to_owned()));
        }
        if self.size > max {
            return Err(ZipError::TooLarge(name.to_owned(), max));
        }
        let data = self.packed(zip)?;
        let out = match self.method {
            0 if data.len() <= max => data.to_vec(),
            0 => return Err(ZipError::TooLarge(name.to_owned(), max)),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, max).map_err(
                |e| match e.status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                        ZipError::TooLarge(name.to_owned(), max)
                    }
                    _ => ZipError::Corrupt(name.to_owned()),
                },
            )?,
            m => return Err(ZipError::Method(name.to_owned(), m)),
        };
        if crc32(&out) != self.crc {
            return Err(ZipError::Corrupt(name.to_owned()));
        }
        Ok(out)
    }
}

/// CRC-32 (IEEE), as ZIP stores it.
// The table is filled in a const block, where `get_mut` is not available; `i` stays below 256.
#[allow(clippy::indexing_slicing)]
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, &b| {
        TABLE.get(usize::from((c as u8) ^ b)).copied().unwrap_or(0) ^ (c >> 8)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn crc_of_a_known_string() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn reads_the_fixture_documents() {
        for name in [
            "hubei-table.docx",
            "ningxia-table.docx",
            "beijing-runs.docx",
        ] {
            let path = format!("{}/../../fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
            let zip = std::fs::read(path).unwrap();
            let xml = read_entry(&zip, "word/document.xml", 1 << 20).unwrap();
            assert!(xml.starts_with(b"<?xml"), "{name}");
            assert_eq!(
                read_entry(&zip, "word/nothing.xml", 1 << 20),
                Err(ZipError::Missing("word/nothing.xml".into()))
            );
            assert!(matches!(
                read_entry(&zip, "word/document.xml", 10),
                Err(ZipError::TooLarge(..))
            ));
        }
    }

    #[test]
    fn not_a_zip_and_truncated_archives_are_refused() {
        assert_eq!(
            read_entry(b"\x89PNG\r\n\x1a\n", "a", 10),
            Err(ZipError::NotZip)
        );
        let path = format!(
            "{}/../../fixtures/text/hubei-table.docx",
            env!("CARGO_MANIFEST_DIR")
        );
        let zip = std::fs::read(path).unwrap();
        for cut in [10, zip.len() / 2, zip.len() - 30] {
            let mut damaged = zip.clone();
            damaged.drain(..cut);
            assert!(read_entry(&damaged, "word/document.xml", 1 << 20).is_err());
        }
    }
}
