//! A saphyr error → one located diagnostic in plain Chinese. The people who write contracts are not
//! YAML experts: "invalid type: unit value, expected struct RawContract" tells them nothing, so every
//! error kind they can cause is put in their words, with a hint for the usual slips (a full-width
//! colon, a tab, an unclosed quote).

use super::yaml::{MAX_ALIASES, MAX_YAML_DEPTH};
use crate::error::LoadError;
use crate::source::LineIndex;
use serde_saphyr::Error;
use serde_saphyr::budget::BudgetBreach;

/// Turns a saphyr error into a located diagnostic.
pub fn yaml_error(file: &str, text: &str, outer: &Error) -> LoadError {
    let e = innermost(outer);
    let lines = LineIndex::new(text);
    let offset = outer
        .location()
        .and_then(|l| l.span().byte_offset())
        .and_then(|o| usize::try_from(o).ok());
    // A value of the wrong type is reported at its key; point at the value, which is what is wrong.
    let offset = match (e, offset) {
        (Error::SerdeInvalidType { .. }, Some(o)) => Some(past_key(text, o)),
        _ => offset,
    };
    let (mut line, mut column) = match (offset, outer.location()) {
        (Some(off), _) => lines.line_col(text, off),
        (None, Some(l)) => (to_u32(l.line()).max(1), to_u32(l.column()).max(1)),
        (None, None) => (1, 1),
    };
    let found = offset.map_or("", |o| text.get(o..).unwrap_or(""));
    let mut message = describe(e, found);
    let line_text = text
        .lines()
        .nth(usize::try_from(line).unwrap_or(1).saturating_sub(1))
        .unwrap_or("");
    // The usual slips, pointed at where they are rather than where YAML noticed them.
    if let Some((n, col)) = full_width_colon(text, line) {
        message.push_str(&format!("（第 {n} 行用了全角冒号“：”；YAML 的键和值之间要用半角冒号“:”加空格，否则整行只是一段文字）"));
        (line, column) = (n, col);
    } else if message.contains("制表符") {
        if let Some(col) = line_text.chars().position(|c| c == '\t') {
            column = to_u32(col + 1);
        }
    } else if line_text.contains('\t')
        || (message.starts_with("YAML 语法错误") && text.contains('\t'))
    {
        message.push_str("（文件含有制表符；YAML 缩进只能用空格）");
    }
    if unclosed_quote(e) {
        if let Some(at) = opening_quote(text, offset.unwrap_or(text.len())) {
            (line, column) = lines.line_col(text, at);
        }
    }
    LoadError::one(file, line, column, message)
}

/// `key: value` at `offset` → the offset of `value` (unchanged when no value follows on the line).
fn past_key(text: &str, offset: usize) -> usize {
    let line = text
        .get(offset..)
        .and_then(|r| r.lines().next())
        .unwrap_or("");
    match line.find(": ") {
        Some(i) if !line.starts_with(['"', '\'', '[', '{']) => {
            let value = line.get(i + 2..).unwrap_or("");
            let skipped = value.len() - value.trim_start().len();
            if value.trim().is_empty() {
                offset
            } else {
                offset + i + 2 + skipped
            }
        }
        _ => offset,
    }
}

fn unclosed_quote(e: &Error) -> bool {
    matches!(e, Error::ExternalMessage { msg, .. } if msg.contains("quoted scalar") || msg.contains("while scanning a quoted"))
}

