//! Terms from a clause's wording. Each sentence's numbers-with-units are tied to the phrase that names
//! them (the phrase right after the number, else the nearest one before it, else after it), conditions
//! (难产, 多胞胎, 流产 under or over four months) turn leave for birth into the matching term, and
//! additions are summed with their base (“在国家规定98天产假基础上增加产假60天” → 产假 158天). Yes/no
//! commitments are recognised by phrase groups (words.rs). Every value keeps the byte range of its words.

use crate::numbers::{Mention, RawUnit, mentions, wraps_a_figure};
use crate::words::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// Thousandths of `unit` (a vocabulary unit name).
    Quantity {
        milli: i64,
        unit: &'static str,
        /// Thousandths of calendar months added to a quantity in days (98天+3个月), else 0.
        months: i64,
    },
    Commitment(bool),
}

/// One term read from the text: canonical vocabulary name, value, and the words that state it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extracted {
    pub term: &'static str,
    pub value: Value,
    pub span: (usize, usize),
}

/// A sentence that names a topic but defers to “the rules” instead of promising anything checkable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vague {
    pub span: (usize, usize),
    pub topic: &'static str,
}

/// What one clause yields.
#[derive(Clone, Debug, Default)]
pub struct ClauseTerms {
    pub terms: Vec<Extracted>,
    pub vague: Vec<Vague>,
    /// Sentences that take some women out of the contract's protection.
    pub exclusions: Vec<(usize, usize)>,
    /// Things a reviewer should look at (an addition with no base, two values for one term …).
    pub notes: Vec<String>,
}

const SENTENCE_ENDS: [char; 8] = ['。', '；', ';', '！', '？', '!', '?', '\n'];
const PIECE_ENDS: [char; 5] = ['，', ',', '\t', '：', ':'];

/// Byte ranges of the sentences in `text[start..end]`, trimmed, non-empty.
fn sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = start;
    let body = text.get(start..end).unwrap_or("");
    for (i, c) in body.char_indices() {
        if SENTENCE_ENDS.contains(&c) && !(c == '\n' && wraps_a_figure(text, start + i)) {
            out.push((from, start + i));
            from = start + i + c.len_utf8();
        }
    }
    out.push((from, end));
    out.retain(|(s, e)| text.get(*s..*e).is_some_and(|t| !t.trim().is_empty()));
    out
}

fn slice(text: &str, s: usize, e: usize) -> &str {
    text.get(s..e.max(s)).unwrap_or("")
}

fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// Every occurrence of any of `words` in `text[s..e]`, absolute ranges, longer matches hiding shorter
/// ones inside them (产假 inside 陪产假).
fn occurrences<T: Copy>(
    text: &str,
    s: usize,
    e: usize,
    words: &[(&str, T)],
) -> Vec<(usize, usize, T)> {
    let hay = slice(text, s, e);
    let mut found: Vec<(usize, usize, T)> = Vec::new();
    for (w, tag) in words {
        for (i, _) in hay.match_indices(w) {
            found.push((s + i, s + i + w.len(), *tag));
        }
    }
    let all = found.clone();
    found.retain(|(a, b, _)| {
        !all.iter()
            .any(|(c, d, _)| c <= a && b <= d && (d - c) > (b - a))
    });
    dixian_core::sort::sort_by_key(&mut found, |(a, _, _)| *a);
    found
}

/// Start of the phrase (between commas, tabs, colons) holding byte `at`, within the sentence.
fn piece_start(text: &str, sentence: (usize, usize), at: usize) -> usize {
    let before = slice(text, sentence.0, at);
    before.rfind(PIECE_ENDS).map_or(sentence.0, |i| {
        sentence.0
            + i
            + before
                .get(i..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8)
    })
}

fn compatible(family: Family, unit: RawUnit) -> bool {
    match family {
        Family::Maternity
        | Family::MaternityAddition
        | Family::DifficultBirth
        | Family::MultipleBirth
        | Family::Miscarriage
        | Family::Paternity
        | Family::Dysmenorrhea
        | Family::MenstrualRest => unit == RawUnit::Day,
        Family::PregnancyBreak => matches!(unit, RawUnit::Hour | RawUnit::Minute),
        Family::Childcare => matches!(unit, RawUnit::Day | RawUnit::WorkDay),
        Family::Nursing => matches!(unit, RawUnit::Hour | RawUnit::Minute),
        Family::Hygiene => unit == RawUnit::Yuan,
        Family::GynExam => unit == RawUnit::Times,
    }
}

/// The phrase a number is about: right after it (158天产假), else the nearest before, else after.
fn keyword_for(
    text: &str,
    keywords: &[(usize, usize, Family)],
    m: &Mention,
) -> Option<(usize, usize, Family)> {
    let fits: Vec<&(usize, usize, Family)> = keywords
        .iter()
        .filter(|(_, _, f)| compatible(*f, m.unit))
        .collect();
    let adjacent = fits.iter().find(|(a, _, _)| {
        *a >= m.end
            && slice(text, m.end, *a)
                .chars()
                .all(|c| matches!(c, '的' | ' ' | '\u{3000}'))
    });
    let before = fits
        .iter()
        .filter(|(_, b, _)| *b <= m.start)
        .max_by_key(|(_, b, _)| *b);
    let after = fits
        .iter()
        .filter(|(a, _, _)| *a >= m.end)
        .min_by_key(|(a, _, _)| *a);
    adjacent.or(before).or(after).map(|k| **k)
}

