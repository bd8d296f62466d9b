//! Matching forbidden wording in clause text: a pattern is literal, and `*` stands for a short gap
//! (at most `MAX_GAP` characters, not crossing a sentence end), so `怀孕*自动离职` catches
//! 怀孕的视为自动离职.

const MAX_GAP: usize = 12;
/// Words that, earlier in the same sentence, turn a match into a prohibition of it: 企业不得要求女职工
/// 不得生育 is lawful wording, 女职工不得生育 is not.
const NEGATIONS: [&str; 9] = [
    "不得", "不能", "不准", "不应", "不因", "不以", "禁止", "严禁", "杜绝",
];
const SENTENCE_ENDS: [char; 5] = ['。', '；', '！', '？', '\n'];
const NEGATION_SCOPE_ENDS: [char; 7] = ['。', '；', '！', '？', '\n', '，', ','];

/// A 256-bit summary of the characters in a text: a cheap, exact "cannot match" test. Every piece of
/// a pattern must occur in a text it matches, so a text whose mask lacks a bit of the pattern's mask
/// cannot match it and need not be searched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CharMask([u64; 4]);

impl CharMask {
    /// The mask of a pattern: every character but `*`, each by the low 12 bits of its code point.
    pub fn of(pattern: &str) -> Self {
        let mut mask = Self::default();
        for c in pattern.chars().filter(|&c| c != '*') {
            mask.add(u32::from(c) & 0xfff);
        }
        mask
    }

    /// The mask of a text to search, read byte by byte (no decoding): the last byte of each
    /// character, with the one before it, gives the low 12 bits of its code point, as in
    /// [`CharMask::of`]; the other bytes add bits of their own, which only makes the mask wider, so a
    /// text that can match a pattern always covers it.
    pub fn of_text(text: &str) -> Self {
        let mut mask = Self::default();
        let mut prev = 0u32;
        for b in text.bytes().map(u32::from) {
            mask.add(if b < 0x80 {
                b
            } else {
                ((prev & 0x3f) << 6) | (b & 0x3f)
            });
            prev = b;
        }
        mask
    }

    fn add(&mut self, key: u32) {
        let h = key.wrapping_mul(0x9e37_79b1) >> 24;
        if let Some(word) = self.0.get_mut((h >> 6) as usize) {
            *word |= 1 << (h & 63);
        }
    }

    /// Whether every character bit of `other` is in `self`.
    pub fn covers(&self, other: &CharMask) -> bool {
        self.0.iter().zip(other.0).all(|(a, b)| a & b == b)
    }
}

/// The byte range of the first match of `pattern` in `text`.
pub fn find(text: &str, pattern: &str) -> Option<(usize, usize)> {
    let mut pieces = pattern.split('*').filter(|p| !p.is_empty());
    let first = pieces.next()?;
    let rest: Vec<&str> = pieces.collect();
    if !text.contains(first) {
        return None;
    }
    'starts: for (start, _) in text.match_indices(first) {
        if negated(text, start) {
            continue;
        }
        let mut at = start + first.len();
        for piece in &rest {
            let window: String = text
                .get(at..)
                .unwrap_or("")
                .chars()
                .take(MAX_GAP + piece.chars().count())
                .collect();
            let Some(found) = window.find(piece) else {
                continue 'starts;
            };
            if window
                .get(..found)
                .is_some_and(|gap| gap.contains(SENTENCE_ENDS))
            {
                continue 'starts;
            }
            at += found + piece.len();
        }
        return Some((start, at));
    }
    None
}

/// Whether the sentence before byte `at` already negates what follows.
fn negated(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    // The negation's reach is its clause: up to the last comma or sentence end (not 、, which lists
    // the things negated: 不因结婚、怀孕…解除).
    let sentence = before
        .rfind(NEGATION_SCOPE_ENDS)
        .map_or(before, |i| before.get(i..).unwrap_or(""));
    NEGATIONS.iter().any(|n| sentence.contains(n))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_text_that_matches_covers_the_pattern() {
        let texts = [
            "女职工怀孕的，视为自动离职。",
            "Pregnant employees leave: 怀孕 → 自动离职 ✓ 𠀀𠀁 é",
            "入职体检包括妊娠检测。",
            "女职工在合同期内不得生育，确需生育的须提前申请。",
        ];
        for text in texts {
            let mask = CharMask::of_text(text);
            // Every substring of a text is covered by its mask.
            for (i, _) in text.char_indices() {
                for (j, _) in text.char_indices().filter(|&(j, _)| j > i) {
                    let piece = text.get(i..j).unwrap_or("");
                    assert!(mask.covers(&CharMask::of(piece)), "{text}: {piece}");
                }
            }
        }
    }

    use super::{CharMask, find};

    #[test]
    fn literal_and_gapped() {
        assert_eq!(find("合同期内不得生育", "不得生育"), Some((12, 24)));
        assert!(find("女职工怀孕的，视为自动离职", "怀孕*自动离职").is_some());
        let text = "女职工怀孕的，视为自动离职";
        assert!(CharMask::of_text(text).covers(&CharMask::of("怀孕*自动离职")));
        assert!(!CharMask::of_text(text).covers(&CharMask::of("不得生育")));
        assert!(find("怀孕。其他内容很多很多，自动离职", "怀孕*自动离职").is_none());
        assert!(find("不得因结婚降低工资", "不得结婚").is_none());
        assert!(find("企业不得要求女职工在合同期内不得生育。", "不得生育").is_none());
        assert!(find("不得因女职工怀孕解除劳动合同。", "怀孕*解除劳动合同").is_none());
        assert!(
            find(
                "本合同有效。女职工怀孕的，解除劳动合同。",
                "怀孕*解除劳动合同"
            )
            .is_some()
        );
    }
}
