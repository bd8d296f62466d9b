//! The union's 一函两书 as Markdown drafts: 提示函 (reminder), 工会女职工劳动保护监督整改意见书
//! (rectification opinion) and 工会女职工劳动保护监督处理建议书 (handling recommendation). One numbered
//! item per finding — the clause, what it says, what the law requires, the citation, the window — and
//! 【待填：…】 placeholders for what only the union can fill in (number, deadline, its name, the date).
//! The letter is a draft for a person to check: it never invents a figure or a legal basis beyond
//! the findings' own citations.

use crate::contract::Contract;
use crate::report::{Finding, FindingKind, Report};
use crate::rules::{RuleSet, Severity};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LetterKind {
    /// 提示函
    Reminder,
    /// 工会女职工劳动保护监督整改意见书
    Rectification,
    /// 工会女职工劳动保护监督处理建议书
    Referral,
}

impl LetterKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "提示函" | "提示" | "reminder" | "notice" => Some(Self::Reminder),
            "整改意见书"
            | "整改"
            | "工会女职工劳动保护监督整改意见书"
            | "rectification"
            | "rectify" => Some(Self::Rectification),
            "处理建议书" | "转办" | "工会女职工劳动保护监督处理建议书" | "referral" | "refer" => {
                Some(Self::Referral)
            }
            _ => None,
        }
    }

    /// The letter that follows a finding of this severity on the union's ladder.
    pub fn for_severity(s: Severity) -> Self {
        match s {
            Severity::Notice => Self::Reminder,
            Severity::Rectify => Self::Rectification,
            Severity::Refer => Self::Referral,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Reminder => "提示函",
            Self::Rectification => "工会女职工劳动保护监督整改意见书",
            Self::Referral => "工会女职工劳动保护监督处理建议书",
        }
    }
}

const TITLE_SUFFIXES: [&str; 6] = [
    "女职工权益保护专项集体合同",
    "女职工特殊权益保护专项集体合同",
    "女职工劳动保护专项集体合同",
    "女职工专项集体合同",
    "专项集体合同",
    "集体合同",
];

/// The enterprise a contract is made with, read from its title: 武汉某某物流有限公司女职工权益保护专项集体合同
/// → 武汉某某物流有限公司.
pub fn enterprise(title: Option<&str>) -> Option<String> {
    let title = title?
        .trim()
        .trim_start_matches('《')
        .trim_end_matches('》');
    let name = TITLE_SUFFIXES
        .iter()
        .find_map(|s| title.strip_suffix(s))
        .unwrap_or(title)
        .trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// A numbered item of a letter: its heading and its lines (合同约定, 法律要求, 依据, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub heading: String,
    pub lines: Vec<String>,
}

/// A letter's content, once: the Markdown, plain-text and Word writers only lay it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub kind: LetterKind,
    pub number: String,
    pub addressee: String,
    pub opening: String,
    /// The rectify and refer items: what breaks the law.
    pub breaking: Vec<Item>,
    /// The 建议 section's heading and lead, when it stands apart from breaking items.
    pub advice_lead: Option<(String, String)>,
    /// The notices: suggestions.
    pub advice: Vec<Item>,
    pub request: String,
    pub signature: String,
    pub date: String,
    pub copy_to: Option<String>,
    pub note: String,
}

