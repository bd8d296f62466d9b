//! A YAML syntax error → one located diagnostic in plain Chinese. The people who write contracts are
//! not YAML experts: "mapping values are not allowed in this context" tells them nothing, so every error
//! they can cause is put in their words, with a hint for the usual slips (a full-width colon, a tab,
//! an unclosed quote), pointed at where the slip is rather than where YAML noticed it.

use crate::error::LoadError;
use crate::source::LineIndex;
use granit_parser::{ErrorKind, Parser, ScanError};

/// A collection written in brackets (`[…]` or `{…}`) that was still open when YAML gave up.
#[derive(Clone, Copy, Debug)]
pub struct OpenBracket {
    /// Byte offset of its `[` or `{`.
    pub at: usize,
    pub map: bool,
}

pub fn error(file: &str, text: &str, e: &ScanError, open: Option<OpenBracket>) -> LoadError {
    let lines = LineIndex::new(text);
    let kind = e.kind();
    let offset = e
        .marker()
        .byte_offset()
        .unwrap_or(text.len())
        .min(text.len());
    let (mut line, mut column) = lines.line_col(text, offset);
    let described = describe(kind);
    let mut message = described.to_owned();
    let line_text = nearby_lines(text, line, offset)
        .next()
        .map_or("", |(_, l)| l);
    let open = open
        .filter(|_| is_about_structure(kind))
        .map(|b| (b, lines.line_col(text, b.at)))
        .filter(|(_, (open_line, _))| *open_line < line);
    if let Some((n, col)) = full_width_colon(text, line, offset) {
        // What YAML noticed ("a key is not allowed here") only follows from the slip; name the slip.
        message = format!(
            "第 {n} 行用了全角冒号“：”：YAML 的键和值之间要用半角冒号“:”加空格，否则整行只是一段文字"
        );
        (line, column) = (n, col);
    } else if let Some((n, col)) = colon_without_space(text, line, offset)
        .filter(|_| is_about_structure(kind) && open.is_none())
    {
        message = format!(
            "第 {n} 行的冒号“:”后少了空格：YAML 的键和值之间要用半角冒号加空格（“键: 值”），否则整行只是一段文字"
        );
        (line, column) = (n, col);
    } else if let Some((bracket, (open_line, open_column))) = open {
        // A bracket left open makes YAML read the following lines as its items, and it complains
        // about one of them; the bracket is what to fix (or a comma missing between its items).
        let (opening, closing) = if bracket.map { ("{", "}") } else { ("[", "]") };
        message = format!(
            "第 {open_line} 行第 {open_column} 列的“{opening}”没有闭合，或其中的项目之间少了逗号：每个“{opening}”要有“{closing}”与之配对"
        );
    } else if is_tab(kind) {
        if let Some(col) = line_text.chars().position(|c| c == '\t') {
            column = to_u32(col + 1);
        }
    } else if line_text.contains('\t') || (described == GENERIC && text.contains('\t')) {
        message.push_str("（文件含有制表符；YAML 缩进只能用空格）");
    }
    // An unclosed quote is reported at its opening quote (YAML names it so when the text runs to the
    // end of the file); when YAML stops at a line that is not indented enough to continue the quoted
    // text, the opening quote is found by reading up to that line, where the text then runs out.
    if *kind == ErrorKind::InvalidQuotedScalarIndent {
        if let Some(at) = opening_quote(text, offset) {
            (line, column) = lines.line_col(text, at);
        }
    }
    LoadError::one(file, line, column, message)
}

/// The opening quote of a quoted text that is still open at `offset`.
fn opening_quote(text: &str, offset: usize) -> Option<usize> {
    // Without the line breaks before `offset`, the quoted text runs into the end of the input.
    let before = text.get(..offset)?.trim_end();
    Parser::new_from_str(before)
        .find_map(Result::err)
        .filter(|e| *e.kind() == ErrorKind::UnclosedQuotedScalar)
        .and_then(|e| e.marker().byte_offset())
}

