//! A `.docx` written back with one part replaced: every other entry is copied exactly as it was packed
//! (same bytes, same CRC, same dates), and the new part is deflated by miniz_oxide (stored in the
//! browser, see [`pack`]). The writer of
//! `dixian fix` and of the browser's “下载修订稿” alike; it needs nothing of a general ZIP library.
//!
//! Each entry gets a fresh local header carrying its sizes (no data descriptors), no extra fields, and
//! a central directory entry pointing at it. ZIP64 is never needed: [`crate::unzip`] refuses it, and a
//! Word document's parts are far below 4 GiB.

use crate::unzip::{self, CENTRAL, EOCD, Entry, LOCAL, ZipError};

/// Deflate level: miniz's default, a good size for XML at a modest cost.
#[cfg(not(target_arch = "wasm32"))]
const LEVEL: u8 = 6;
/// General-purpose flag bit 3: sizes in a data descriptor after the data. Cleared, as the sizes are
/// written in the local header instead.
const DATA_DESCRIPTOR: u16 = 1 << 3;

/// The new part deflated (method 8). The browser build stores it instead (method 0, which Word reads
/// alike): miniz_oxide's compressor would take about 4 KB of its gzipped 300 KB budget, and a revised
/// draft downloaded once need not be small.
#[cfg(not(target_arch = "wasm32"))]
fn pack(data: &[u8]) -> (u16, std::borrow::Cow<'_, [u8]>) {
    (8, miniz_oxide::deflate::compress_to_vec(data, LEVEL).into())
}

#[cfg(target_arch = "wasm32")]
fn pack(data: &[u8]) -> (u16, std::borrow::Cow<'_, [u8]>) {
    (0, data.into())
}

/// `zip` with the entry `name` replaced by `data`.
pub fn replace(zip: &[u8], name: &str, data: &[u8]) -> Result<Vec<u8>, ZipError> {
    let entries = unzip::entries(zip)?;
    if !entries.iter().any(|e| e.name == name.as_bytes()) {
        return Err(ZipError::Missing(name.to_owned()));
    }
    let (method, packed) = pack(data);
    let mut parts = Vec::with_capacity(entries.len());
    for e in entries {
        parts.push(if e.name == name.as_bytes() {
            let fresh = Entry {
                method,
                crc: unzip::crc32(data),
                size: data.len(),
                packed_size: packed.len(),
                ..e
            };
            (fresh, packed.as_ref())
        } else {
            let packed = e.packed(zip)?;
            (e, packed)
        });
    }
    write(&parts)
}

/// An archive of entries with their data already packed.
pub fn write(parts: &[(Entry<'_>, &[u8])]) -> Result<Vec<u8>, ZipError> {
    let too_large = || ZipError::Damaged("超过 4 GiB，Word 文档不会这样大");
    let narrow = |n: usize| u32::try_from(n).map_err(|_| too_large());
    let count = u16::try_from(parts.len()).map_err(|_| too_large())?;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (e, data) in parts {
        let offset = narrow(out.len())?;
        let name_len = u16::try_from(e.name.len()).map_err(|_| too_large())?;
        let (packed, size) = (narrow(data.len())?, narrow(e.size)?);
        let flags = e.flags & !DATA_DESCRIPTOR;
        // The fields local and central headers share, from "version needed" to the name's length.
        let mut common = Vec::with_capacity(26);
        for half in [20, flags, e.method, e.time, e.date] {
            common.extend_from_slice(&half.to_le_bytes());
        }
        for word in [e.crc, packed, size] {
            common.extend_from_slice(&word.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());

        out.extend_from_slice(&LOCAL.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        out.extend_from_slice(e.name);
        out.extend_from_slice(data);
        central.extend_from_slice(&CENTRAL.to_le_bytes());
        central.extend_from_slice(&e.made_by.to_le_bytes());
        central.extend_from_slice(&common);
        // Extra field and comment lengths, disk number, internal attributes: all zero.
        central.extend_from_slice(&[0; 8]);
        central.extend_from_slice(&e.external.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name);
    }
    let directory_at = narrow(out.len())?;
    let directory_len = narrow(central.len())?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&EOCD.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // this disk, the directory's disk
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&directory_len.to_le_bytes());
    out.extend_from_slice(&directory_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // no comment
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../../fixtures/text/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn replaces_one_part_and_copies_the_others_as_packed() {
        for name in ["hubei-table.docx", "beijing-runs.docx"] {
            let original = fixture(name);
            let xml = b"<?xml version=\"1.0\"?><w:document/>".repeat(50);
            let out = replace(&original, "word/document.xml", &xml).unwrap();
            assert_eq!(
                unzip::read_entry(&out, "word/document.xml", 1 << 20).unwrap(),
                xml
            );
            let (before, after) = (
                unzip::entries(&original).unwrap(),
                unzip::entries(&out).unwrap(),
            );
            assert_eq!(before.len(), after.len());
            for (b, a) in before.iter().zip(&after) {
                assert_eq!(b.name, a.name);
                if b.name != b"word/document.xml" {
                    assert_eq!(b.packed(&original).unwrap(), a.packed(&out).unwrap());
                    assert_eq!((b.crc, b.method, b.size), (a.crc, a.method, a.size));
                    let part = std::str::from_utf8(b.name).unwrap();
                    assert_eq!(
                        b.inflate(&original, part, 1 << 24).unwrap(),
                        a.inflate(&out, part, 1 << 24).unwrap()
                    );
                }
            }
            // The zip crate (a general reader) reads the archive as well.
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
            assert_eq!(archive.len(), before.len());
            let mut text = String::new();
            std::io::Read::read_to_string(
                &mut archive.by_name("word/document.xml").unwrap(),
                &mut text,
            )
            .unwrap();
            assert_eq!(text.as_bytes(), xml.as_slice());
        }
    }

    #[test]
    fn a_missing_part_is_refused() {
        assert_eq!(
            replace(&fixture("hubei-table.docx"), "word/none.xml", b""),
            Err(ZipError::Missing("word/none.xml".into()))
        );
    }
}