/// The last condition stated before byte `at` in the sentence.
fn condition_at(text: &str, sentence: (usize, usize), at: usize) -> Option<Condition> {
    let sent = slice(text, sentence.0, sentence.1);
    let miscarriage = sent.contains("流产");
    let mut marks: Vec<(usize, Condition)> = Vec::new();
    for (a, _, c) in occurrences(
        text,
        sentence.0,
        at,
        &DIFFICULT_BIRTH.map(|w| (w, Condition::DifficultBirth)),
    ) {
        marks.push((a, c));
    }
    for (a, _, c) in occurrences(
        text,
        sentence.0,
        at,
        &MULTIPLE_BIRTH.map(|w| (w, Condition::MultipleBirth)),
    ) {
        marks.push((a, c));
    }
    if miscarriage {
        let early = EARLY.map(|w| (w, Condition::MiscarriageEarly));
        let late = LATE.map(|w| (w, Condition::MiscarriageLate));
        let both: Vec<(&str, Condition)> = early.iter().chain(late.iter()).copied().collect();
        for (a, _, c) in occurrences(text, sentence.0, at, &both) {
            marks.push((a, c));
        }
    }
    marks.into_iter().max_by_key(|(a, _)| *a).map(|(_, c)| c)
}

/// Days of maternity leave the national rule grants (《女职工劳动保护特别规定》第七条).
const NATIONAL_MATERNITY_DAYS: i64 = 98;

/// How a maternity-leave number relates to the others in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Base,
    Addition,
    /// Calendar months added (增加产假三个月): summed as months, never turned into days.
    AddedMonths,
    Total,
}

struct Clause<'t> {
    text: &'t str,
    out: ClauseTerms,
    maternity: Vec<(Role, i64, (usize, usize))>,
    used_sentences: Vec<(usize, usize)>,
    /// Maternity leave here has an unconditional addition in months: its total in days is unknown.
    clause_start: usize,
    /// For the part being read when it names no period of its own: the earlier part of the article
    /// that does (女职工怀孕七个月以上的，…；不安排夜班劳动), else empty.
    lead: (usize, usize),
    /// The later parts of the article that name no period of their own and so speak of this part's.
    follow: (usize, usize),
}

impl Clause<'_> {
    /// The words a part speaks of: its own, or those of the part it carries its subject from.
    fn about(&self, sentence: (usize, usize)) -> String {
        format!(
            "{}{}",
            slice(self.text, self.lead.0, self.lead.1),
            slice(self.text, sentence.0, sentence.1)
        )
    }
}

/// For each part of an article, the earlier part it carries its subject from and the later parts that
/// carry this one's: a part that names a period (经期, 孕期, 哺乳 …) starts a new subject.
fn subjects(text: &str, sents: &[(usize, usize)]) -> Vec<((usize, usize), (usize, usize))> {
    let names = |s: &(usize, usize)| contains_any(slice(text, s.0, s.1), &PERIODS);
    let mut out = Vec::with_capacity(sents.len());
    let mut lead = (0, 0);
    for (i, s) in sents.iter().enumerate() {
        if names(s) {
            lead = *s;
        }
        let own = if names(s) { (0, 0) } else { lead };
        let rest = sents.get(i + 1..).unwrap_or(&[]);
        let end = rest
            .iter()
            .take_while(|r| !names(r))
            .last()
            .map_or(s.1, |r| r.1);
        let follow = if names(s) { (s.1, end) } else { (0, 0) };
        out.push((own, follow));
    }
    out
}

impl Clause<'_> {
    fn push(
        &mut self,
        term: &'static str,
        value: Value,
        span: (usize, usize),
        sentence: (usize, usize),
    ) {
        self.used_sentences.push(sentence);
        if let Some(prev) = self.out.terms.iter().find(|t| t.term == term) {
            if prev.value != value {
                let words = slice(self.text, span.0, span.1);
                self.out.notes.push(format!(
                    "“{term}”在本条出现多个数值，取第一个；另一处写作“{words}”"
                ));
            }
            return;
        }
        self.out.terms.push(Extracted { term, value, span });
    }

    fn quantity(
        &mut self,
        term: &'static str,
        milli: i64,
        unit: &'static str,
        span: (usize, usize),
        sentence: (usize, usize),
    ) {
        self.push(
            term,
            Value::Quantity {
                milli,
                unit,
                months: 0,
            },
            span,
            sentence,
        );
    }
}

/// Terms, vague sentences and notes of the clause `text[range]`. `share_milli` is the women's share of
/// the workforce (thousandths of a percent) when the contract states it.
pub fn extract(text: &str, range: (usize, usize), share_milli: Option<i64>) -> ClauseTerms {
    let mut c = Clause {
        text,
        out: ClauseTerms::default(),
        maternity: Vec::new(),
        used_sentences: Vec::new(),
        clause_start: range.0,
        lead: (0, 0),
        follow: (0, 0),
    };
    let skip = crate::dates::date_like_ranges(text.get(range.0..range.1).unwrap_or(""));
    let skip: Vec<(usize, usize)> = skip
        .into_iter()
        .map(|(s, e)| (range.0 + s, range.0 + e))
        .collect();
    let sents = sentences(text, range.0, range.1);
    for (&sentence, (lead, follow)) in sents.iter().zip(subjects(text, &sents)) {
        c.lead = lead;
        c.follow = follow;
        quantities(&mut c, sentence, &skip, share_milli);
        promises(&mut c, sentence);
        no_adverse_treatment(&mut c, sentence);
        if let Some(span) = exclusion(text, sentence) {
            c.out.exclusions.push(span);
            c.used_sentences.push(sentence);
        }
    }
    settle_maternity(&mut c);
    for &sentence in &sents {
        // 其他经期保护按国家有关规定执行, after the article's own figures: what it leaves over.
        let leftover = !c.out.terms.is_empty()
            && contains_any(
                slice(text, sentence.0, sentence.1),
                &["其他", "其它", "其余"],
            );
        if !c.used_sentences.contains(&sentence) && !leftover {
            if let Some(v) = vague(text, sentence) {
                c.out.vague.push(v);
            }
        }
    }
    c.out
}

