//! The contract's field names, in English and Chinese, as the reader accepts them: one list for the
//! reader and the JSON schema.

pub(super) const TITLE: &[&str] = &["title", "名称"];
pub(super) const REGION: &[&str] = &["region", "地区"];
pub(super) const SIGNED: &[&str] = &["signed", "签订日期"];
pub(super) const TERM: &[&str] = &["term", "期限"];
pub(super) const WORKFORCE: &[&str] = &["workforce"];
pub(super) const TOTAL: &[&str] = &["职工人数"];
pub(super) const WOMEN: &[&str] = &["女职工人数"];
pub(super) const CLAUSES: &[&str] = &["clauses", "条款"];
pub(super) const TOP: &[&[&str]] = &[
    TITLE, REGION, SIGNED, TERM, WORKFORCE, TOTAL, WOMEN, CLAUSES,
];
pub(super) const START: &[&str] = &["start", "起"];
pub(super) const END: &[&str] = &["end", "止"];
pub(super) const WORKFORCE_TOTAL: &[&str] = &["total", "职工人数"];
pub(super) const WORKFORCE_WOMEN: &[&str] = &["women", "女职工人数"];
pub(super) const ID: &[&str] = &["id", "编号"];
pub(super) const TOPIC: &[&str] = &["topic", "主题"];
pub(super) const TEXT: &[&str] = &["text", "内容"];
pub(super) const TERMS: &[&str] = &["terms", "约定"];
pub(super) const CLAUSE: &[&[&str]] = &[ID, TOPIC, TEXT, TERMS];
