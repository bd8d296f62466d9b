//! Rule files → syntax tree. The grammar is `grammar.pest`; this module walks pest's pairs into `ast`.

use super::ast::*;
use crate::error::{Collector, LoadError};
use crate::source::{LineIndex, Span};
use pest::Parser as _;
use pest::iterators::Pair;

#[derive(pest_derive::Parser)]
#[grammar = "rules/grammar.pest"]
struct DslParser;

/// Deepest bracket nesting accepted before parsing, so pest's recursion stays far from the stack's end.
pub const MAX_NESTING: usize = 64;
/// Largest rule file accepted: the built-in files are a few kilobytes each; a megabyte is far beyond
/// any real one and keeps pest's token queue (about 20 bytes of memory per input byte) small.
pub const MAX_RULE_FILE_BYTES: usize = 1024 * 1024;
/// Most rules in one file (a province has a few dozen); validation and evaluation grow with this.
pub const MAX_RULES_PER_FILE: usize = 1_000;

/// Parses one rule file. `file` names it in diagnostics.
pub fn parse_file(file: &str, text: &str) -> Result<File, LoadError> {
    let lines = LineIndex::new(text);
    precheck(file, text, &lines)?;
    let mut pairs =
        DslParser::parse(Rule::file, text).map_err(|e| pest_error(file, text, &lines, &e))?;
    let mut walker = Walker {
        text,
        lines: &lines,
        out: Collector::new(file),
    };
    let mut ast = File::default();
    let mut jurisdiction: Option<String> = None;
    if let Some(file_pair) = pairs.next() {
        for item in file_pair.into_inner() {
            match item.as_rule() {
                Rule::unit_decl => ast.units.push(walker.unit(item)),
                Rule::term_decl => ast.terms.push(walker.term(item)),
                Rule::model_decl => ast.models.push(walker.model(item)),
                Rule::form_decl => ast.forms.push(walker.form(item)),
                Rule::label_decl => ast.labels.push(walker.label(item)),
                Rule::jurisdiction => {
                    let j = walker.jurisdiction(item);
                    if let Some(first) = &jurisdiction {
                        walker.out.push(
                            j.name.span,
                            format!("一个规则文件只能声明一个辖区（已声明“{first}”）"),
                        );
                    } else {
                        jurisdiction = Some(j.name.value.clone());
                    }
                    ast.jurisdictions.push(j);
                }
                Rule::rule => {
                    if ast.rules.len() == MAX_RULES_PER_FILE {
                        let span = walker.span(&item);
                        walker.out.push(
                            span,
                            format!("规则过多：一个文件最多 {MAX_RULES_PER_FILE} 条规则"),
                        );
                        break;
                    }
                    let mut r = walker.rule(item);
                    if jurisdiction.is_none() {
                        walker
                            .out
                            .push(r.id.span, "规则之前必须先声明它所属的辖区（jurisdiction）");
                    }
                    r.jurisdiction.clone_from(&jurisdiction);
                    ast.rules.push(r);
                }
                _ => {}
            }
        }
    }
    walker.out.finish(ast)
}

/// Refuses inputs that are too large or too deeply nested before pest sees them, and finds the two
/// slips pest reports far from where they are: an unclosed brace or quote (pest only notices at the end
/// of the file) is reported where it opens.
fn precheck(file: &str, text: &str, lines: &LineIndex) -> Result<(), LoadError> {
    if text.len() > MAX_RULE_FILE_BYTES {
        return Err(LoadError::one(
            file,
            1,
            1,
            format!(
                "规则文件过大（{} 字节，上限 {MAX_RULE_FILE_BYTES} 字节）",
                text.len()
            ),
        ));
    }
    let at = |i: usize, message: String| {
        let (l, col) = lines.line_col(text, i);
        Err(LoadError::one(file, l, col, message))
    };
    let mut open: Vec<usize> = Vec::new();
    let mut string_start: Option<usize> = None;
    let mut escaped = false;
    let mut comment = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if comment {
            comment = c != '\n';
            continue;
        }
        if string_start.is_some() {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => string_start = None,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => string_start = Some(i),
            '#' => comment = true,
            '/' if chars.peek().is_some_and(|&(_, n)| n == '/') => comment = true,
            '{' => {
                open.push(i);
                if open.len() > MAX_NESTING {
                    return at(
                        i,
                        format!(
                            "花括号嵌套超过 {MAX_NESTING} 层（规则文件只需两层：rule {{ version {{ … }} }}）"
                        ),
                    );
                }
            }
            '}' if open.pop().is_none() => {
                return at(i, "多余的右花括号“}”：前面没有与之配对的“{”".to_owned());
            }
            _ => {}
        }
    }
    if let Some(i) = string_start {
        return at(
            i,
            "引号没有闭合：从这里开始的文字直到文件结尾都没有右引号“\"”".to_owned(),
        );
    }
    if let Some(&i) = open.last() {
        return at(
            i,
            "花括号没有闭合：这个“{”直到文件结尾都没有配对的“}”".to_owned(),
        );
    }
    Ok(())
}