fn quantities(
    c: &mut Clause<'_>,
    sentence: (usize, usize),
    skip: &[(usize, usize)],
    share_milli: Option<i64>,
) {
    let text = c.text;
    let sent = slice(text, sentence.0, sentence.1);
    let mut found: Vec<Mention> = mentions(sent, &[])
        .into_iter()
        .chain(half_hours(sent))
        .map(|m| Mention {
            start: m.start + sentence.0,
            end: m.end + sentence.0,
            number_start: m.number_start + sentence.0,
            ..m
        })
        .filter(|m| !skip.iter().any(|&(s, e)| m.start < e && s < m.end))
        .collect();
    dixian_core::sort::sort_by_key(&mut found, |m| m.start);
    drop_upper_bounds(text, &mut found);
    let about = c.about(sentence);
    let menstrual = contains_any(&about, &MENSTRUATION) || about.contains("痛经");
    let keywords = occurrences(text, sentence.0, sentence.1, KEYWORDS);
    let keywords: Vec<(usize, usize, Family)> = keywords
        .into_iter()
        .filter(|(a, _, f)| {
            *f != Family::Paternity
                || !contains_any(
                    slice(text, a.saturating_sub(18).max(sentence.0), *a),
                    &NOT_PATERNITY,
                )
        })
        .filter(|(_, _, f)| *f != Family::MenstrualRest || menstrual)
        .filter(|(_, _, f)| *f != Family::PregnancyBreak || contains_any(&about, &PREGNANT))
        .map(|(a, b, f)| match f {
            Family::MenstrualRest if about.contains("痛经") => (a, b, Family::Dysmenorrhea),
            _ => (a, b, f),
        })
        .collect();
    let times: Option<i64> = found
        .iter()
        .find(|m| m.unit == RawUnit::Times)
        .map(|m| m.milli / 1000);
    for m in &found {
        let left = slice(text, piece_start(text, sentence, m.start), m.start);
        let span = (m.start, m.end);
        match m.unit {
            RawUnit::Month | RawUnit::Year | RawUnit::Age => months(c, sentence, m, left),
            RawUnit::Percent if about_deputies(sent) => {
                c.quantity("职代会女代表比例", m.milli, "%", span, sentence)
            }
            _ => {
                // 难产的，增加30天 / 多胞胎每多一胎增加 15天: the condition names the leave.
                let by_condition = || match condition_at(text, sentence, m.start) {
                    Some(Condition::DifficultBirth) => Some(Family::DifficultBirth),
                    Some(Condition::MultipleBirth) => Some(Family::MultipleBirth),
                    _ => None,
                };
                let family = keyword_for(text, &keywords, m)
                    .map(|k| k.2)
                    .or_else(|| by_condition().filter(|_| m.unit == RawUnit::Day));
                let Some(family) = family else {
                    continue;
                };
                // 其中产前休假15天: a part of the maternity leave stated elsewhere.
                let maternity = matches!(family, Family::Maternity | Family::MaternityAddition);
                if maternity && contains_any(left, &PART_OF) {
                    continue;
                }
                number_of_family(c, sentence, m, family, left, times);
            }
        }
    }
    // “不低于女职工占全体职工的比例”: the share itself, when the contract gives the workforce.
    if let (Some(share), true, true) = (share_milli, about_deputies(sent), sent.contains("比例"))
    {
        if !found.iter().any(|m| m.unit == RawUnit::Percent)
            && contains_any(sent, &["占", "相适应", "相一致", "相当"])
        {
            let from = ["不低于", "不少于", "与", "同"]
                .iter()
                .filter_map(|w| sent.find(w))
                .min()
                .unwrap_or(0);
            let to = sent.rfind("比例").map_or(sent.len(), |i| i + "比例".len());
            let to = sent
                .get(to..)
                .and_then(|r| {
                    ["相适应", "相一致", "相当"]
                        .iter()
                        .find(|w| r.starts_with(*w))
                        .map(|w| to + w.len())
                })
                .unwrap_or(to);
            c.quantity(
                "职代会女代表比例",
                share,
                "%",
                (sentence.0 + from, sentence.0 + to),
                sentence,
            );
        }
    }
}

/// Whether a sentence is about the women deputies of the workers' congress.
fn about_deputies(sent: &str) -> bool {
    contains_any(sent, &WOMEN_DEPUTIES)
        || (contains_any(sent, &["职工代表大会", "职代会"]) && sent.contains("女职工"))
}

/// 半小时 / 半个小时: half an hour, which no numeral states.
fn half_hours(sent: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for word in ["半个小时", "半小时"] {
        for (i, _) in sent.match_indices(word) {
            if sent.get(..i).is_some_and(|b| b.ends_with('个'))
                || out.iter().any(|m: &Mention| m.start <= i && i < m.end)
            {
                continue;
            }
            out.push(Mention {
                start: i,
                end: i + word.len(),
                milli: 500,
                upper: None,
                unit: RawUnit::Hour,
                number_start: i,
            });
        }
    }
    out
}

/// 一天至两天: the second number is the range's upper bound, not a figure of its own; a worker is sure
/// of the lower one.
fn drop_upper_bounds(text: &str, found: &mut Vec<Mention>) {
    let mut keep: Vec<Mention> = Vec::with_capacity(found.len());
    for m in found.drain(..) {
        let upper = keep.last().is_some_and(|p| {
            p.unit == m.unit
                && ["至", "到", "-", "－", "—", "~", "～"]
                    .iter()
                    .any(|sep| slice(text, p.end, m.start) == *sep)
        });
        if !upper {
            keep.push(m);
        }
    }
    *found = keep;
}

