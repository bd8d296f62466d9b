//! The words a person reads, in one place: how a figure, a requirement, a citation, a term and a
//! finding are written, the way a Chinese labour lawyer writes them (不少于158天, 12个月, 每两年一次,
//! 国家规定, 《……》第七条). The engine's messages, the human and SARIF output, the letters, the
//! statistics and the browser page all take their words from here, so they never disagree.

use crate::quantity::{Quantity, format_milli};
use crate::report::{Finding, FindingKind};
use crate::rules::{Citation, Op, Severity};
use crate::vocabulary::{Term, Vocabulary};

/// The name of the root jurisdiction in the rule data.
const ROOT: &str = "全国";

/// Who makes the rule, as a lawyer names it from the jurisdiction's name alone: 国家 for the
/// national level, the name otherwise (“国家规定”, never “全国规定”). Prefer [`authority_of`] (湖北省,
/// not 湖北) where the rule set is at hand.
pub fn authority(jurisdiction: &str) -> &str {
    if jurisdiction == ROOT || jurisdiction.is_empty() {
        "国家"
    } else {
        jurisdiction
    }
}

/// Who makes a jurisdiction's rules, as a lawyer names it: 国家 for the root, else the name its
/// statutes go by (湖北省, 宁夏回族自治区, 北京市).
pub fn authority_of(j: &crate::rules::Jurisdiction) -> &str {
    if j.parent.is_none() {
        "国家"
    } else {
        j.formal_name()
    }
}

/// The rules applied to a contract, for its heading: 国家规定、湖北省规定.
pub fn applied(authorities: &[String]) -> String {
    authorities
        .iter()
        .map(|a| format!("{a}规定"))
        .collect::<Vec<_>>()
        .join("、")
}

