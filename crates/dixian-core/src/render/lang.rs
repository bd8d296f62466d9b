//! The language of the frame around findings: Chinese (the default, for the union staff who use the
//! tool) or English. Rule data — term names, citations, a rule's own message — is written in Chinese
//! and stays Chinese; English mode translates the words the engine itself puts around it.

use crate::report::{Finding, FindingKind};
use crate::rules::Severity;
use crate::vocabulary::Period;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "zh" | "zh-CN" | "中文" => Some(Self::Zh),
            "en" | "en-US" | "en-GB" | "English" => Some(Self::En),
            _ => None,
        }
    }

    pub fn severity(self, s: Severity) -> &'static str {
        match self {
            Self::Zh => s.chinese(),
            Self::En => s.as_str(),
        }
    }

    pub fn period(self, p: Period) -> &'static str {
        match (self, p) {
            (Self::Zh, _) => p.name(),
            (Self::En, Period::经期) => "menstruation",
            (Self::En, Period::孕期) => "pregnancy",
            (Self::En, Period::产期) => "childbirth",
            (Self::En, Period::哺乳期) => "nursing",
            (Self::En, Period::更年期) => "menopause",
        }
    }

    /// The finding's message in this language. Chinese is the engine's message as produced (including
    /// a rule's own wording); English is built from the finding's fields with the default wording.
    pub fn message(self, f: &Finding) -> String {
        match self {
            Self::Zh => f.message.clone(),
            Self::En => english_message(f),
        }
    }
}

/// A requirement is a commitment when the rule asks for one (是), a figure otherwise.
fn is_commitment(expected: &str) -> bool {
    matches!(expected, "是" | "否")
}

fn english_message(f: &Finding) -> String {
    // Terms keep their Chinese display label (the name the statutes use), never the internal name.
    let term = f.term_label.as_deref().or(f.term.as_deref()).unwrap_or("");
    let standard = if super::words::authority(&f.jurisdiction) == "国家" {
        "the national standard".to_owned()
    } else {
        format!("the standard of {}", f.jurisdiction)
    };
    let (expected, actual) = (&f.expected, &f.actual);
    let mut m = match f.kind {
        FindingKind::UnlawfulText => format!("the clause contains unlawful wording “{actual}”"),
        FindingKind::Vague => format!("the clause names {term} but promises nothing checkable"),
        FindingKind::Violated if !is_commitment(expected) => {
            format!("{term} is stated as {actual}, which does not meet {standard} ({expected})")
        }
        FindingKind::Violated => {
            format!("the contract expressly declines {term}, contrary to {standard}")
        }
        FindingKind::Missing if !is_commitment(expected) => {
            format!("the contract does not state {term}; {standard} is {expected}")
        }
        FindingKind::Missing if f.severity >= Severity::Rectify => {
            format!("the contract does not commit to {term}, a legal duty of the employer")
        }
        FindingKind::Missing => format!("the contract does not commit to {term} (recommended)"),
        FindingKind::Depends => format!(
            "whether {term} stated as {actual} meets {standard} ({expected}) depends on the calendar months it spans"
        ),
    };
    if f.provisional {
        m.push_str(" (provisional rule, a notice only)");
    }
    m
}