/// The letter of `kind`, or `None` when the report has no finding (there is nothing to write).
pub fn compose(
    report: &Report,
    contract: &Contract,
    rules: &RuleSet,
    kind: LetterKind,
) -> Option<Letter> {
    if report.findings.is_empty() {
        return None;
    }
    let c = &report.contract;
    let addressee =
        enterprise(c.title.as_deref()).unwrap_or_else(|| "【待填：单位名称】".to_owned());
    let contract_name = c.title.as_deref().map_or_else(
        || "女职工权益保护专项集体合同".to_owned(),
        |t| t.trim_start_matches('《').trim_end_matches('》').to_owned(),
    );
    // Only rectify and refer items break the law; notices (good practice, provisional figures) are
    // suggestions, in a section of their own.
    let mut findings: Vec<&Finding> = report.findings.iter().collect();
    crate::sort::sort_by_key(&mut findings, |f| std::cmp::Reverse(f.severity)); // stable: report order within a severity
    let (breaking, advice): (Vec<&Finding>, Vec<&Finding>) = findings
        .into_iter()
        .partition(|f| f.severity >= Severity::Rectify);
    let mut opening = format!(
        "本会对贵单位《{contract_name}》（地区：{}；合同期限：{} 至 {}）进行了审查",
        c.region, c.term.start, c.term.end
    );
    if breaking.is_empty() {
        opening.push_str("，未发现违反法律、法规的问题，提出以下建议：");
    } else {
        opening.push_str(&format!(
            "，发现以下 {} 个问题与法律、法规规定的女职工劳动保护标准不符：",
            breaking.len()
        ));
    }
    let advice_lead = (!breaking.is_empty() && !advice.is_empty()).then(|| {
        (
            "建议".to_owned(),
            "以下事项不属于违反法律、法规的问题，建议在修订或续签时一并完善：".to_owned(),
        )
    });
    let items = |fs: Vec<&Finding>| -> Vec<Item> {
        fs.into_iter()
            .map(|f| item(f, report, contract, rules))
            .collect()
    };
    Some(Letter {
        kind,
        number: "编号：【待填：编号】".to_owned(),
        addressee: format!("{addressee}："),
        opening,
        breaking: items(breaking),
        advice_lead,
        advice: items(advice),
        request: request(kind),
        signature: "【待填：工会名称】（盖章）".to_owned(),
        date: "【待填：日期】".to_owned(),
        copy_to: (kind == LetterKind::Referral)
            .then(|| "抄送：【待填：劳动保障监察等有关部门】".to_owned()),
        note: "本函由 dixian 根据合同审查结果起草，发出前请核对条款原文与法律依据。".to_owned(),
    })
}

/// The draft letter of `kind` in Markdown, or `None` when the report has no finding.
pub fn render(
    report: &Report,
    contract: &Contract,
    rules: &RuleSet,
    kind: LetterKind,
) -> Option<String> {
    compose(report, contract, rules, kind).map(|l| l.markdown())
}

impl Letter {
    /// Markdown: `#` title, `##` numbered items, `-` lines.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "# {}\n\n{}\n\n{}\n\n{}\n\n",
            self.kind.title(),
            self.number,
            self.addressee,
            self.opening
        );
        let md_items = |out: &mut String, items: &[Item]| {
            for (i, it) in items.iter().enumerate() {
                out.push_str(&format!("## {}. {}\n\n", i + 1, it.heading));
                for line in &it.lines {
                    out.push_str(&format!("- {line}\n"));
                }
                out.push('\n');
            }
        };
        md_items(&mut out, &self.breaking);
        if let Some((heading, lead)) = &self.advice_lead {
            out.push_str(&format!("## {heading}\n\n{lead}\n\n"));
        }
        md_items(&mut out, &self.advice);
        out.push_str(&format!(
            "{}\n\n{}\n\n{}\n",
            self.request, self.signature, self.date
        ));
        if let Some(cc) = &self.copy_to {
            out.push_str(&format!("\n{cc}\n"));
        }
        out.push_str(&format!("\n<!-- {} -->\n", self.note));
        out
    }

    /// Plain text, to paste into a word processor: no markup, items as 一、二、…, lines indented.
    pub fn text(&self) -> String {
        let mut out = format!(
            "{}\n\n{}\n\n{}\n\n    {}\n\n",
            self.kind.title(),
            self.number,
            self.addressee,
            self.opening
        );
        for (n, it) in self.numbered() {
            out.push_str(&format!("{n}{}\n", it.heading));
            for line in &it.lines {
                out.push_str(&format!("    {line}\n"));
            }
            out.push('\n');
        }
        out.push_str(&format!(
            "    {}\n\n{}\n{}\n",
            self.request, self.signature, self.date
        ));
        if let Some(cc) = &self.copy_to {
            out.push_str(&format!("\n{cc}\n"));
        }
        out.push_str(&format!("\n（{}）\n", self.note));
        out
    }

    /// Items in reading order with their numbers (一、二、… for breaking items, （一）（二）… for
    /// suggestions), the 建议 heading and lead given as an item without lines between them.
    pub fn numbered(&self) -> Vec<(String, Item)> {
        let mut out: Vec<(String, Item)> = self
            .breaking
            .iter()
            .enumerate()
            .map(|(i, it)| (format!("{}、", chinese_number(i + 1)), it.clone()))
            .collect();
        if let Some((heading, lead)) = &self.advice_lead {
            out.push((
                format!("{}、", chinese_number(self.breaking.len() + 1)),
                Item {
                    heading: heading.clone(),
                    lines: vec![lead.clone()],
                },
            ));
        }
        let nested = self.advice_lead.is_some();
        out.extend(self.advice.iter().enumerate().map(|(i, it)| {
            let n = if nested {
                format!("（{}）", chinese_number(i + 1))
            } else {
                format!("{}、", chinese_number(i + 1))
            };
            (n, it.clone())
        }));
        out
    }
}