/// Errors a slip in the document's structure causes (a colon without its space, a bracket left
/// open), as opposed to a slip inside a value (a tab, a bad escape, an unclosed quote).
fn is_about_structure(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::SimpleKeyExpected
            | ErrorKind::InvalidSimpleKey
            | ErrorKind::MappingValueNotAllowed
            | ErrorKind::InvalidColonPlacement
            | ErrorKind::InvalidMappingValueWhitespace
            | ErrorKind::FlowMappingValueAdjacentCollection
            | ErrorKind::ExpectedFlowSequenceSeparator
            | ErrorKind::UnexpectedEofFlowSequence
            | ErrorKind::ExpectedFlowMappingSeparator
            | ErrorKind::UnexpectedEofFlowMapping
            | ErrorKind::UnexpectedEofImplicitFlowMapping
            | ErrorKind::UnclosedFlowCollection { .. }
            | ErrorKind::UnexpectedEof
            | ErrorKind::InvalidFlowScalarIndent
            | ErrorKind::BlockEntryInFlowCollection
            | ErrorKind::ExpectedBlockMappingKey
            | ErrorKind::ExpectedBlockSequenceEntry
            | ErrorKind::InvalidIndentation
    )
}

fn is_tab(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabInIndentation
            | ErrorKind::TabInPlainScalar
            | ErrorKind::TabAtBlockScalarStart
    )
}

const GENERIC: &str = "YAML 语法错误：请检查这一行的冒号、缩进、引号和括号";

/// What went wrong, in words a contract's author can act on.
fn describe(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::SimpleKeyExpected | ErrorKind::InvalidSimpleKey => {
            "这一行应为“键: 值”，却没有半角冒号“:”（或冒号后少了空格）"
        }
        ErrorKind::InvalidTrailingSingleQuotedScalar
        | ErrorKind::InvalidTrailingDoubleQuotedScalar => {
            "引号结束后还有文字：整段文字都要放在引号里"
        }
        ErrorKind::BlockSequenceEntryNotAllowed
        | ErrorKind::BlockEntryInFlowCollection
        | ErrorKind::InvalidBlockEntryWhitespace => "此处不能出现列表项“- ”：检查这一行的缩进",
        ErrorKind::MappingKeyNotAllowed => "此处不能出现“键: 值”：检查这一行的缩进",
        k if is_tab(k) => "此处有制表符（Tab）；YAML 的缩进只能用空格",
        ErrorKind::UnclosedQuotedScalar
        | ErrorKind::InvalidQuotedScalarIndent
        | ErrorKind::DocumentIndicatorInQuotedScalar => {
            "引号没有闭合：带引号的文字要在同一处以同样的引号结束"
        }
        ErrorKind::MappingValueNotAllowed
        | ErrorKind::InvalidColonPlacement
        | ErrorKind::InvalidMappingValueWhitespace
        | ErrorKind::FlowMappingValueAdjacentCollection => {
            "此处不能出现“键: 值”：冒号后的文字若含“: ”请加引号，或检查缩进"
        }
        ErrorKind::RecursionLimitExceeded => "嵌套层数过多：合同只需三四层",
        ErrorKind::ExpectedBlockMappingKey
        | ErrorKind::ExpectedBlockSequenceEntry
        | ErrorKind::InvalidIndentation
        | ErrorKind::UnexpectedEofBlockMapping
        | ErrorKind::UnexpectedEofBlockSequence
        | ErrorKind::InvalidFlowScalarIndent => "缩进不对：同一层的键要左对齐，下一层要多缩进",
        ErrorKind::ExpectedFlowSequenceSeparator | ErrorKind::UnexpectedEofFlowSequence => {
            "方括号“[ ]”没有正确闭合，或项目之间少了逗号"
        }
        ErrorKind::ExpectedFlowMappingSeparator
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping => {
            "花括号“{ }”没有正确闭合，或项目之间少了逗号"
        }
        ErrorKind::MisplacedFlowCollectionEnd
        | ErrorKind::MismatchedFlowCollectionEnd { .. }
        | ErrorKind::UnclosedFlowCollection { .. } => {
            "括号没有正确配对：每个“[”要有“]”，每个“{”要有“}”"
        }
        ErrorKind::UnexpectedCharacter { .. }
        | ErrorKind::PlainScalarStartsWithDashFlowIndicator => {
            "此处的字符不能作为 YAML 内容的开头（如 @ 或 `）；请给这段文字加引号"
        }
        ErrorKind::UnknownAnchor => "别名（*名称）引用了没有定义的锚点（&名称）",
        ErrorKind::MissingAnchorOrAliasName | ErrorKind::AnchorCountOverflow => {
            "锚点（&名称）或别名（*名称）写法不对"
        }
        ErrorKind::MultipleDocumentsUnsupported | ErrorKind::ExpectedDocumentStart => {
            "文件含有多个 YAML 文档（以“---”分隔）；一个文件只写一份合同"
        }
        ErrorKind::UnexpectedEof => "文件意外结束：可能少了右括号或引号",
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidUnicodeEscape => {
            "双引号里的反斜杠“\\”转义写法不对；不需要转义时改用单引号，或写成“\\\\”"
        }
        ErrorKind::InvalidBlockScalarHeader
        | ErrorKind::ZeroBlockScalarIndent
        | ErrorKind::InvalidBlockScalarIndent => "多行文字（以“|”或“>”开头）的写法或缩进不对",
        ErrorKind::CommentNotSeparated | ErrorKind::CommentInterceptedScalar => {
            "注释符“#”前要有空格；文字里的“#”请加引号"
        }
        ErrorKind::BomInsideDocument => "文件中间有字节顺序标记（BOM）；请用编辑器另存为 UTF-8",
        _ => GENERIC,
    }
}

