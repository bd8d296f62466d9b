//! Where a missing term's model clause goes: after the clause of the same topic or period, else at
//! the end of the chapter about it, else at the end of the contract's body — never after its final
//! provisions (附则, 本合同自…生效) or the signatures, which are not clauses at all.

use crate::contract::Contract;
use crate::vocabulary::{TermId, Vocabulary};

/// The clause after which the model clause of `term` is inserted.
pub(super) fn anchor(contract: &Contract, vocab: &Vocabulary, term: TermId) -> Option<usize> {
    let info = vocab.term_info(term)?;
    let periods: Vec<&str> = info.periods.iter().map(|p| p.name()).collect();
    let about_period = |s: &str| periods.iter().any(|p| s.contains(p));
    let clauses = &contract.clauses;
    let sections = sections(contract);
    let section = |ci: usize| sections.get(ci).and_then(|s| s.as_deref()).unwrap_or("");
    let last = |pred: &dyn Fn(usize) -> bool| (0..clauses.len()).rev().find(|&ci| pred(ci));
    let keywords = keywords(&[info.name.as_str(), info.label.as_deref().unwrap_or("")]);
    let shares_keyword = |s: &str| keywords.iter().any(|k| s.contains(k.as_str()));
    let body =
        |ci: usize| !is_final_provision(section(ci), clauses.get(ci).map_or("", |c| &c.text));
    let states_a_term = |ci: usize, of: &dyn Fn(&[crate::vocabulary::Period]) -> bool| {
        !info.periods.is_empty()
            && clauses.get(ci).is_some_and(|c| {
                c.terms.iter().any(|st| {
                    vocab
                        .term_info(st.term)
                        .is_some_and(|i| !i.periods.is_empty() && of(&i.periods))
                })
            })
    };
    // Clause of the same topic, of the same period by what it states, chapter named for the period
    // or for the term, a clause that speaks of the period; else the end of the body.
    last(&|ci| {
        clauses
            .get(ci)
            .and_then(|c| c.topic.as_deref())
            .is_some_and(about_period)
    })
    .or_else(|| last(&|ci| about_period(section(ci))))
    // A clause stating a term of the same period: one only of that period (哺乳时间 for a 哺乳期
    // term) before one that spans it among others (孕期、产期、哺乳期内劳动合同期满的……).
    .or_else(|| last(&|ci| states_a_term(ci, &|p| p.iter().all(|p| info.periods.contains(p)))))
    .or_else(|| last(&|ci| states_a_term(ci, &|p| p.iter().any(|p| info.periods.contains(p)))))
    .or_else(|| last(&|ci| shares_keyword(section(ci))))
    .or_else(|| last(&|ci| body(ci) && clauses.get(ci).is_some_and(|c| about_period(&c.text))))
    .or_else(|| last(&body))
    .or_else(|| clauses.len().checked_sub(1))
}

/// The heading each clause stands under: the last heading line (第三章 孕期保护, 一、经期保护,
/// （二）其他) in the source between the previous clause and this one, else the previous clause's; a
/// contract without headings (a YAML file) gives each clause its topic.
fn sections(contract: &Contract) -> Vec<Option<String>> {
    let src = contract.source.as_str();
    let mut out: Vec<Option<String>> = Vec::with_capacity(contract.clauses.len());
    let mut current: Option<String> = None;
    let mut from = 0;
    for c in &contract.clauses {
        let start = c.text_span.start.min(c.id_span.start);
        if let Some(gap) = src.get(from..start) {
            if let Some(h) = gap.lines().filter_map(heading).next_back() {
                current = Some(h.to_owned());
            }
        }
        from = from.max(c.text_span.end);
        out.push(current.clone().or_else(|| c.topic.clone()));
    }
    out
}