/// Months: 怀孕7个月以上 (from which month overtime is barred), 哺乳…满1周岁 / 哺乳期为1年 (the period).
fn months(c: &mut Clause<'_>, sentence: (usize, usize), m: &Mention, left: &str) {
    let sent = slice(c.text, sentence.0, sentence.1);
    let span = (m.start, m.end);
    let months = match m.unit {
        RawUnit::Month => m.milli,
        _ => m.milli * 12,
    };
    let followed = slice(c.text, sentence.0, c.follow.1.max(sentence.1));
    if m.unit == RawUnit::Month
        && contains_any(left, &["孕"])
        && !sent.contains("流产")
        && contains_any(followed, &OVERTIME)
    {
        c.quantity("孕期禁止加班夜班起始", m.milli, "月", span, sentence);
        return;
    }
    let after = slice(c.text, m.end, sentence.1);
    // 婴儿满一周岁 / 至婴儿满十个月止 / 婴儿一周岁内: the child's age that ends the nursing period.
    let reaches = ["满", "至", "到"].iter().any(|w| left.ends_with(w))
        || (m.unit == RawUnit::Age && ["内", "以内", "之内"].iter().any(|w| after.starts_with(w)));
    // 婴儿满一周岁后…: what follows the nursing period, not the period itself.
    let beyond = ["后", "以后", "之后"].iter().any(|w| after.starts_with(w));
    let childs_age = m.unit == RawUnit::Age
        || (m.unit == RawUnit::Month && contains_any(left, &INFANT) && left.ends_with('满'));
    if childs_age && reaches && !beyond && sent.contains("哺乳") && contains_any(sent, &INFANT) {
        c.quantity("哺乳期", months, "月", span, sentence);
        return;
    }
    let stated = [
        "哺乳期为",
        "哺乳期至",
        "哺乳期延长至",
        "哺乳期延长到",
        "哺乳期是",
    ]
    .iter()
    .any(|w| left.ends_with(w))
        // 哺乳期为婴儿出生后12个月 (the model clause's own words): the period counted from the birth.
        || (["出生后", "出生之后", "出生之日起"].iter().any(|w| left.ends_with(w))
            && contains_any(left, &["哺乳期为", "哺乳期是", "哺乳期自"]));
    if stated && m.unit != RawUnit::Age {
        c.quantity("哺乳期", months, "月", span, sentence);
        return;
    }
    if m.unit == RawUnit::Month {
        leave_in_months(c, sentence, m, left);
    }
}

/// Leave granted in months: 哺乳假六个月, 护理假一个月 (terms the vocabulary holds in months), and
/// maternity leave in months (增加产假三个月), which it holds in days only: that goes to a note, and
/// an unconditional addition leaves the clause's total unknown, so no day count is taken from it.
fn leave_in_months(c: &mut Clause<'_>, sentence: (usize, usize), m: &Mention, left: &str) {
    let text = c.text;
    let span = (m.start, m.end);
    let right = slice(text, m.end, sentence.1);
    let names = |w: &str| left.contains(w) || right.trim_start_matches('的').starts_with(w);
    if names("哺乳假") {
        c.quantity("哺乳假", m.milli, "月", span, sentence);
        return;
    }
    let keywords = occurrences(
        text,
        piece_start(text, sentence, m.start),
        sentence.1,
        KEYWORDS,
    );
    let nearest = keywords
        .iter()
        .filter(|(a, _, _)| *a < m.start || *a <= m.end + 9)
        .min_by_key(|(a, _, _)| a.abs_diff(m.start));
    match nearest.map(|k| k.2) {
        Some(Family::Paternity) => c.quantity("陪产假", m.milli, "月", span, sentence),
        Some(Family::Maternity | Family::MaternityAddition) => {
            // A month a worker may ask for (经本人申请，可以再增加一个月) is not one she is sure of.
            let optional = ["可", "可以", "经本人申请", "申请"]
                .iter()
                .any(|w| left.contains(w));
            if optional {
                c.out.notes.push(format!(
                    "产假另有可申请的“{}”，未计入产假；如为必享的假期，请在 YAML 中写作 天数+月数（如 158天+1个月）",
                    slice(text, m.start, m.end)
                ));
            } else {
                c.maternity.push((Role::AddedMonths, m.milli, span));
                c.used_sentences.push(sentence);
            }
        }
        _ => {}
    }
}