/// 1 → 一, 12 → 十二, 21 → 二十一 (letters have far fewer than a hundred items).
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: usize| DIGITS.get(d).copied().unwrap_or("");
    match n {
        0..=9 => digit(n).to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { digit(n - 10) }),
        20..=99 => format!(
            "{}十{}",
            digit(n / 10),
            if n % 10 == 0 { "" } else { digit(n % 10) }
        ),
        _ => n.to_string(),
    }
}

fn heading(f: &Finding) -> String {
    let term = f.term_label.as_deref().or(f.term.as_deref()).unwrap_or("");
    let clause = f.clause.as_deref().map(super::words::clause_name);
    match (f.kind, clause) {
        (FindingKind::Missing, _) => format!("合同未约定{term}"),
        (FindingKind::UnlawfulText, Some(clause)) => unlawful_heading(f, &clause),
        (FindingKind::Vague, Some(clause)) if !term.is_empty() => {
            format!("{clause}对{term}未写明可核对的标准")
        }
        (FindingKind::Vague, Some(clause)) => format!("{clause}未写明可核对的标准"),
        (_, Some(clause)) if !term.is_empty() => format!("{clause}（{term}）"),
        (_, Some(clause)) => clause,
        (_, None) => term.to_owned(),
    }
}

/// An unlawful clause's heading says what it does, once: 第八条约定“女职工在合同期内不得生育”，限制
/// 女职工结婚、生育 — the engine's message up to the law it breaks (cited below the heading).
fn unlawful_heading(f: &Finding, clause: &str) -> String {
    f.message
        .strip_prefix("条款约定")
        .and_then(|rest| rest.split_once("，违反").map(|(what, _)| what))
        .map_or_else(
            || format!("{clause}含有违法表述"),
            |what| format!("{clause}约定{what}"),
        )
}