/// Small whole numbers in Chinese, as in 每两年一次 and 每年两次; larger ones in digits.
pub fn count_word(n: u64) -> String {
    const WORDS: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// How a unit is written around a number: the period first (每年, 每月, 每天), then the measure with
/// its classifier (个月, 个工作日). `元/月` → (“每月”, “元”); `月` → (“”, “个月”).
fn unit_parts(unit: &str) -> (&'static str, String) {
    let (measure, per) = match unit.rsplit_once('/') {
        Some((m, p)) => (m, p),
        None => (unit, ""),
    };
    let every = match per {
        "年" => "每年",
        "月" => "每月",
        "日" | "天" => "每天",
        "周" => "每周",
        _ => "",
    };
    let measure = match measure {
        "月" => "个月".to_owned(),
        "工作日" => "个工作日".to_owned(),
        "周" => "周".to_owned(),
        m => m.to_owned(),
    };
    let every = if every.is_empty() && !per.is_empty() {
        // An unknown period is kept as written rather than guessed.
        return ("", format!("{measure}/{per}"));
    } else {
        every
    };
    (every, measure)
}

/// Whether the unit counts occurrences in a period (次/年): such figures read as frequencies.
fn is_frequency(unit: &str) -> bool {
    unit.starts_with("次/")
}

/// Whether the unit measures money or a share, where lawyers say 不低于 rather than 不少于.
fn is_amount(unit: &str) -> bool {
    unit.starts_with('元') || unit == "%"
}

/// A frequency per year in words: 1 → 每年一次, 2 → 每年两次, 0.5 → 每两年一次.
fn frequency(milli: i64, unit: &str) -> String {
    let per = unit.split_once('/').map_or("年", |(_, p)| p);
    if milli > 0 && milli % 1000 == 0 {
        let times = count_word(milli.unsigned_abs() / 1000);
        return format!("每{per}{times}次");
    }
    if milli > 0 && 1_000_000 % milli == 0 {
        let every = count_word((1_000_000 / milli).unsigned_abs() / 1000);
        if 1_000_000 / milli % 1000 == 0 {
            return format!("每{every}{per}一次");
        }
    }
    format!("每{per}{}次", format_milli(milli))
}

/// A figure as a lawyer writes it: 158天, 12个月, 每月35元, 每年10天, 每两年一次, 怀孕7个月以上.
pub fn figure(q: Quantity, term: Option<&Term>, vocab: &Vocabulary) -> String {
    let number = format_milli(q.milli);
    if let Some(form) = term.and_then(|t| t.value_form.as_deref()) {
        return form.replace("{n}", &number);
    }
    let unit = vocab.unit_name(q.unit);
    if is_frequency(unit) {
        return frequency(q.milli, unit);
    }
    let (every, measure) = unit_parts(unit);
    format!("{every}{number}{measure}{}", added_months(q))
}

/// The calendar months a quantity adds to its days (98天加3个月), or nothing.
fn added_months(q: Quantity) -> String {
    if q.months == 0 {
        String::new()
    } else {
        format!("加{}个月", format_milli(q.months))
    }
}

/// A requirement as a lawyer writes it: 不少于158天, 每月不低于35元, 至少每两年一次, 定期.
pub fn requirement(op: Op, q: Quantity, term: Option<&Term>, vocab: &Vocabulary) -> String {
    let unit = vocab.unit_name(q.unit);
    if term.is_some_and(|t| t.value_form.is_some()) {
        let f = figure(q, term, vocab);
        // A form like 怀孕{n}个月以上 names when a protection starts: a ceiling on it is the latest
        // start (最迟自怀孕7个月起), a floor the earliest.
        let point = f.strip_suffix("以上").unwrap_or(&f);
        return match op {
            Op::AtMost | Op::Below => format!("最迟自{point}起"),
            Op::Equals => f,
            Op::AtLeast | Op::Above => format!("最早自{point}起"),
        };
    }
    if is_frequency(unit) {
        return match op {
            Op::Above if q.milli == 0 => "定期".to_owned(),
            Op::AtLeast => format!("至少{}", frequency(q.milli, unit)),
            Op::Above => format!("多于{}", frequency(q.milli, unit)),
            Op::AtMost => format!("至多{}", frequency(q.milli, unit)),
            Op::Below => format!("少于{}", frequency(q.milli, unit)),
            Op::Equals => frequency(q.milli, unit),
        };
    }
    let amount = is_amount(unit);
    let word = compared(op, amount);
    let (every, measure) = unit_parts(unit);
    format!(
        "{every}{word}{}{measure}{}",
        format_milli(q.milli),
        added_months(q)
    )
}

/// A requirement measured against a fact of the contract: 不低于女职工占比40%.
pub fn fact_requirement(op: Op, fact: &str, value: &str) -> String {
    let word = match op {
        Op::Equals => "等于",
        _ => compared(op, true),
    };
    format!("{word}{fact}{value}")
}

/// A condition on a fact of the contract: 女职工人数不少于100人, 女职工占比不低于40%.
pub fn fact_condition(op: Op, fact: &str, value: &str) -> String {
    let amount = value.ends_with('%');
    let word = match op {
        Op::Equals => "为",
        _ => compared(op, amount),
    };
    format!("{fact}{word}{value}")
}

/// The comparison as the law words it: 不少于 a count or a length, 不低于 an amount or a share;
/// nothing for equality (each caller says 为 or 等于 as its sentence needs).
fn compared(op: Op, amount: bool) -> &'static str {
    match (op, amount) {
        (Op::AtLeast, false) => "不少于",
        (Op::AtLeast, true) => "不低于",
        (Op::AtMost, false) => "不超过",
        (Op::AtMost, true) => "不高于",
        (Op::Above, false) => "多于",
        (Op::Above, true) => "高于",
        (Op::Below, false) => "少于",
        (Op::Below, true) => "低于",
        (Op::Equals, _) => "",
    }
}

/// A fact's figure for a reader: a share to one decimal place at most (71.7%, not 71.666%), a count
/// as it is.
pub fn fact_value(milli: i64, unit: &str) -> String {
    if unit == "%" {
        let tenths = (milli + milli.signum() * 50) / 100;
        let whole = tenths / 10;
        let rest = (tenths % 10).abs();
        if rest == 0 {
            format!("{whole}%")
        } else {
            format!("{whole}.{rest}%")
        }
    } else {
        format!("{}{unit}", format_milli(milli))
    }
}

/// Words that mark a researcher's note rather than a legal basis; such notes never reach a reader.
const RESEARCH_NOTES: [&str; 9] = [
    "未核实",
    "未找到",
    "未读到",
    "未查明",
    "计算器",
    "待核",
    "存疑",
    "calc",
    "UNVERIFIED",
];

/// Whether `text` is a research note (条文号未核实, 文件未找到 …) rather than part of a citation.
pub fn is_research_note(text: &str) -> bool {
    RESEARCH_NOTES.iter().any(|n| text.contains(n))
}

