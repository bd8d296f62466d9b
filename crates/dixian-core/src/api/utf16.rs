//! Byte offsets (what the engine keeps) → UTF-16 code-unit offsets (what a JavaScript string indexes),
//! converted in one pass however many offsets are asked for, so a contract full of findings stays linear.

use std::collections::BTreeMap;

/// UTF-16 offsets of `bytes` in `text`. An offset inside a character or past the end is clamped to the
/// start of that character or to the end of the text.
pub fn offsets(text: &str, bytes: impl IntoIterator<Item = usize>) -> BTreeMap<usize, usize> {
    // Inserted one by one: `collect` into a map sorts its input first, a copy of the standard sort
    // the browser module would carry for this alone (see `crate::sort`).
    let mut wanted = BTreeMap::new();
    for b in bytes {
        wanted.insert(b, 0);
    }
    let mut units = 0usize;
    let mut chars = text.char_indices().peekable();
    for (byte, slot) in wanted.iter_mut() {
        while let Some(&(at, c)) = chars.peek() {
            if at + c.len_utf8() > *byte {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        *slot = units;
    }
    wanted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_units_as_javascript_does() {
        // "产" is one UTF-16 unit and three UTF-8 bytes; "𠀀" (outside the BMP) is two units and four bytes.
        let text = "a产𠀀b";
        let map = offsets(text, [0, 1, 4, 8, 9, 100]);
        let got: Vec<(usize, usize)> = map.into_iter().collect();
        assert_eq!(got, vec![(0, 0), (1, 1), (4, 2), (8, 4), (9, 5), (100, 5)]);
    }

    #[test]
    fn agrees_with_encode_utf16_on_every_char_boundary() {
        let text = "合同：产假 158天\n𠀀 ok";
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let map = offsets(text, bounds.iter().copied());
        for b in bounds {
            let expected = text.get(..b).map(|p| p.encode_utf16().count());
            assert_eq!(map.get(&b).copied(), expected, "at byte {b}");
        }
    }
}