fn item(f: &Finding, report: &Report, contract: &Contract, rules: &RuleSet) -> Item {
    let mut lines = Vec::new();
    let clause = f
        .clause
        .as_deref()
        .and_then(|id| contract.clauses.iter().find(|c| c.id == id));
    let says = match (f.kind, clause) {
        (FindingKind::Missing, _) => "合同没有约定此项。".to_owned(),
        (FindingKind::Vague, Some(c)) => format!("“{}”（未写明可核对的标准）", c.text.trim()),
        (FindingKind::UnlawfulText, Some(c)) => format!("“{}”", c.text.trim()),
        (_, Some(c)) if !c.text.trim().is_empty() && f.actual == "否" => {
            format!("“{}”（合同明确不承诺此项）", c.text.trim())
        }
        (_, Some(c)) if !c.text.trim().is_empty() => {
            format!("“{}”（约定为{}）", c.text.trim(), f.actual)
        }
        _ if f.actual == "否" => "合同明确不承诺此项。".to_owned(),
        _ => format!("约定为{}", f.actual),
    };
    lines.push(format!("合同约定：{says}"));
    let version = statute_version(rules, f);
    let term = f.term_label.as_deref().or(f.term.as_deref()).unwrap_or("");
    let what = match f.kind {
        FindingKind::UnlawfulText => f.expected.clone(),
        // 应当 only where the law binds; a suggestion proposes.
        _ if f.expected == "是" && f.severity >= Severity::Rectify => format!("应当约定{term}"),
        _ if f.expected == "是" => format!("约定{term}"),
        _ if f.expected == "定期" => format!("应当定期安排{term}"),
        _ => format!("{term}{}", f.expected),
    };
    // A provisional figure is a reference, not a region's rule (参考标准（暂定）says so already);
    // a finding of the reader of the text (no jurisdiction) is no one's rule.
    let requires = if f.provisional || f.jurisdiction.is_empty() {
        what
    } else {
        format!("{what}（{}规定）", report.authority(&f.jurisdiction))
    };
    let label = if f.severity >= Severity::Rectify {
        "法律要求"
    } else if f.provisional {
        "参考标准（暂定）"
    } else {
        "建议标准"
    };
    lines.push(format!("{label}：{requires}"));
    if let Some(statute) = version.and_then(|v| v.statute.as_deref()) {
        lines.push(format!("条文原文：“{statute}”"));
    }
    lines.push(format!("依据：{}", f.citation));
    lines.push(format!(
        "适用期间：{}",
        super::human::window(f, report, super::Lang::Zh)
    ));
    let level = if f.provisional {
        format!("{}（暂定规则，仅作提示）", f.severity.chinese())
    } else {
        f.severity.chinese().to_owned()
    };
    lines.push(format!("问题等级：{level}"));
    lines.extend(suggestion_line(f));
    Item {
        heading: heading(f),
        lines,
    }
}

/// The 修改建议 under a letter's item, when there is one.
fn suggestion_line(f: &Finding) -> Option<String> {
    f.suggestion
        .as_ref()
        .map(|s| crate::suggest::wording(s, super::Lang::Zh))
}

/// The version of the finding's rule in force at the start of its window, for its statute text.
fn statute_version<'r>(rules: &'r RuleSet, f: &Finding) -> Option<&'r crate::rules::Version> {
    let day = crate::dates::parse_date(&f.from).ok()?;
    rules
        .rule(&f.rule)?
        .versions
        .iter()
        .find(|v| v.in_force_on(day))
}

fn request(kind: LetterKind) -> String {
    match kind {
        LetterKind::Reminder => "请贵单位对照上述问题，在修订或续签专项集体合同时予以完善，并于【待填：回复期限】前将有关情况告知本会。".to_owned(),
        LetterKind::Rectification => "请贵单位自收到本意见书之日起【待填：整改期限】内，按上述法定标准修改相关条款，并将整改情况书面报送本会。逾期未整改的，本会将视情况发出处理建议书。".to_owned(),
        LetterKind::Referral => "上述问题违反法律、法规的规定。本会建议有关部门依法处理，并请贵单位于【待填：期限】前纠正上述问题，将处理情况书面告知本会。".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enterprise_from_title() {
        assert_eq!(
            enterprise(Some("武汉某某物流有限公司女职工权益保护专项集体合同")).as_deref(),
            Some("武汉某某物流有限公司")
        );
        assert_eq!(
            enterprise(Some("《某某纺织厂集体合同》")).as_deref(),
            Some("某某纺织厂")
        );
        assert_eq!(enterprise(Some("专项集体合同")), None);
        assert_eq!(enterprise(None), None);
    }

    #[test]
    fn kinds_follow_the_ladder() {
        assert_eq!(
            LetterKind::for_severity(Severity::Refer),
            LetterKind::Referral
        );
        assert_eq!(
            LetterKind::parse("整改意见书"),
            Some(LetterKind::Rectification)
        );
        assert_eq!(LetterKind::parse("函"), None);
    }
}