/// `text` without any bracketed remark that is a research note: 《某条例》（条文号未核实） → 《某条例》.
pub fn without_research_notes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['（', '(']) {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let close = from.find(['）', ')']).map(|i| i + char_len_at(from, i));
        match close {
            Some(end) => {
                let remark = from.get(..end).unwrap_or(from);
                if !is_research_note(remark) {
                    out.push_str(remark);
                }
                rest = from.get(end..).unwrap_or("");
            }
            None => {
                out.push_str(from);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.trim_end().to_owned()
}

/// A citation as law, article, 文号 and date: 《女职工劳动保护特别规定》第六条第三款（国务院令第619号，
/// 2012年4月28日起施行）. An article that is a research note is left out, so the law alone is named.
pub fn citation(c: &Citation) -> String {
    let mut s = without_research_notes(c.source.trim());
    if let Some(a) = c.article.as_deref().map(str::trim) {
        if !a.is_empty() && !is_research_note(a) {
            s.push_str(a);
        }
    }
    let mut s = statute_dates(&s);
    let mut remarks: Vec<String> = Vec::new();
    if let Some(d) = c.docno.as_deref().map(str::trim) {
        if !d.is_empty() && !is_research_note(d) {
            remarks.push(d.to_owned());
        }
    }
    match (c.effective, c.adopted) {
        (Some(e), _) => remarks.push(format!("{}起施行", date(e))),
        (None, Some(a)) => remarks.push(format!("{}通过", date(a))),
        (None, None) => {}
    }
    if !remarks.is_empty() {
        s.push_str(&format!("（{}）", remarks.join("，")));
    }
    s
}

/// Years and dates in a statute's name as legal texts write them: （2021-11-25 修改） →
/// （2021年11月25日修改）, （2021 修正） → （2021年修正）, （2016、2021 修正文本） →
/// （2016年、2021年修正文本）. A year inside a 文号 (〔2019〕) is left as it is.
pub fn statute_dates(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while let Some(c) = at(i) {
        let starts_year = i
            .checked_sub(1)
            .and_then(at)
            .is_none_or(|p| !p.is_ascii_digit() && p != '〔')
            && (0..4).all(|k| at(i + k).is_some_and(|d| d.is_ascii_digit()))
            && at(i + 4).is_none_or(|d| !d.is_ascii_digit())
            && matches!(c, '1' | '2');
        if !starts_year {
            out.push(c);
            i += 1;
            continue;
        }
        let year: String = chars.iter().skip(i).take(4).collect();
        let number = |from: usize| -> Option<u32> {
            let digits: String = (from..from + 2).filter_map(at).collect();
            (digits.len() == 2 && digits.chars().all(|d| d.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
        };
        let iso = (at(i + 4) == Some('-') && at(i + 7) == Some('-'))
            .then(|| number(i + 5).zip(number(i + 8)))
            .flatten()
            .filter(|_| at(i + 10).is_none_or(|d| !d.is_ascii_digit()));
        let (written, mut next) = match iso {
            Some((m, d)) => (format!("{year}年{m}月{d}日"), i + 10),
            None => match at(i + 4) {
                Some(' ') if at(i + 5) == Some('年') => (format!("{year}年"), i + 6),
                Some(' ') if at(i + 5).is_some_and(is_cjk) => (format!("{year}年"), i + 5),
                Some('、') => (format!("{year}年"), i + 4),
                _ => (year, i + 4),
            },
        };
        if iso.is_some() && at(next) == Some(' ') && at(next + 1).is_some_and(is_cjk) {
            next += 1;
        }
        out.push_str(&written);
        i = next;
    }
    out
}

/// Whether `c` is a CJK ideograph (修, 正 …), not punctuation.
fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A date as Chinese legal texts write it: 2012年4月28日.
pub fn date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Citations joined as a lawyer lists them; repeated ones once.
pub fn citations<'c>(list: impl IntoIterator<Item = &'c Citation>) -> String {
    join_citations(list.into_iter().map(citation))
}

/// Joins citation texts with “；”, each once, in order.
pub fn join_citations(list: impl IntoIterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for c in list {
        for part in c.split('；') {
            let part = part.trim();
            if !part.is_empty() && !seen.iter().any(|s| s == part) {
                seen.push(part.to_owned());
            }
        }
    }
    seen.join("；")
}

/// What a rule against wording forbids, as the law says it: its title when that is a prohibition
/// (合同不得限制女职工结婚、生育), else a general phrase — never the rule's search patterns.
pub fn prohibition(title: Option<&str>) -> String {
    match title.map(str::trim) {
        Some(t) if t.contains("不得") || t.contains("禁止") => t.to_owned(),
        Some(t) if !t.is_empty() => format!("不得约定{t}"),
        _ => "不得约定违反法律、法规的内容".to_owned(),
    }
}

/// What a rule forbids, said as what the clause does: “合同不得限制女职工结婚、生育” → “限制女职工结婚、
/// 生育”. The rule's title is a prohibition; the clause is what breaks it.
pub fn offence(title: &str) -> String {
    let t = title.trim();
    for prefix in ["合同不得", "不得"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    match t.split_once("不得") {
        Some((who, what)) => format!("{who}{what}"),
        None => t.to_owned(),
    }
}

/// A clause as a letter names it: 第八条 as it is; an id of another form (二、3, 3) as 条款二、3, so
/// that it reads as a clause and not as a list number.
pub fn clause_name(id: &str) -> String {
    let id = id.trim();
    if id.starts_with('第') || id.is_empty() {
        id.to_owned()
    } else {
        format!("条款{id}")
    }
}

/// The phrase of `text` around bytes `start..end`, between punctuation marks (or the tab between
/// two cells of a table's row): the words a clause agreed (“合同期内不得生育”), not only the matched
/// pattern.
pub fn phrase_around(text: &str, start: usize, end: usize) -> &str {
    const STOPS: [char; 11] = [
        '，', '。', '；', '：', '、', '\n', '\t', ',', ';', '！', '？',
    ];
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let from = text
        .get(..start)
        .and_then(|b| b.rfind(STOPS))
        .map_or(0, |i| i + char_len_at(text, i));
    let to = text
        .get(end..)
        .and_then(|a| a.find(STOPS))
        .map_or(text.len(), |i| end + i);
    let phrase = text.get(from..to).map_or("", str::trim);
    without_article_number(phrase)
}

/// `text` without a leading article number (第八条 …): the clause is named apart, its number is
/// not part of what it agreed.
fn without_article_number(text: &str) -> &str {
    let Some(rest) = text.strip_prefix('第') else {
        return text;
    };
    match rest.split_once('条') {
        Some((number, after))
            if !number.is_empty()
                && number.chars().count() <= 4
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || "一二三四五六七八九十百零".contains(c))
                && after.starts_with([' ', '\u{3000}', '\t']) =>
        {
            after.trim_start()
        }
        _ => text,
    }
}

/// The length in bytes of the character at byte `i` of `text` (1 past the end).
fn char_len_at(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|t| t.chars().next())
        .map_or(1, char::len_utf8)
}

/// What a finding expects, for a reader: a commitment (`是`) reads 应当约定, a figure as it is.
pub fn expected(expected: &str) -> &str {
    match expected {
        "是" => "应当约定",
        "否" => "不得约定",
        e => e,
    }
}

/// What the contract has, for a reader: a refused commitment (`否`) reads 明确不承诺.
pub fn actual(actual: &str) -> &str {
    match actual {
        "否" => "明确不承诺",
        a => a,
    }
}

/// What a finding that points at no words of the contract says under its message: 合同中没有相应
/// 条款 (with the figure due, when there is one), or what is due against what was found.
pub fn unplaced(f: &Finding) -> String {
    match f.kind {
        FindingKind::Missing if f.expected == "是" => "合同中没有相应条款".to_owned(),
        FindingKind::Missing => format!("合同中没有相应条款，应为{}", f.expected),
        _ => format!("应为{}，实为{}", expected(&f.expected), actual(&f.actual)),
    }
}

/// How a provisional rule is marked at the end of a message: 暂定，仅作提示 — or only 仅作提示 when
/// the message already says the standard is 暂定.
pub fn provisional_mark(message: &str) -> &'static str {
    if message.contains("暂定") {
        "，仅作提示"
    } else {
        "（暂定，仅作提示）"
    }
}

/// The engine's own message for a finding, with placeholders the evaluator fills: {term} (the
/// term's label), {actual}, {expected}, {standard} (see [`standard`]), {jurisdiction} (国家 or the
/// region), {phrase} (the clause's words), {offence} (what the clause does) and {citation}.
/// `ceiling` is `Some` for a quantity rule (true when a lower figure protects more).
pub fn message_template(
    kind: FindingKind,
    ceiling: Option<bool>,
    severity: Severity,
    provisional: bool,
) -> &'static str {
    match (kind, ceiling) {
        (FindingKind::UnlawfulText, _) => "条款约定“{phrase}”，{offence}，违反{citation}",
        (FindingKind::Vague, _) => "条款提到{term}，但未写明可核对的标准",
        (FindingKind::Depends, _) => {
            "{term}约定为{actual}，是否达到{standard}取决于所跨月份的天数，建议按月数约定或约定足以覆盖最长月份的天数"
        }
        (FindingKind::Violated, Some(true)) => "{term}约定为{actual}，不符合{standard}",
        (FindingKind::Violated, Some(false)) => "{term}约定为{actual}，低于{standard}",
        (FindingKind::Missing, Some(_)) if provisional => "合同未约定{term}，可参照{standard}",
        (FindingKind::Missing, Some(_)) => "合同未约定{term}，应符合{standard}",
        (FindingKind::Missing, None) if severity >= Severity::Rectify => {
            "合同未约定{term}，这是用人单位依法应当履行的义务"
        }
        (FindingKind::Missing, None) => "合同未约定{term}（建议约定）",
        (FindingKind::Violated, None) => "合同明确不承诺{term}，不符合{jurisdiction}规定",
    }
}