fn number_of_family(
    c: &mut Clause<'_>,
    sentence: (usize, usize),
    m: &Mention,
    family: Family,
    left: &str,
    times: Option<i64>,
) {
    let text = c.text;
    let span = (m.start, m.end);
    let condition = condition_at(text, sentence, m.start);
    match family {
        Family::Maternity
        | Family::MaternityAddition
        | Family::DifficultBirth
        | Family::MultipleBirth
        | Family::Miscarriage => {
            let term = match (family, condition) {
                (Family::DifficultBirth, _) | (_, Some(Condition::DifficultBirth)) => {
                    Some("难产假")
                }
                (Family::MultipleBirth, _) | (_, Some(Condition::MultipleBirth)) => {
                    Some("多胞胎假")
                }
                (_, Some(Condition::MiscarriageEarly)) => Some("流产假_不满4个月"),
                (_, Some(Condition::MiscarriageLate)) => Some("流产假_满4个月"),
                // 流产 with no four-month mark: which leave it is cannot be told.
                (Family::Miscarriage | Family::Maternity | Family::MaternityAddition, None)
                    if slice(text, sentence.0, sentence.1).contains("流产") =>
                {
                    c.out.notes.push(format!(
                        "流产假“{}”未写明怀孕是否满4个月，未提取",
                        slice(text, m.start, m.end)
                    ));
                    None
                }
                _ => None,
            };
            match term {
                Some(t) => c.quantity(t, m.milli, "天", span, sentence),
                None if slice(text, sentence.0, sentence.1).contains("流产") => {}
                None => {
                    let role = if contains_any(left, &TOTAL) {
                        Role::Total
                    } else if family == Family::MaternityAddition || contains_any(left, &ADDITION) {
                        Role::Addition
                    } else {
                        Role::Base
                    };
                    let piece = slice(text, piece_start(text, sentence, m.start), m.start);
                    if role == Role::Addition && contains_any(piece, &CONDITIONAL_ADDITION) {
                        c.out.notes.push(format!(
                            "产假“{}{}”只适用于部分女职工，未计入产假",
                            piece.trim(),
                            slice(text, m.start, m.end)
                        ));
                        return;
                    }
                    c.maternity.push((role, m.milli, span));
                    c.used_sentences.push(sentence);
                }
            }
        }
        Family::Paternity => c.quantity("陪产假", m.milli, "天", span, sentence),
        Family::Childcare => {
            let unit = if m.unit == RawUnit::WorkDay {
                "工作日/年"
            } else {
                "天/年"
            };
            c.quantity("育儿假", m.milli, unit, span, sentence);
        }
        Family::Dysmenorrhea => c.quantity("痛经假", m.milli, "天/月", span, sentence),
        Family::MenstrualRest => c.quantity("经期公假", m.milli, "天/月", span, sentence),
        Family::PregnancyBreak => {
            let hours = if m.unit == RawUnit::Minute {
                m.milli / 60
            } else {
                m.milli
            };
            c.quantity("孕期工间休息", hours, "小时/日", span, sentence);
        }
        Family::Nursing => {
            let per_time = left.contains("每次");
            let count = if per_time { times.unwrap_or(1) } else { 1 };
            let hours = if m.unit == RawUnit::Minute {
                m.milli * count / 60
            } else {
                m.milli * count
            };
            let term = if condition == Some(Condition::MultipleBirth) {
                "多胞胎哺乳时间"
            } else {
                "哺乳时间"
            };
            c.quantity(term, hours, "小时/日", span, sentence);
        }
        Family::Hygiene => match months_paid(text, sentence, m, left) {
            Some(months) => c.quantity("卫生费", m.milli / months, "元/月", span, sentence),
            None => c.out.notes.push(format!(
                "卫生费“{}”未写明按月、按季还是按年，未提取",
                slice(text, m.start, m.end)
            )),
        },
        Family::GynExam => match years_between(slice(text, sentence.0, sentence.1)) {
            Some(years) => c.quantity("妇科检查", m.milli / years, "次/年", span, sentence),
            None => c
                .out
                .notes
                .push("妇科检查未写明频次（每年几次），未提取".to_owned()),
        },
    }
}

/// How many months a payment covers: from the unit (元/月), the phrase before it, or the sentence.
fn months_paid(text: &str, sentence: (usize, usize), m: &Mention, left: &str) -> Option<i64> {
    let after = slice(text, m.end, sentence.1);
    let period = |s: &str| -> Option<i64> {
        let at = |words: &[&str]| words.iter().filter_map(|w| s.rfind(w)).max();
        [
            (at(&PER_MONTH), 1),
            (at(&PER_QUARTER), 3),
            (at(&PER_YEAR), 12),
        ]
        .into_iter()
        .filter_map(|(p, n)| p.map(|p| (p, n)))
        .max_by_key(|(p, _)| *p)
        .map(|(_, n)| n)
    };
    if after.starts_with("/月")
        || after.starts_with("/人/月")
        || after.starts_with("/人·月")
        || after.starts_with("每月")
    {
        return Some(1);
    }
    if after.starts_with("/季") {
        return Some(3);
    }
    if after.starts_with("/年") {
        return Some(12);
    }
    period(left).or_else(|| period(slice(text, sentence.0, sentence.1)))
}

/// Years between examinations: 每年 → 1, 每两年 / 两年一次 / 每1至2年 → 2.
fn years_between(sent: &str) -> Option<i64> {
    for (i, _) in sent.match_indices('年') {
        let before = sent.get(..i).unwrap_or("");
        if before.ends_with('每') {
            return Some(1);
        }
        let found = mentions(sent, &[])
            .into_iter()
            .find(|m| m.end == i + '年'.len_utf8() && m.unit == RawUnit::Year);
        if let Some(m) = found {
            let every = sent.get(..m.start).is_some_and(|b| b.ends_with('每'));
            let once = sent
                .get(m.end..)
                .is_some_and(|a| a.starts_with("一次") || a.starts_with("1次"));
            if every || once {
                return Some(m.upper.unwrap_or(m.milli) / 1000).filter(|n| *n > 0);
            }
        }
    }
    None
}

/// Maternity leave of the clause: a stated total wins; else the base plus its additions.
fn settle_maternity(c: &mut Clause<'_>) {
    let parts = std::mem::take(&mut c.maternity);
    if parts.is_empty() {
        return;
    }
    let first = parts.first().map_or(0, |p| p.2.0);
    let last = parts.last().map_or(0, |p| p.2.1);
    if let Some((_, milli, span)) = parts.iter().rev().find(|p| p.0 == Role::Total) {
        c.out.terms.push(Extracted {
            term: "产假",
            value: Value::Quantity {
                milli: *milli,
                unit: "天",
                months: 0,
            },
            span: *span,
        });
        return;
    }
    let bases: Vec<&(Role, i64, (usize, usize))> =
        parts.iter().filter(|p| p.0 == Role::Base).collect();
    // 在国家规定产假基础上增加60天: the national leave is 98 days (《女职工劳动保护特别规定》第七条).
    let national = (0, NATIONAL_MATERNITY_DAYS * 1000, (first, first));
    let national_base = bases.is_empty()
        && contains_any(
            slice(c.text, c.clause_start, last),
            &["国家规定的产假", "国家规定产假", "法定产假"],
        );
    let Some(base) = bases
        .first()
        .map(|b| (b.1, b.2))
        .or(national_base.then_some((national.1, national.2)))
    else {
        c.out.notes.push(format!(
            "产假只写了增加的假期（“{}”），未写明基数，未提取；请在 YAML 中写明产假总天数",
            slice(c.text, first, last)
        ));
        return;
    };
    if national_base {
        c.out.notes.push(format!(
            "产假按国家规定的{NATIONAL_MATERNITY_DAYS}天（《女职工劳动保护特别规定》第七条）加上增加的假期计"
        ));
    }
    let added: i64 = parts
        .iter()
        .filter(|p| p.0 == Role::Addition)
        .map(|p| p.1)
        .sum();
    // 产假188天（在法定158天基础上增加30天）: one base is another plus the additions — it is the total,
    // and the rest explains it.
    let lowest = bases.iter().map(|b| b.1).min().unwrap_or(base.0);
    if let Some(total) = bases
        .iter()
        .find(|b| added > 0 && b.1 != lowest && b.1 == lowest + added)
    {
        c.out.terms.push(Extracted {
            term: "产假",
            value: Value::Quantity {
                milli: total.1,
                unit: "天",
                months: 0,
            },
            span: total.2,
        });
        return;
    }
    if bases.iter().any(|b| b.1 != base.0) {
        c.out
            .notes
            .push("产假在本条出现多个不同的基数，取第一个".to_owned());
    }
    let months: i64 = parts
        .iter()
        .filter(|p| p.0 == Role::AddedMonths)
        .map(|p| p.1)
        .sum();
    let span = if added > 0 || months > 0 {
        (first, last)
    } else {
        base.1
    };
    c.out.terms.push(Extracted {
        term: "产假",
        value: Value::Quantity {
            milli: base.0 + added,
            unit: "天",
            months,
        },
        span,
    });
}

