//! A YAML syntax error → one located diagnostic in plain Chinese. The people who write contracts are
//! not YAML experts: "mapping values are not allowed in this context" tells them nothing, so every error
//! they can cause is put in their words, with a hint for the usual slips (a full-width colon, a tab,
//! an unclosed quote), pointed at where the slip is rather than where YAML noticed it.

use crate::error::LoadError;
use crate::source::LineIndex;
use granit_parser::{ErrorKind, ScanError};

pub fn error(file: &str, text: &str, e: &ScanError) -> LoadError {
    let lines = LineIndex::new(text);
    let offset = e
        .marker()
        .byte_offset()
        .unwrap_or(text.len())
        .min(text.len());
    let (mut line, mut column) = lines.line_col(text, offset);
    let described = describe(e.kind());
    let mut message = described.to_owned();
    let line_text = text
        .lines()
        .nth(usize::try_from(line).unwrap_or(1).saturating_sub(1))
        .unwrap_or("");
    if let Some((n, col)) = full_width_colon(text, offset, line) {
        // What YAML noticed ("a key is not allowed here") only follows from the slip; name the slip.
        message = format!(
            "第 {n} 行用了全角冒号“：”：YAML 的键和值之间要用半角冒号“:”加空格，否则整行只是一段文字"
        );
        (line, column) = (n, col);
    } else if is_tab(e.kind()) {
        if let Some(col) = line_text.chars().position(|c| c == '\t') {
            column = to_u32(col + 1);
        }
    } else if line_text.contains('\t') || (described == GENERIC && text.contains('\t')) {
        message.push_str("（文件含有制表符；YAML 缩进只能用空格）");
    }
    if matches!(
        e.kind(),
        ErrorKind::UnclosedQuotedScalar
            | ErrorKind::InvalidQuotedScalarIndent
            | ErrorKind::DocumentIndicatorInQuotedScalar
    ) {
        if let Some(at) = text
            .get(..offset)
            .and_then(|before| before.rfind(['"', '\'']))
        {
            (line, column) = lines.line_col(text, at);
        }
    }
    LoadError::one(file, line, column, message)
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

/// The line (and column) where a key is followed by a full-width colon instead of `: `, near the line
/// YAML complained about: `名称：某公司` is valid YAML, but a string, not a key and its value.
fn full_width_colon(text: &str, offset: usize, line: u32) -> Option<(u32, u32)> {
    let slip = |l: &str| {
        let body = l
            .trim_start()
            .trim_start_matches("- ")
            .trim_start_matches(['{', '[', ' ']);
        let (key, _) = body.split_once('：')?;
        (!key.is_empty() && !key.contains(':') && !key.contains(' '))
            .then(|| l.chars().position(|c| c == '：'))?
    };
    // YAML notices the slip on its own line or, when it reads on looking for a `:`, a line or two
    // later; a full-width colon further away has nothing to do with this error. The lines are found
    // by walking back from the error, so that many errors in a large file stay cheap.
    let mut end = text
        .get(offset.min(text.len())..)?
        .find('\n')
        .map_or(text.len(), |n| offset + n);
    for back in 0..=2u32 {
        let start = text
            .get(..end)
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |n| n + 1);
        if let Some(col) = text.get(start..end).and_then(&slip) {
            return Some((line.checked_sub(back)?, to_u32(col + 1)));
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
    None
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