fn pest_error(
    file: &str,
    text: &str,
    lines: &LineIndex,
    e: &pest::error::Error<Rule>,
) -> LoadError {
    let offset = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let (line, column) = lines.line_col(text, offset);
    let rest = text.get(offset..).unwrap_or("");
    let found = rest.split_whitespace().next().unwrap_or("");
    let expected = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = Vec::new();
            for name in positives
                .iter()
                .map(|r| rule_label(*r))
                .filter(|s| !s.is_empty())
            {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            names.join("、")
        }
        pest::error::ErrorVariant::CustomError { message } => message.clone(),
    };
    let shown = if found.is_empty() {
        "文件结尾".to_owned()
    } else {
        format!("“{}”", found.chars().take(20).collect::<String>())
    };
    let mut msg = if expected.is_empty() {
        format!("语法错误：此处不应出现{shown}")
    } else {
        format!("语法错误：此处应为{expected}，却是{shown}")
    };
    // The slips an input method or another language's habits make, named.
    let before = text.get(..offset).and_then(|b| b.chars().last());
    if found.starts_with(['：', ':']) {
        msg.push_str("（规则文件不用冒号：关键字和值之间只需空格，如 severity rectify）");
    } else if (before == Some('=') && found.starts_with(['>', '<']))
        || found.starts_with("=>")
        || found.starts_with("=<")
    {
        msg.push_str("（比较符应写作 >= 或 <=）");
    } else if found.starts_with(['“', '”']) {
        msg.push_str("（文字要用半角双引号 \"…\" 括起，不能用中文引号“…”）");
    } else if found.starts_with(['｛', '｝']) {
        msg.push_str("（花括号要用半角 { }，不能用全角｛｝）");
    }
    LoadError::one(file, line, column, msg)
}

fn rule_label(r: Rule) -> &'static str {
    match r {
        Rule::ident => "名称",
        Rule::string | Rule::string_inner => "带引号的文字",
        Rule::date => "日期（如 2021-11-26）",
        Rule::quantity | Rule::number => "数量（如 158天）",
        Rule::unit_name => "单位",
        Rule::op => "比较符（>= <= =）",
        Rule::severity => "级别（notice/rectify/refer 或 提示/整改/转办）",
        Rule::yes_no => "是/否",
        Rule::EOI => "文件结尾",
        Rule::rule => "规则（rule）",
        Rule::jurisdiction => "辖区（jurisdiction）",
        Rule::unit_decl
        | Rule::term_decl
        | Rule::model_decl
        | Rule::form_decl
        | Rule::form_infer
        | Rule::label_decl => "声明（unit/term/model/form/label）",
        Rule::version => "版本（version）",
        Rule::severity_stmt
        | Rule::message_stmt
        | Rule::cite_stmt
        | Rule::statute_stmt
        | Rule::note_stmt
        | Rule::model_stmt
        | Rule::provisional_stmt
        | Rule::when_stmt
        | Rule::missing_stmt
        | Rule::require_stmt
        | Rule::forbid_stmt => "规则语句",
        Rule::parent_stmt | Rule::names_stmt | Rule::cities_stmt | Rule::label_stmt => {
            "辖区语句（parent/names/cities/label）"
        }
        Rule::condition => "条件",
        _ => "",
    }
}

struct Walker<'t, 'l> {
    text: &'t str,
    lines: &'l LineIndex,
    out: Collector<'l>,
}

impl Walker<'_, '_> {
    fn span(&self, p: &Pair<'_, Rule>) -> Span {
        let s = p.as_span();
        self.lines.span(self.text, s.start(), s.end())
    }

    fn spanned(&self, p: &Pair<'_, Rule>) -> Spanned<String> {
        Spanned {
            value: p.as_str().to_owned(),
            span: self.span(p),
        }
    }