/// The heading's words, when a line is a numbered heading: 第三章 孕期保护 → 孕期保护.
fn heading(line: &str) -> Option<&str> {
    let line = line.trim_matches([' ', '\t', '\u{3000}', '\r']);
    let rest = if let Some(r) = line.strip_prefix('第') {
        let r = r.trim_start_matches(super::is_numeral);
        ["章", "节", "部分"]
            .iter()
            .find_map(|m| r.strip_prefix(m))?
    } else if let Some(r) = line.strip_prefix(['（', '(']) {
        r.trim_start_matches(super::is_numeral)
            .strip_prefix(['）', ')'])?
    } else if let Some(r) = line.strip_prefix('【') {
        r.split('】').next()?
    } else {
        let r = line.trim_start_matches(super::is_numeral);
        (r.len() < line.len()).then_some(())?;
        r.strip_prefix(['、', '．'])?
    };
    let rest = rest.trim_matches([' ', '\u{3000}', '：', ':']);
    let short = !rest.is_empty() && rest.chars().count() <= 16;
    (short && !rest.contains(['。', '；', '，', ',', ';'])).then_some(rest)
}

/// Pairs of characters that name a term (性骚扰防治 → 性骚, 骚扰, 扰防, 防治), without the ones every
/// clause of such a contract shares.
fn keywords(names: &[&str]) -> Vec<String> {
    const COMMON: [&str; 8] = [
        "女职", "职工", "劳动", "保护", "用人", "单位", "期间", "工作",
    ];
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let chars: Vec<char> = name.chars().filter(|c| !c.is_ascii_punctuation()).collect();
        for pair in chars.windows(2) {
            let k: String = pair.iter().collect();
            if !COMMON.contains(&k.as_str())
                && !out.contains(&k)
                && !k.contains(['（', '）', '、', '_'])
            {
                out.push(k);
            }
        }
    }
    out
}

/// A final provision: under 附则, or about the contract itself (its term, its taking effect, its
/// copies, matters not covered) rather than about the women it protects.
fn is_final_provision(section: &str, text: &str) -> bool {
    const ABOUT_THE_CONTRACT: [&str; 10] = [
        "生效",
        "一式",
        "未尽事宜",
        "解释权",
        "有效期",
        "合同期限",
        "期满前",
        "备案",
        "签字",
        "盖章",
    ];
    // 劳动合同期限 / 劳动合同期满前 are about a woman's own contract, not this one.
    let about_this_contract = |w: &&str| {
        text.match_indices(*w)
            .any(|(i, _)| !text.get(..i).is_some_and(|b| b.ends_with("劳动")))
    };
    section.contains("附则") || ABOUT_THE_CONTRACT.iter().any(about_this_contract)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn headings_are_read_with_their_numbering() {
        assert_eq!(heading("第三章 孕期保护"), Some("孕期保护"));
        assert_eq!(heading("　一、经期保护"), Some("经期保护"));
        assert_eq!(heading("（二）其他"), Some("其他"));
        assert_eq!(heading("【附则】"), Some("附则"));
        assert_eq!(heading("第五条 女职工经期不安排冷水作业。"), None);
        assert_eq!(
            heading("一、女职工经期不安排高处作业，按月发放卫生费。"),
            None
        );
        assert_eq!(heading("甲方：某公司"), None);
    }

    #[test]
    fn a_term_is_known_by_its_own_words_not_the_common_ones() {
        let k = keywords(&["性骚扰防治", "预防和制止性骚扰"]);
        assert!(k.contains(&"骚扰".to_owned()));
        assert!(
            !keywords(&["女职工劳动保护"])
                .iter()
                .any(|k| k == "职工" || k == "劳动")
        );
    }

    #[test]
    fn final_provisions_are_about_the_contract() {
        assert!(is_final_provision("附则", "第二十条 其他。"));
        assert!(is_final_provision("", "本合同自双方签字之日起生效。"));
        assert!(!is_final_provision(
            "其他",
            "女职工委员会主任作为协商代表参加集体协商。"
        ));
        assert!(!is_final_provision(
            "女职工特殊保护",
            "女职工孕期、产期、哺乳期内劳动合同期满的，劳动合同期限自动延续至相应情形消失时终止。"
        ));
        assert!(is_final_provision("", "本合同期限为三年。"));
    }
}
