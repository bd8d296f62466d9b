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

/// The byte range of the first match of `pattern` in `text`.
pub fn find(text: &str, pattern: &str) -> Option<(usize, usize)> {
    let mut pieces = pattern.split('*').filter(|p| !p.is_empty());
    let first = pieces.next()?;
    let rest: Vec<&str> = pieces.collect();
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
    use super::find;

    #[test]
    fn literal_and_gapped() {
        assert_eq!(find("合同期内不得生育", "不得生育"), Some((12, 24)));
        assert!(find("女职工怀孕的，视为自动离职", "怀孕*自动离职").is_some());
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
