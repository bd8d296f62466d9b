//! A contract as the engine sees it: typed terms resolved against the vocabulary, each with the span of
//! the words that state it. This is the "facts" the rules are evaluated over.

use crate::quantity::Quantity;
use crate::source::Span;
use crate::vocabulary::{TermId, Vocabulary};
use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermValue {
    Quantity(Quantity),
    Commitment(bool),
}

impl TermValue {
    /// The value as a person writes it in a contract form (YAML, the page's terms table): 158天,
    /// 12个月, 98天+3个月, 30元/月, 是 — never 12月, which reads as December. The form reads it back
    /// to the same value.
    pub fn written(&self, vocab: &Vocabulary) -> String {
        match self {
            TermValue::Quantity(q) => q.written(vocab),
            TermValue::Commitment(b) => if *b { "是" } else { "否" }.to_owned(),
        }
    }
}

/// One term a clause states: `产假: 158天`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedTerm {
    pub term: TermId,
    pub value: TermValue,
    /// The value's words in the source (what a finding underlines).
    pub span: Span,
    /// The value as written, for messages.
    pub written: String,
    /// How the value was read when that is not plain from its words (“1小时”按每日计): shown on the report.
    pub note: Option<String>,
}

impl StatedTerm {
    /// The value for display: as the contract writes it when its words are just that amount in
    /// words (一百五十八天), else as a lawyer writes the figure (158天, 12个月, 每天1小时, 每年一次).
    pub fn display(&self, vocab: &Vocabulary) -> String {
        match self.value {
            TermValue::Quantity(q) => {
                let in_words = self.note.is_none()
                    && !self.written.chars().any(|c| c.is_ascii_digit())
                    && crate::quantity::parse_quantity(&self.written, vocab) == Ok(q);
                if in_words {
                    // As one phrase, when the words were wrapped over two lines (七|天).
                    self.written.split_whitespace().collect()
                } else {
                    crate::render::words::figure(q, vocab.term_info(self.term), vocab)
                }
            }
            TermValue::Commitment(b) => if b { "是" } else { "否" }.to_owned(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub id: String,
    pub id_span: Span,
    pub topic: Option<String>,
    pub text: String,
    pub text_span: Span,
    pub terms: Vec<StatedTerm>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContractTerm {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Workforce {
    pub total: Option<u32>,
    pub women: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contract {
    /// The file name it was read from, for diagnostics.
    pub file: String,
    /// The source text, for rendering findings under their line.
    pub source: String,
    pub title: Option<String>,
    pub region: String,
    pub region_span: Span,
    pub signed: Option<NaiveDate>,
    pub term: ContractTerm,
    pub workforce: Workforce,
    pub clauses: Vec<Clause>,
}

impl Contract {
    /// Every stated term with the index of its clause, in contract order.
    pub fn stated_terms(&self) -> impl Iterator<Item = (usize, &StatedTerm)> {
        self.clauses
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.terms.iter().map(move |t| (i, t)))
    }

    /// The share of women in the workforce, in thousandths of a percent (40% → 40_000).
    pub fn women_share_milli(&self) -> Option<i64> {
        let (Some(total), Some(women)) = (self.workforce.total, self.workforce.women) else {
            return None;
        };
        if total == 0 {
            return None;
        }
        Some(i64::from(women) * 100_000 / i64::from(total))
    }
}