/// Whether a negation stands in the phrase (between commas) before byte `at` of `sent`: 不扣发工资 is a
/// promise, 扣发工资 a refusal.
fn negated_before(sent: &str, at: usize) -> bool {
    let before = sent.get(..at).unwrap_or("");
    let phrase = before
        .rfind(PIECE_ENDS)
        .and_then(|i| before.get(i..))
        .unwrap_or(before);
    phrase.match_indices('不').any(|(i, _)| {
        let rest = phrase.get(i..).unwrap_or("");
        !NOT_NEGATIONS.iter().any(|w| rest.starts_with(w))
    }) || NEGATIONS.iter().any(|w| *w != "不" && phrase.contains(w))
}

fn promises(c: &mut Clause<'_>, sentence: (usize, usize)) {
    let sent = slice(c.text, sentence.0, sentence.1);
    // The subject (first group) may come from an earlier part of the article; the rest is this part's.
    let about = c.about(sentence);
    for p in PROMISES {
        let subject = p.groups.first().is_some_and(|g| contains_any(&about, g));
        let refused = p
            .refuse
            .iter()
            .filter_map(|w| sent.find(w).map(|i| (i, w.len(), *w)))
            .find(|(i, _, w)| w.starts_with('不') || !negated_before(sent, *i))
            .map(|(i, len, _)| (i, len))
            .filter(|_| subject);
        // A refusal needs only the subject (产前检查按病假处理); a promise needs every group.
        let rest = p.groups.get(1..).unwrap_or(&[]);
        if refused.is_none() && !(subject && rest.iter().all(|g| contains_any(sent, g))) {
            continue;
        }
        let (at, len, value) = match refused {
            Some((i, len)) => (i, len, false),
            None => {
                let group = p.groups.get(p.action).copied().unwrap_or(&[]);
                let Some((i, w)) = group
                    .iter()
                    .filter_map(|w| sent.find(w).map(|i| (i, *w)))
                    .min_by_key(|(i, _)| *i)
                else {
                    continue;
                };
                (i, w.len(), true)
            }
        };
        c.push(
            p.term,
            Value::Commitment(value),
            (sentence.0 + at, sentence.0 + at + len),
            sentence,
        );
    }
}

/// 不因婚孕产哺降薪解除 by meaning: a sentence about a protected period (怀孕, 产期, 哺乳, 结婚 …) in
/// which an adverse act (降低工资, 解除, 辞退 …) is negated in its own phrase, in whatever order the
/// words come.
fn no_adverse_treatment(c: &mut Clause<'_>, sentence: (usize, usize)) {
    let sent = slice(c.text, sentence.0, sentence.1);
    if !contains_any(sent, &PROTECTED_PERIODS) {
        return;
    }
    let act = ADVERSE_ACTS
        .iter()
        .flat_map(|w| sent.match_indices(w).map(|(i, m)| (i, m.len())))
        .filter(|(i, _)| {
            negated_before(sent, *i)
                || sent
                    .get(..*i)
                    .is_some_and(|b| contains_any(b, &NEGATED_CAUSES))
        })
        .min_by_key(|(i, _)| *i);
    if let Some((i, len)) = act {
        c.push(
            "不因婚孕产哺降薪解除",
            Value::Commitment(true),
            (sentence.0 + i, sentence.0 + i + len),
            sentence,
        );
    }
}

/// A sentence that takes some women out of the contract's protection (本合同有关照顾孕妇、产妇的条款，
/// 不适用于违反…政策的女职工): the byte range from the excluding words to the sentence's end.
fn exclusion(text: &str, sentence: (usize, usize)) -> Option<(usize, usize)> {
    let sent = slice(text, sentence.0, sentence.1);
    if !contains_any(sent, &EXCLUSION_GROUNDS) {
        return None;
    }
    let at = EXCLUDES.iter().filter_map(|w| sent.find(w)).min()?;
    let start = sent
        .get(..at)
        .and_then(|b| b.rfind(PIECE_ENDS))
        .map_or(0, |i| {
            i + sent
                .get(i..)
                .and_then(|r| r.chars().next())
                .map_or(1, char::len_utf8)
        });
    Some((sentence.0 + start.min(at), sentence.1))
}

/// The topic a sentence names: a vocabulary phrase or a topic word, the earliest in the sentence.
fn topic_of(sent: &str) -> Option<&'static str> {
    TOPICS
        .iter()
        .copied()
        .chain(KEYWORDS.iter().map(|(w, _)| *w).filter(|w| *w != "休息"))
        .filter_map(|t| sent.find(t).map(|i| (i, std::cmp::Reverse(t.len()), t)))
        .min()
        .map(|(_, _, t)| t)
}