/// An alias error wraps the real one; the real one says what is wrong.
fn innermost(e: &Error) -> &Error {
    match e {
        Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

fn describe(e: &Error, found: &str) -> String {
    match e {
        Error::SerdeUnknownField {
            field, expected, ..
        } => unknown_field(field, expected),
        Error::SerdeMissingField { field, .. } => format!("缺少字段“{field}”"),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => {
            format!(
                "此处应为{}，却是{}",
                expected_kind(expected),
                found_kind(unexpected, found)
            )
        }
        Error::Unexpected { expected, .. } => format!(
            "此处应为{}，却是{}",
            expected_kind(expected),
            found_here(found)
        ),
        Error::DuplicateMappingKey { key: Some(key), .. } => {
            format!("键“{key}”重复出现：同一层里每个键只能写一次")
        }
        Error::DuplicateMappingKey { key: None, .. } => {
            "键重复出现：同一层里每个键只能写一次".to_owned()
        }
        Error::MultipleDocuments { .. } => {
            "文件含有多个 YAML 文档（以“---”分隔）；一个文件只写一份合同".to_owned()
        }
        Error::UnknownAnchor { .. } => "别名（*名称）引用了没有定义的锚点（&名称）".to_owned(),
        Error::Eof { .. } => "文件意外结束：可能少了右括号或引号".to_owned(),
        Error::Budget { breach, .. } => budget(breach),
        Error::AliasReplayLimitExceeded { .. } | Error::AliasExpansionLimitExceeded { .. } => {
            "别名（*名称）展开的内容过多：合同不需要这样大量重复引用（防止“别名炸弹”）".to_owned()
        }
        Error::AliasReplayStackDepthExceeded { .. } => {
            "别名（*名称）层层嵌套过深（防止“别名炸弹”）".to_owned()
        }
        Error::MergeKeyNotAllowed { .. } | Error::MergeValueNotMapOrSeqOfMaps { .. } => {
            "合并键“<<”用法不对".to_owned()
        }
        Error::ExternalMessage { msg, .. } => scanner(msg),
        other => format!("YAML 无法读取（{}）", strip_location(&other.to_string())),
    }
}

fn budget(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Depth { .. } => {
            format!("嵌套层数过多（上限 {MAX_YAML_DEPTH} 层；合同只需三四层）")
        }
        BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => {
            format!(
                "别名（*名称）过多（上限 {MAX_ALIASES} 个）：合同不需要这样大量重复引用（防止“别名炸弹”）"
            )
        }
        BudgetBreach::Anchors { .. } => "锚点（&名称）过多".to_owned(),
        BudgetBreach::Documents { .. } => "文件含有过多 YAML 文档（以“---”分隔）".to_owned(),
        BudgetBreach::Events { .. } | BudgetBreach::Nodes { .. } => {
            "内容过多：合同中的项目数量超出上限".to_owned()
        }
        BudgetBreach::ScalarBytes { .. } | BudgetBreach::InputBytes { .. } => {
            "文字总量超出上限".to_owned()
        }
        BudgetBreach::RecordedAnchorEvents { .. } | BudgetBreach::RecordedAnchorBytes { .. } => {
            "锚点（&名称）记录的内容过多（防止“别名炸弹”）".to_owned()
        }
        other => format!("超出 YAML 读取限制（{other:?}）"),
    }
}

/// Scanner and parser messages from granit-parser, in words a contract's author can act on.
fn scanner(msg: &str) -> String {
    let m = msg.to_ascii_lowercase();
    let what = if m.contains("expected ':'") {
        "这一行应为“键: 值”，却没有半角冒号“:”（或冒号后少了空格）"
    } else if m.contains("trailing content after") {
        "引号结束后还有文字：整段文字都要放在引号里"
    } else if m.contains("block sequence entries are not allowed") {
        "此处不能出现列表项“- ”：检查这一行的缩进"
    } else if m.contains("mapping keys are not allowed") {
        "此处不能出现“键: 值”：检查这一行的缩进"
    } else if m.contains("tab") {
        "此处有制表符（Tab）；YAML 的缩进只能用空格"
    } else if m.contains("quoted scalar") || m.contains("while scanning a quoted") {
        "引号没有闭合：带引号的文字要在同一处以同样的引号结束"
    } else if m.contains("mapping values are not allowed") {
        "此处不能出现“键: 值”：冒号后的文字若含“: ”请加引号，或检查缩进"
    } else if m.contains("recursion limit") || m.contains("nesting") {
        "嵌套层数过多：合同只需三四层"
    } else if m.contains("did not find expected key")
        || m.contains("block mapping")
        || m.contains("indentation")
    {
        "缩进不对：同一层的键要左对齐，下一层要多缩进"
    } else if m.contains("did not find expected ',' or ']'") || m.contains("flow sequence") {
        "方括号“[ ]”没有正确闭合，或项目之间少了逗号"
    } else if m.contains("did not find expected ',' or '}'") || m.contains("flow mapping") {
        "花括号“{ }”没有正确闭合，或项目之间少了逗号"
    } else if m.contains("cannot start any token") {
        "此处的字符不能作为 YAML 内容的开头（如 @ 或 `）；请给这段文字加引号"
    } else if m.contains("anchor") || m.contains("alias") {
        "锚点（&名称）或别名（*名称）写法不对"
    } else {
        return format!("YAML 语法错误（{}）", strip_location(msg));
    };
    what.to_owned()
}

fn unknown_field(field: &str, expected: &[&str]) -> String {
    let close = expected.iter().find(|e| similar(field, e));
    let hint = close.map_or_else(String::new, |c| format!("，是否想写“{c}”？"));
    format!(
        "不认识的字段“{field}”{hint}（此处可用：{}）",
        expected.join("、")
    )
}

/// One letter added, dropped or changed: `clause` for `clauses`.
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || short.is_empty() {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    let suffix = short
        .iter()
        .rev()
        .zip(long.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix + suffix + 1 >= long.len()
}

/// What the deserializer wanted, from serde's `expected` text (our own visitors already speak Chinese).
fn expected_kind(expected: &str) -> String {
    if expected
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    {
        return expected.to_owned();
    }
    let e = expected.to_ascii_lowercase();
    let kind = if e.contains("struct") || e.contains("map") {
        "映射（“键: 值”的若干行，或 {键: 值}）"
    } else if e.contains("seq") || e.contains("vec") || e.contains("list") {
        "列表（每项以“- ”开头，或 [项, 项]）"
    } else if e.contains("str") || e.contains("scalar") {
        "一段文字"
    } else if e.contains("int") || e.contains("float") || e.contains("number") {
        "数字"
    } else {
        return format!("“{expected}”");
    };
    kind.to_owned()
}

/// What was found instead, from serde's `unexpected` text.
fn found_kind(unexpected: &str, found: &str) -> String {
    let u = unexpected.to_ascii_lowercase();
    if u.starts_with("unit") || u.starts_with("null") || u.starts_with("none") {
        "空值（冒号后什么也没写）".to_owned()
    } else if u.starts_with("map") {
        "映射（“键: 值”）".to_owned()
    } else if u.starts_with("seq") {
        "列表".to_owned()
    } else {
        found_here(found)
    }
}

/// Names what starts at the error's location in the source.
fn found_here(found: &str) -> String {
    let first_line = found.lines().next().unwrap_or("").trim();
    match first_line.chars().next() {
        None => "空值（冒号后什么也没写）".to_owned(),
        Some('[') => "列表".to_owned(),
        Some('-') if first_line.starts_with("- ") || first_line == "-" => "列表".to_owned(),
        Some('{') => "映射（{键: 值}）".to_owned(),
        Some(_) if first_line.contains(": ") && !first_line.starts_with(['"', '\'']) => {
            "映射（“键: 值”）".to_owned()
        }
        Some(_) => format!(
            "一段文字“{}”",
            first_line.chars().take(20).collect::<String>()
        ),
    }
}

/// The line (and column) where a key is followed by a full-width colon instead of `: `, near the line
/// YAML complained about: `名称：某公司` is valid YAML, but a string, not a key and its value.
fn full_width_colon(text: &str, error_line: u32) -> Option<(u32, u32)> {
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
    // later; a full-width colon further away has nothing to do with this error.
    let lines: Vec<&str> = text.lines().collect();
    let at = usize::try_from(error_line).unwrap_or(1).saturating_sub(1);
    (0..=2usize)
        .filter_map(|back| at.checked_sub(back))
        .find_map(|i| {
            lines
                .get(i)
                .and_then(|l| slip(l))
                .map(|c| (to_u32(i + 1), to_u32(c + 1)))
        })
}

/// The quote that opened the string still open at `at`: the last `"` before it, outside comments.
fn opening_quote(text: &str, at: usize) -> Option<usize> {
    let before = text.get(..at.min(text.len()))?;
    before.rfind('"')
}

fn strip_location(msg: &str) -> String {
    // saphyr appends " at line X column Y"; the diagnostic carries the location already.
    let cut = msg.find(" at line ").unwrap_or(msg.len());
    msg.get(..cut).unwrap_or(msg).trim().to_owned()
}

fn to_u32(n: impl TryInto<u32>) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}
