//! The syntax tree of one rule file, names still unresolved, every node with its span.

use crate::source::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct File {
    pub units: Vec<UnitDecl>,
    pub terms: Vec<TermDecl>,
    pub models: Vec<ModelDecl>,
    pub forms: Vec<FormDecl>,
    pub labels: Vec<LabelDecl>,
    pub jurisdictions: Vec<JurisdictionDecl>,
    pub rules: Vec<RuleDecl>,
}

#[derive(Clone, Debug)]
pub struct UnitDecl {
    pub name: Spanned<String>,
    pub aliases: Vec<String>,
    /// `calendar day` / `calendar month`: the unit counts the calendar.
    pub calendar: Option<Spanned<String>>,
}

#[derive(Clone, Debug)]
pub struct TermDecl {
    pub name: Spanned<String>,
    pub id: String,
    /// Empty for a yes/no commitment.
    pub units: Vec<Spanned<String>>,
    pub periods: Vec<Spanned<String>>,
}

/// `model 产假 "女职工生育享受产假{floor}。"`: the clause a fix proposes when a term is missing.
#[derive(Clone, Debug)]
pub struct ModelDecl {
    pub term: Spanned<String>,
    pub text: String,
}

/// `form 哺乳时间 example 1小时/日 infer 小时 as 小时/日`: how a term's value is written.
#[derive(Clone, Debug)]
pub struct FormDecl {
    pub term: Spanned<String>,
    pub example: Spanned<String>,
    /// A unit as written and the term's unit it stands for.
    pub infer: Vec<(Spanned<String>, Spanned<String>)>,
}

/// How a term is shown to people: its label, how its figures are written, the commitment it details.
#[derive(Clone, Debug)]
pub struct LabelDecl {
    pub term: Spanned<String>,
    pub label: String,
    /// `怀孕{n}个月以上`: a figure of this term written with `{n}` for the number.
    pub value_form: Option<String>,
    pub detail_of: Option<Spanned<String>>,
}

#[derive(Clone, Debug)]
pub struct JurisdictionDecl {
    pub name: Spanned<String>,
    pub parent: Option<Spanned<String>>,
    pub names: Vec<String>,
    pub cities: Vec<String>,
    /// Terms the region's statutes name otherwise (陪产假 → 护理假).
    pub labels: Vec<(Spanned<String>, String)>,
}

#[derive(Clone, Debug)]
pub struct RuleDecl {
    pub id: Spanned<String>,
    pub title: Option<String>,
    /// The jurisdiction declared in the same file (the rule belongs to it).
    pub jurisdiction: Option<String>,
    pub common: Statements,
    pub versions: Vec<VersionDecl>,
    /// Byte range of the whole rule in its file, for `dixian explain`.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct VersionDecl {
    pub from: Option<Spanned<String>>,
    pub until: Option<Spanned<String>>,
    pub body: Statements,
    pub span: Span,
}

/// Statements valid in a rule body and in a version; a version's own override the rule's.
#[derive(Clone, Debug, Default)]
pub struct Statements {
    pub severity: Option<Spanned<String>>,
    pub message: Option<String>,
    /// The first citation; further `cite` statements go to `also`.
    pub cite: Option<Spanned<Cite>>,
    pub also: Vec<Cite>,
    pub statute: Option<String>,
    pub note: Option<String>,
    /// The model clause a fix proposes (overrides the term's model in the vocabulary).
    pub model: Option<String>,
    pub provisional: Option<String>,
    pub when: Vec<ConditionDecl>,
    pub missing: Option<Spanned<String>>,
    pub check: Option<Spanned<CheckDecl>>,
    /// Statements given twice in one body, by keyword: reported by validation.
    pub repeated: Vec<Spanned<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cite {
    pub source: String,
    pub article: Option<String>,
    pub docno: Option<String>,
    pub url: Option<String>,
    pub adopted: Option<Spanned<String>>,
    /// The days this citation grounds, when fewer than its version's.
    pub effective: Option<Spanned<String>>,
    pub until: Option<Spanned<String>>,
}

#[derive(Clone, Debug)]
pub struct ConditionDecl {
    pub fact: Spanned<String>,
    pub op: String,
    pub value: Spanned<String>,
}

#[derive(Clone, Debug)]
pub enum CheckDecl {
    Require {
        term: Spanned<String>,
        op: Option<String>,
        operand: Option<Spanned<Operand>>,
    },
    Forbid {
        patterns: Vec<String>,
    },
}

#[derive(Clone, Debug)]
pub enum Operand {
    Quantity(String),
    YesNo(bool),
    Fact(String),
}
