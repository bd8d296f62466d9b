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
    /// The mask of a pattern: its characters but `*`.
    pub fn of(pattern: &str) -> Self {
        Self::of_chars(pattern.chars().filter(|&c| c != '*'))
    }

    /// The mask of a text to search.
    pub fn of_text(text: &str) -> Self {
        Self::of_chars(text.chars())
    }

    /// Each character sets the bit of the low 8 bits of its code point (CJK characters spread
    /// evenly over them; no hashing needed).
    fn of_chars(chars: impl Iterator<Item = char>) -> Self {
        let mut bits = [0u64; 4];
        for c in chars {
            let k = u32::from(c) & 0xff;
            if let Some(word) = bits.get_mut((k >> 6) as usize) {
                *word |= 1 << (k & 63);
            }
        }
        Self(bits)
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