    fn string(p: &Pair<'_, Rule>) -> String {
        let raw = p.clone().into_inner().next().map_or("", |i| i.as_str());
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn unit(&self, p: Pair<'_, Rule>) -> UnitDecl {
        let (mut names, mut calendar) = (Vec::new(), None);
        for n in p.into_inner() {
            match n.as_rule() {
                Rule::calendar => {
                    calendar = n.into_inner().next().map(|role| self.spanned(&role));
                }
                _ => names.push(self.spanned(&n)),
            }
        }
        let mut names = names.into_iter();
        let name = names.next().unwrap_or_else(|| Spanned {
            value: String::new(),
            span: Span::default(),
        });
        UnitDecl {
            name,
            aliases: names.map(|n| n.value).collect(),
            calendar,
        }
    }

    fn term(&self, p: Pair<'_, Rule>) -> TermDecl {
        let mut inner = p.into_inner();
        let empty = || Spanned {
            value: String::new(),
            span: Span::default(),
        };
        let name = inner.next().map_or_else(empty, |n| self.spanned(&n));
        let id = inner
            .next()
            .map(|n| n.as_str().to_owned())
            .unwrap_or_default();
        let mut units = Vec::new();
        if let Some(kind) = inner.next() {
            units = kind.into_inner().map(|u| self.spanned(&u)).collect();
        }
        let periods = inner.map(|n| self.spanned(&n)).collect();
        TermDecl {
            name,
            id,
            units,
            periods,
        }
    }

    fn model(&self, p: Pair<'_, Rule>) -> ModelDecl {
        let mut inner = p.into_inner();
        let term = inner.next().map_or_else(
            || Spanned {
                value: String::new(),
                span: Span::default(),
            },
            |n| self.spanned(&n),
        );
        let text = inner.next().map(|n| Self::string(&n)).unwrap_or_default();
        ModelDecl { term, text }
    }

    fn form(&self, p: Pair<'_, Rule>) -> FormDecl {
        let mut inner = p.into_inner();
        let empty = || Spanned {
            value: String::new(),
            span: Span::default(),
        };
        let term = inner.next().map_or_else(empty, |n| self.spanned(&n));
        let example = inner.next().map_or_else(empty, |n| self.spanned(&n));
        let infer = inner
            .map(|pair| {
                let mut names = pair.into_inner().map(|n| self.spanned(&n));
                let written = names.next().unwrap_or_else(empty);
                let unit = names.next().unwrap_or_else(empty);
                (written, unit)
            })
            .collect();
        FormDecl {
            term,
            example,
            infer,
        }
    }

    fn label(&self, p: Pair<'_, Rule>) -> LabelDecl {
        let mut decl = LabelDecl {
            term: Spanned {
                value: String::new(),
                span: Span::default(),
            },
            label: String::new(),
            value_form: None,
            detail_of: None,
        };
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::ident if decl.term.value.is_empty() => decl.term = self.spanned(&part),
                Rule::ident => decl.detail_of = Some(self.spanned(&part)),
                Rule::string => decl.label = Self::string(&part),
                Rule::value_form => {
                    decl.value_form = part.into_inner().next().map(|s| Self::string(&s));
                }
                _ => {}
            }
        }
        decl
    }

    fn jurisdiction(&mut self, p: Pair<'_, Rule>) -> JurisdictionDecl {
        let mut inner = p.into_inner();
        let name = inner.next().map_or_else(
            || Spanned {
                value: String::new(),
                span: Span::default(),
            },
            |n| self.spanned(&n),
        );
        let mut j = JurisdictionDecl {
            name,
            parent: None,
            names: Vec::new(),
            cities: Vec::new(),
            labels: Vec::new(),
        };
        for stmt in inner {
            let span = self.span(&stmt);
            match stmt.as_rule() {
                Rule::parent_stmt => {
                    if j.parent.is_some() {
                        self.out.push(span, "上级辖区（parent）重复声明");
                    }
                    j.parent = stmt.into_inner().next().map(|n| self.spanned(&n));
                }
                Rule::names_stmt => j.names.extend(stmt.into_inner().map(|s| Self::string(&s))),
                Rule::cities_stmt => j.cities.extend(stmt.into_inner().map(|s| Self::string(&s))),
                Rule::label_stmt => {
                    let mut inner = stmt.into_inner();
                    if let (Some(term), Some(label)) = (inner.next(), inner.next()) {
                        j.labels.push((self.spanned(&term), Self::string(&label)));
                    }
                }
                _ => {}
            }
        }
        j
    }

    fn rule(&mut self, p: Pair<'_, Rule>) -> RuleDecl {
        let span = self.span(&p);
        let mut inner = p.into_inner().peekable();
        let id = inner.next().map_or_else(
            || Spanned {
                value: String::new(),
                span,
            },
            |n| self.spanned(&n),
        );
        let title = match inner.peek().map(Pair::as_rule) {
            Some(Rule::string) => inner.next().map(|s| Self::string(&s)),
            _ => None,
        };
        let mut rule = RuleDecl {
            id,
            title,
            jurisdiction: None,
            common: Statements::default(),
            versions: Vec::new(),
            span,
        };
        for stmt in inner {
            if stmt.as_rule() == Rule::version {
                let v = self.version(stmt);
                rule.versions.push(v);
            } else {
                self.statement(stmt, &mut rule.common);
            }
        }
        rule
    }

    fn version(&mut self, p: Pair<'_, Rule>) -> VersionDecl {
        let span = self.span(&p);
        let mut v = VersionDecl {
            from: None,
            until: None,
            body: Statements::default(),
            span,
        };
        for child in p.into_inner() {
            match child.as_rule() {
                Rule::from_date => v.from = Some(self.spanned(&child)),
                Rule::until_date => v.until = Some(self.spanned(&child)),
                _ => self.statement(child, &mut v.body),
            }
        }
        v
    }

    fn statement(&mut self, p: Pair<'_, Rule>, s: &mut Statements) {
        let span = self.span(&p);
        let kind = p.as_rule();
        let keyword = p
            .as_str()
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_owned();
        let mut inner = p.into_inner();
        let set = |slot_taken: bool, repeated: &mut Vec<Spanned<String>>| {
            if slot_taken {
                repeated.push(Spanned {
                    value: keyword.clone(),
                    span,
                });
            }
        };
        match kind {
            Rule::severity_stmt => {
                set(s.severity.is_some(), &mut s.repeated);
                s.severity = inner.next().map(|n| self.spanned(&n));
            }
            Rule::message_stmt => {
                set(s.message.is_some(), &mut s.repeated);
                s.message = inner.next().map(|n| Self::string(&n));
            }
            Rule::statute_stmt => {
                set(s.statute.is_some(), &mut s.repeated);
                s.statute = inner.next().map(|n| Self::string(&n));
            }
            Rule::note_stmt => {
                set(s.note.is_some(), &mut s.repeated);
                s.note = inner.next().map(|n| Self::string(&n));
            }
            Rule::model_stmt => {
                set(s.model.is_some(), &mut s.repeated);
                s.model = inner.next().map(|n| Self::string(&n));
            }
            Rule::provisional_stmt => {
                set(s.provisional.is_some(), &mut s.repeated);
                s.provisional = inner.next().map(|n| Self::string(&n));
            }
            Rule::cite_stmt => {
                let source = inner.next().map(|n| Self::string(&n)).unwrap_or_default();
                let mut cite = Cite {
                    source,
                    article: None,
                    docno: None,
                    url: None,
                    adopted: None,
                    effective: None,
                    until: None,
                };
                for part in inner {
                    let text = part.clone().into_inner().next().map(|n| Self::string(&n));
                    match part.as_rule() {
                        Rule::article => cite.article = text,
                        Rule::docno => cite.docno = text,
                        Rule::url => cite.url = text,
                        Rule::adopted => cite.adopted = Some(self.spanned(&part)),
                        Rule::effective => cite.effective = Some(self.spanned(&part)),
                        Rule::cite_until => cite.until = Some(self.spanned(&part)),
                        _ => {}
                    }
                }
                // Several statutes may ground one requirement: the first is the primary citation.
                if s.cite.is_some() {
                    s.also.push(cite);
                } else {
                    s.cite = Some(Spanned { value: cite, span });
                }
            }
            Rule::when_stmt => {
                for c in inner {
                    let mut parts = c.into_inner();
                    let (Some(fact), Some(op), Some(value)) =
                        (parts.next(), parts.next(), parts.next())
                    else {
                        continue;
                    };
                    s.when.push(ConditionDecl {
                        fact: self.spanned(&fact),
                        op: op.as_str().to_owned(),
                        value: self.spanned(&value),
                    });
                }
            }
            Rule::missing_stmt => {
                set(s.missing.is_some(), &mut s.repeated);
                let value = inner
                    .next()
                    .map_or_else(|| "ignore".to_owned(), |n| n.as_str().to_owned());
                s.missing = Some(Spanned { value, span });
            }
            Rule::require_stmt => {
                set(s.check.is_some(), &mut s.repeated);
                let term = inner.next().map_or_else(
                    || Spanned {
                        value: String::new(),
                        span,
                    },
                    |n| self.spanned(&n),
                );
                let op = inner.next().map(|n| n.as_str().to_owned());
                let operand = inner.next().map(|n| {
                    let value = match n.as_rule() {
                        Rule::quantity => Operand::Quantity(n.as_str().to_owned()),
                        Rule::yes_no => Operand::YesNo(matches!(n.as_str(), "是" | "true")),
                        _ => Operand::Fact(n.as_str().to_owned()),
                    };
                    Spanned {
                        value,
                        span: self.span(&n),
                    }
                });
                s.check = Some(Spanned {
                    value: CheckDecl::Require { term, op, operand },
                    span,
                });
            }
            Rule::forbid_stmt => {
                set(s.check.is_some(), &mut s.repeated);
                let patterns = inner.map(|n| Self::string(&n)).collect();
                s.check = Some(Spanned {
                    value: CheckDecl::Forbid { patterns },
                    span,
                });
            }
            _ => {}
        }
    }
}