/// A sentence that defers to the rules on a named topic (and states no term): 依法保障…, or 按（国家）
/// （有关）规定 followed by any verb (执行, 办理, 发放, 为女职工提供…). 未按规定 is a condition, not a
/// deferral.
fn vague(text: &str, sentence: (usize, usize)) -> Option<Vague> {
    let sent = slice(text, sentence.0, sentence.1);
    let topic = topic_of(sent)?;
    // A template's blank where the figure goes (陪产假【   】天, 每月____元): nothing is promised yet.
    let blank = TEMPLATE_BLANKS
        .iter()
        .find_map(|w| sent.find(w).map(|i| (i, w)));
    if let Some((i, w)) = DEFER_WHOLE
        .iter()
        .find_map(|w| sent.find(w).map(|i| (i, w)))
        .or(blank)
    {
        return Some(Vague {
            span: (sentence.0 + i, sentence.0 + i + w.len()),
            topic,
        });
    }
    for (at, _) in sent.match_indices("规定") {
        let before = sent.get(..at).unwrap_or("");
        let Some((start, word)) = DEFER_STARTS
            .iter()
            .filter_map(|w| before.rfind(w).map(|i| (i, *w)))
            .max_by_key(|(i, w)| (*i, w.len()))
        else {
            continue;
        };
        let mut filler = before.get(start + word.len()..).unwrap_or("");
        while let Some(rest) = DEFER_FILLER.iter().find_map(|f| filler.strip_prefix(f)) {
            filler = rest;
        }
        let condition = ["未", "不", "没有"]
            .iter()
            .any(|w| before.get(..start).is_some_and(|b| b.ends_with(w)));
        // 按《女职工劳动保护特别规定》执行: the rules named by their title defer just the same.
        let titled = filler.starts_with('《')
            && !filler.contains('》')
            && sent.get(at + "规定".len()..).is_some_and(|a| {
                ["》执行", "》办理", "》落实", "》享受", "》给予"]
                    .iter()
                    .any(|w| a.starts_with(w))
            });
        if (!filler.is_empty() && !titled) || condition {
            continue;
        }
        let after = sent.get(at + "规定".len()..).unwrap_or("");
        let verb: usize = after
            .chars()
            .take_while(|c| !PIECE_ENDS.contains(c))
            .take(4)
            .map(char::len_utf8)
            .sum();
        return Some(Vague {
            span: (sentence.0 + start, sentence.0 + at + "规定".len() + verb),
            topic,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn terms(text: &str) -> Vec<(&'static str, String)> {
        extract(text, (0, text.len()), Some(43_750))
            .terms
            .into_iter()
            .map(|t| {
                let v = match t.value {
                    Value::Quantity {
                        milli,
                        unit,
                        months,
                    } => {
                        let mut v = format!("{}{unit}", dixian_core::quantity::format_milli(milli));
                        if months > 0 {
                            v.push_str(&format!(
                                "+{}个月",
                                dixian_core::quantity::format_milli(months)
                            ));
                        }
                        v
                    }
                    Value::Commitment(b) => if b { "是" } else { "否" }.to_owned(),
                };
                (t.term, v)
            })
            .collect()
    }

    #[test]
    fn a_nursing_period_counted_from_the_birth_is_read() {
        assert_eq!(
            terms("女职工的哺乳期为婴儿出生后12个月。"),
            vec![("哺乳期", "12月".into())]
        );
        assert_eq!(
            terms("哺乳期为婴儿出生之日起十个月。"),
            vec![("哺乳期", "10月".into())]
        );
    }

    #[test]
    fn additions_are_summed_with_their_base() {
        assert_eq!(
            terms("女职工生育的，在国家规定98天产假基础上增加产假60天。"),
            vec![("产假", "158天".into())]
        );
        assert_eq!(
            terms("享受98天产假，并享受生育奖励假30天。"),
            vec![("产假", "128天".into())]
        );
        assert_eq!(
            terms("产假\t158天\t含国家规定产假98天"),
            vec![("产假", "158天".into())]
        );
        assert_eq!(
            terms("女职工享受产假188天（在法定158天基础上增加30天）。"),
            vec![("产假", "188天".into())]
        );
        // The national base is 98 days; the reading says so in a note.
        let text = "在国家规定产假基础上增加60天。";
        let national = extract(text, (0, text.len()), None);
        assert_eq!(terms(text), vec![("产假", "158天".into())]);
        assert!(national.notes.iter().any(|n| n.contains("98天")));
        let text = "在原有产假基础上增加60天。";
        let only_added = extract(text, (0, text.len()), None);
        assert!(only_added.terms.is_empty() && !only_added.notes.is_empty());
    }

    #[test]
    fn duties_by_meaning_in_any_order() {
        for text in [
            "不在女职工怀孕期、产期、哺乳期降低其工资，不无故与女职工解除劳动合同。",
            "在孕期、产期、哺乳期，不能终止、解除其劳动合同。",
            "企业不因女职工结婚、怀孕、产假、哺乳等情形，降低其工资和福利待遇。",
            "女职工怀孕、生育、哺乳期间，公司不降低其工资。",
        ] {
            assert_eq!(
                terms(text),
                vec![("不因婚孕产哺降薪解除", "是".into())],
                "{text}"
            );
        }
        // Stating the adverse act without a negation is not the promise (forbid rules judge it).
        assert!(terms("女职工在合同期内怀孕的，予以辞退。").is_empty());
        assert_eq!(
            terms("女职工产前检查按正常出勤对待，不扣发工资。"),
            vec![("产前检查计入劳动时间", "是".into())]
        );
        assert_eq!(
            terms("女职工孕期产前检查按病假处理。"),
            vec![("产前检查计入劳动时间", "否".into())]
        );
        assert_eq!(
            terms("工会女职委的代表参加企业与工会的集体协商。"),
            vec![("女职工协商代表", "是".into())]
        );
    }

    #[test]
    fn a_figure_wrapped_over_two_lines_is_read() {
        let text = "女职工配偶享受护理假七\n天。";
        assert_eq!(terms(text), vec![("陪产假", "7天".into())]);
    }

    #[test]
    fn an_addition_for_some_women_only_is_not_counted() {
        let text = "女职工生育享受产假九十八天，晚育的另增加三十天。";
        assert_eq!(terms(text), vec![("产假", "98天".into())]);
        let out = extract(text, (0, text.len()), None);
        assert!(
            out.notes.iter().any(|n| n.contains("晚育的另增加三十天")),
            "{:?}",
            out.notes
        );
        // An addition every woman gets is counted.
        let text = "女职工生育享受产假九十八天，另增加三十天。";
        assert_eq!(terms(text), vec![("产假", "128天".into())]);
    }

    #[test]
    fn menstrual_rest_ranges_and_months() {
        assert_eq!(
            terms("在月经期间，应当暂时调整，安排合适工作或者给予一到两天的带薪休息。"),
            vec![("经期公假", "1天/月".into()), ("经期禁忌劳动", "是".into())]
        );
        assert_eq!(
            terms("女职工月经期间，企业给予一天至两天的带薪休息。"),
            vec![("经期公假", "1天/月".into())]
        );
        assert_eq!(
            terms("痛经严重的，给予1至2天的休息。"),
            vec![("痛经假", "1天/月".into())]
        );
        assert_eq!(
            terms("哺乳时间每天两次，每次半小时。"),
            vec![("哺乳时间", "1小时/日".into())]
        );
        assert_eq!(
            terms("男职工在配偶生育期间享受护理假一个月。"),
            vec![("陪产假", "1月".into())]
        );
        // Months of maternity leave are summed as calendar months; a month one may ask for is noted.
        assert_eq!(
            terms("女职工生育享受产假98天，另享受生育奖励假三个月。"),
            vec![("产假", "98天+3个月".into())]
        );
        assert_eq!(
            terms("在国家规定产假的基础上增加产假三个月。"),
            vec![("产假", "98天+3个月".into())]
        );
        let text = "女职工生育享受产假158天，经本人申请可以再增加产假一个月。";
        let optional = extract(text, (0, text.len()), None);
        assert_eq!(terms(text), vec![("产假", "158天".into())]);
        assert!(optional.notes.iter().any(|n| n.contains("一个月")));
    }

    #[test]
    fn exclusions_and_vague_topics() {
        let text = "本合同有关照顾孕妇、产妇的条款，不适用于违反计划生育政策的女职工。";
        let e = extract(text, (0, text.len()), None);
        assert_eq!(e.exclusions.len(), 1);
        assert!(e.vague.is_empty());
        for (text, topic) in [
            ("女职工的健康检查按国家有关规定执行。", "健康检查"),
            ("企业按国家有关规定为女职工提供妇科检查。", "妇科检查"),
            ("女职工的卫生费按有关规定办理。", "卫生费"),
        ] {
            let v = extract(text, (0, text.len()), None);
            assert_eq!(v.vague.first().map(|v| v.topic), Some(topic), "{text}");
        }
        let text = "凡未按规定办理生育登记的女职工，应及时补办。";
        assert!(extract(text, (0, text.len()), None).vague.is_empty());
    }

    #[test]
    fn conditions_pick_the_term() {
        let t = terms(
            "女职工生育享受产假一百五十八天，其中产前可以休假十五天；难产的，增加产假十五天；生育多胞胎的，每多生育一个婴儿，增加产假十五天。",
        );
        // Maternity leave is settled after the clause is read, so it comes last.
        assert_eq!(
            t,
            vec![
                ("难产假", "15天".to_owned()),
                ("多胞胎假", "15天".to_owned()),
                ("产假", "158天".to_owned())
            ]
        );
        assert_eq!(
            terms("怀孕未满四个月流产的，享受十五天产假"),
            vec![("流产假_不满4个月", "15天".into())]
        );
        assert_eq!(
            terms("怀孕不足四个月流产的，产假为十五天"),
            vec![("流产假_不满4个月", "15天".into())]
        );
        // 流产 with no four-month mark is neither kind of miscarriage leave, and not maternity leave.
        let text = "女职工流产的，给予产假15天。";
        let unclear = extract(text, (0, text.len()), None);
        assert!(unclear.terms.is_empty() && !unclear.notes.is_empty());
    }

    #[test]
    fn units_and_minutes() {
        assert_eq!(
            terms("每天可享受两次哺乳时间，每次30分钟。"),
            vec![("哺乳时间", "1小时/日".into())]
        );
        assert_eq!(
            terms("每人每季度105元卫生费"),
            vec![("卫生费", "35元/月".into())]
        );
        assert_eq!(
            terms("每两年组织一次妇科检查"),
            vec![("妇科检查", "0.5次/年".into())]
        );
        assert_eq!(
            terms("夫妻双方每年各享受五个工作日育儿假"),
            vec![("育儿假", "5工作日/年".into())]
        );
        assert_eq!(
            terms("女职工代表比例不低于女职工占职工总数的比例"),
            vec![("职代会女代表比例", "43.75%".into())]
        );
    }

    #[test]
    fn vague_and_refused() {
        let text = "女职工更年期保护按国家有关规定执行。";
        let v = extract(text, (0, text.len()), None);
        assert_eq!(
            (v.terms.len(), v.vague.first().map(|v| v.topic)),
            (0, Some("更年期"))
        );
        assert_eq!(
            terms("产前检查按事假处理，不计入劳动时间。"),
            vec![("产前检查计入劳动时间", "否".into())]
        );
        let text = "本合同未尽事宜，按国家和省有关规定执行。";
        assert!(extract(text, (0, text.len()), None).vague.is_empty());
    }
}