/// The hint appended when a line uses `：` where YAML needs `: `.
pub(super) fn full_width_colon_hint(line: u32) -> String {
    format!(
        "（第 {line} 行用了全角冒号“：”；YAML 的键和值之间要用半角冒号“:”加空格，否则整行只是一段文字）"
    )
}

/// The line (and column) where a key is followed by a full-width colon instead of `: `, on the line
/// holding byte `at` (line number `line`) or one of the two before it: `名称：某公司` is valid YAML, but
/// a string, not a key and its value.
fn full_width_colon(text: &str, line: u32, at: usize) -> Option<(u32, u32)> {
    let slip = |l: &str| {
        let body = l
            .trim_start()
            .trim_start_matches("- ")
            .trim_start_matches(['{', '[', ' ']);
        let (key, _) = body.split_once('：')?;
        (!key.is_empty() && !key.contains(':') && !key.contains(' '))
            .then(|| l.chars().position(|c| c == '：'))?
    };
    find_slip(text, line, at, slip)
}

/// The hint appended when a line uses `key:value` where YAML needs `key: value`.
pub(super) fn colon_without_space_hint(line: u32) -> String {
    format!("（第 {line} 行的冒号“:”后少了空格：YAML 的键和值之间要用半角冒号加空格，如“键: 值”）")
}

/// The key of a `key:value` written without the space YAML needs after the colon, when `s` starts
/// with one: `region:湖北省` is valid YAML, but a string, not a key and its value.
pub(super) fn key_without_space(s: &str) -> Option<&str> {
    let (key, rest) = s.split_once(':')?;
    let next = rest.chars().next()?;
    let plain_key = !key.is_empty()
        && !key.contains([' ', '\t', '\n', '"', '\'', '#', '[', ']', '{', '}', ','])
        // `12:30` is a time, `http://` an address: neither is a key missing its space.
        && !key.chars().all(|c| c.is_ascii_digit())
        && !rest.starts_with("//");
    (plain_key && !next.is_whitespace() && next != ':').then_some(key)
}

/// The line (and column of the colon) where a key is followed by `:` with no space, near byte `at`
/// as [`full_width_colon`].
fn colon_without_space(text: &str, line: u32, at: usize) -> Option<(u32, u32)> {
    let slip = |l: &str| {
        let body = l.trim_start().trim_start_matches("- ").trim_start();
        let key = key_without_space(body)?;
        let colon = l.len() - body.len() + key.len();
        Some(l.get(..colon).map_or(0, |k| k.chars().count()))
    };
    find_slip(text, line, at, slip)
}

/// The first of the line holding byte `at` (numbered `line`) and the two before it where `slip`
/// finds a column (0-based, in characters): YAML notices a slip on its own line or, when it reads on
/// looking for a `:`, a line or two later; a slip further away has nothing to do with this error.
/// Only those three lines are read, so that checking many values stays linear in the file's size.
fn find_slip(
    text: &str,
    line: u32,
    at: usize,
    slip: impl Fn(&str) -> Option<usize>,
) -> Option<(u32, u32)> {
    nearby_lines(text, line, at).find_map(|(n, l)| slip(l).map(|c| (n, to_u32(c + 1))))
}

/// The line holding byte `at` (numbered `line`) and up to two lines before it, nearest first, without
/// their line breaks.
fn nearby_lines(text: &str, line: u32, at: usize) -> impl Iterator<Item = (u32, &str)> {
    let line_start = |end: usize| {
        text.get(..end)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |i| i + 1)
    };
    let mut next = Some((line, line_start(at.min(text.len()))));
    std::iter::from_fn(move || {
        let (n, start) = next?;
        let l = text
            .get(start..)?
            .split('\n')
            .next()?
            .trim_end_matches('\r');
        next = (start > 0 && n > 1).then(|| (n - 1, line_start(start - 1)));
        Some((n, l))
    })
    .take(3)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