/// The standard a figure is held to, named for the reader: 国家规定的标准（不少于158天）, or for a
/// provisional figure 参考标准（暂定，每月不低于35元） — never “X省规定的标准” for an unconfirmed one.
/// `authority` is who makes the rule, as [`authority_of`] names it.
pub fn standard(authority: &str, expected: &str, provisional: bool) -> String {
    if provisional {
        format!("参考标准（暂定，{expected}）")
    } else {
        format!("{authority}规定的标准（{expected}）")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn research_notes_are_dropped_from_citations() {
        assert_eq!(
            without_research_notes("宁夏企业女职工卫生费标准（文件未找到）"),
            "宁夏企业女职工卫生费标准"
        );
        assert_eq!(
            without_research_notes("《某条例》（2016 文本）"),
            "《某条例》（2016 文本）"
        );
        let c = Citation {
            source: "《某条例》".into(),
            article: Some("条文号未核实".into()),
            docno: None,
            url: None,
            adopted: None,
            effective: None,
            until: None,
        };
        assert_eq!(citation(&c), "《某条例》");
    }

    #[test]
    fn statute_names_write_years_and_dates_in_words() {
        for (raw, written) in [
            (
                "《某条例》（2021-11-25 修改）",
                "《某条例》（2021年11月25日修改）",
            ),
            ("《某条例》（2021 修正）", "《某条例》（2021年修正）"),
            ("《某条例》（2016 年修正）", "《某条例》（2016年修正）"),
            (
                "《某条例》（2016、2021 修正文本）",
                "《某条例》（2016年、2021年修正文本）",
            ),
            ("《某条例》（2013-11-29）", "《某条例》（2013年11月29日）"),
            ("《某法》（2022年修订）", "《某法》（2022年修订）"),
            ("人社部发〔2019〕17号", "人社部发〔2019〕17号"),
        ] {
            assert_eq!(statute_dates(raw), written, "{raw}");
        }
    }

    #[test]
    fn offences_read_as_what_the_clause_does() {
        assert_eq!(
            offence("合同不得限制女职工结婚、生育"),
            "限制女职工结婚、生育"
        );
        assert_eq!(offence("入职体检不得进行妊娠检测"), "入职体检进行妊娠检测");
    }

    #[test]
    fn phrases_end_at_punctuation() {
        let text = "乙方承诺，合同期内不得生育。";
        let at = text.find("不得生育").unwrap_or(0);
        assert_eq!(
            phrase_around(text, at, at + "不得生育".len()),
            "合同期内不得生育"
        );
        // A table's row: the article number in one cell, the words in the next.
        let row = "第三条\t女职工怀孕的，视为自动离职。";
        let at = row.find("自动离职").unwrap_or(0);
        assert_eq!(
            phrase_around(row, at, at + "自动离职".len()),
            "视为自动离职"
        );
        let at = row.find("女职工").unwrap_or(0);
        assert_eq!(
            phrase_around(row, at, at + "女职工怀孕".len()),
            "女职工怀孕的"
        );
        assert_eq!(
            without_article_number("第三条\t女职工怀孕的"),
            "女职工怀孕的"
        );
    }

    #[test]
    fn national_rules_are_the_state_s() {
        assert_eq!(authority("全国"), "国家");
        assert_eq!(authority("宁夏"), "宁夏");
    }
}
