//! Where things are in an input: byte ranges and the 1-based line and column (in characters, as SARIF's
//! `unicodeCodePoints` wants) that a person sees in an editor.

use serde::Serialize;

/// A byte range in one source text, with the line and column of its start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub column: u32,
}

impl Span {
    /// The span of `len` bytes starting `offset` bytes into `text`, where `text` is the source
    /// slice this span covers. Line and column are counted from this span's own start.
    pub fn advance(&self, text: &str, offset: usize, len: usize) -> Span {
        let before = text.get(..offset).unwrap_or("");
        let (line, column) = match before.rfind('\n') {
            Some(nl) => (
                self.line
                    .saturating_add(to_u32(before.matches('\n').count())),
                to_u32(before.get(nl + 1..).map_or(0, |s| s.chars().count()) + 1),
            ),
            None => (
                self.line,
                self.column.saturating_add(to_u32(before.chars().count())),
            ),
        };
        Span {
            start: self.start + offset,
            end: self.start + offset + len,
            line,
            column,
        }
    }
}

/// The whole lines that bytes `start..end` of `text` fall on: from the start of the first to the end
/// of the last, before its line break.
pub fn lines_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let from = text
        .get(..start)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let to = text
        .get(end..)
        .and_then(|a| a.find('\n'))
        .map_or(text.len(), |i| end + i);
    (from, to)
}

/// Line starts of a text, to turn byte offsets into line and column cheaply.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// 1-based line and character column of byte `offset` (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map_or(0, |prefix| prefix.chars().count());
        (to_u32(line), to_u32(column + 1))
    }

    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let (line, column) = self.line_col(text, start);
        Span {
            start,
            end: end.max(start),
            line,
            column,
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "名称: 甲\n产假: 158天\n";
        let idx = LineIndex::new(text);
        let at = text.find("158").unwrap_or_default();
        assert_eq!(idx.line_col(text, at), (2, 5));
        assert_eq!(idx.line_col(text, 0), (1, 1));
    }
}
