//! granit-parser events → a [`Node`] tree, refusing what no contract needs before it costs memory:
//! deep nesting, many aliases, aliases that replay large anchors, a second document, duplicate keys.

use super::syntax::OpenBracket;
use super::{
    MAX_ALIAS_REPLAYED_BYTES, MAX_ALIAS_REPLAYED_EVENTS, MAX_ALIASES, MAX_CONTRACT_BYTES,
    MAX_YAML_DEPTH, Node, Value,
};
use crate::error::LoadError;
use crate::source::{LineIndex, Span};
use granit_parser::{Event, Parser, ScalarStyle};
use std::collections::{HashMap, HashSet};

/// Most nodes in one document, aliases' replays included: far above any contract (5,000 clauses of
/// ten values each), far below what would strain memory.
const MAX_NODES: usize = 250_000;

/// Refuses an input of `len` bytes over the limit (callers holding only a file's metadata use it too,
/// to refuse before reading).
pub fn check_size(file: &str, len: u64) -> Result<(), LoadError> {
    if len > MAX_CONTRACT_BYTES as u64 {
        let message = format!("文件过大（{len} 字节，上限 {MAX_CONTRACT_BYTES} 字节）");
        return Err(LoadError::one(file, 1, 1, message));
    }
    Ok(())
}

/// Reads one YAML document. `text` has no byte-order mark (callers strip it, so that offsets are
/// offsets into the text they keep). An empty document is a [`Value::Null`] at line 1, column 1.
pub fn parse(file: &str, text: &str) -> Result<Node, LoadError> {
    check_size(file, text.len() as u64)?;
    let mut b = Builder {
        text,
        lines: LineIndex::new(text),
        cursor: (0, 1, 1),
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        documents: 0,
        aliases: 0,
        replayed: 0,
        replayed_bytes: 0,
        nodes: 0,
    };
    for next in Parser::new_from_str(text) {
        let (event, span) =
            next.map_err(|e| super::syntax::error(file, text, &e, b.open_bracket()))?;
        let start = span.start.byte_offset().unwrap_or(0);
        let end = span.end.byte_offset().unwrap_or(start);
        b.event(event, start, end).map_err(|(at, message)| {
            let (line, column) = b.lines.line_col(text, at);
            LoadError::one(file, line, column, message)
        })?;
    }
    Ok(b.root.unwrap_or(Node {
        value: Value::Null,
        span: Span {
            start: 0,
            end: 0,
            line: 1,
            column: 1,
        },
        flow: false,
        size: 1,
        bytes: 0,
    }))
}

struct Frame {
    map: bool,
    flow: bool,
    start: Span,
    anchor: usize,
    items: Vec<Node>,
}

struct Builder<'a> {
    text: &'a str,
    lines: LineIndex,
    /// The last located offset with its line and column: events arrive in source order, so locating
    /// the next one only counts the characters in between (a 2 MB one-line list stays linear).
    cursor: (usize, u32, u32),
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    documents: usize,
    aliases: usize,
    /// Nodes replayed by aliases and recorded by anchors.
    replayed: usize,
    /// Bytes of text replayed by aliases and recorded by anchors.
    replayed_bytes: usize,
    nodes: usize,
}

/// A refusal: where (a byte offset) and why.
type Refusal = (usize, String);

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, start: usize, end: usize) -> Result<(), Refusal> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err((
                        start,
                        "文件含有多个 YAML 文档（以“---”分隔）；一个文件只写一份合同".to_owned(),
                    ));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let value = match tag {
                    None if style == ScalarStyle::Plain => plain(&value),
                    // `!!null` and `!!bool` ask for the core schema's typing whatever the quoting;
                    // `!!str`, `!!int` and any other tag keep the words as written.
                    Some(t) if t.is_yaml_core_schema_tag("null") => Value::Null,
                    Some(t) if t.is_yaml_core_schema_tag("bool") => match plain(&value) {
                        b @ Value::Bool(_) => b,
                        _ => Value::Text(value.into_owned()),
                    },
                    _ => Value::Text(value.into_owned()),
                };
                let bytes = match &value {
                    Value::Text(t) => t.len(),
                    _ => 0,
                };
                let node = self.node(value, start, end, false, bytes)?;
                self.finish(node, anchor)?;
            }
            Event::SequenceStart(style, anchor, _) | Event::MappingStart(style, anchor, _) => {
                if self.stack.len() >= MAX_YAML_DEPTH {
                    return Err((
                        start,
                        format!("嵌套层数过多（上限 {MAX_YAML_DEPTH} 层；合同只需三四层）"),
                    ));
                }
                let start = self.locate(start, start);
                self.stack.push(Frame {
                    map: matches!(event, Event::MappingStart(..)),
                    flow: style == granit_parser::StructureStyle::Flow,
                    start,
                    anchor,
                    items: Vec::new(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                // A block collection ends where its last item does, not at the next line's token.
                let last = frame.items.last().map_or(frame.start.start, |n| n.span.end);
                let end = if frame.flow { end.max(last) } else { last };
                let size = 1 + frame.items.iter().map(|n| n.size).sum::<usize>();
                let bytes = frame.items.iter().map(|n| n.bytes).sum::<usize>();
                let value = if frame.map {
                    Value::Map(pairs(frame.items)?)
                } else {
                    Value::Seq(frame.items)
                };
                self.count(1, end)?;
                let span = Span { end, ..frame.start };
                let node = Node {
                    value,
                    span,
                    flow: frame.flow,
                    size,
                    bytes,
                };
                self.finish(node, frame.anchor)?;
            }
            Event::Alias(id) => {
                self.aliases += 1;
                if self.aliases > MAX_ALIASES {
                    return Err((
                        start,
                        format!(
                            "别名（*名称）过多（上限 {MAX_ALIASES} 个）：合同不需要这样大量重复引用（防止“别名炸弹”）"
                        ),
                    ));
                }
                let Some((size, bytes)) = self.anchors.get(&id).map(|t| (t.size, t.bytes)) else {
                    return Err((start, UNKNOWN_ANCHOR.to_owned()));
                };
                if !self.copy(size, bytes) {
                    return Err((
                        start,
                        "别名（*名称）展开的内容过多：合同不需要这样大量重复引用（防止“别名炸弹”）"
                            .to_owned(),
                    ));
                }
                // The replay is located where it is used, as a finding about it (a duplicate key, a
                // wrong value) concerns that place; what it contains stays located at the anchor.
                let Some(mut node) = self.anchors.get(&id).cloned() else {
                    return Err((start, UNKNOWN_ANCHOR.to_owned()));
                };
                node.span = self.locate(start, end.max(start));
                self.count(node.size, start)?;
                self.finish(node, 0)?;
            }
            Event::UnresolvedAlias(_) => return Err((start, UNKNOWN_ANCHOR.to_owned())),
            _ => {}
        }
        Ok(())
    }

    /// The innermost collection still open, if it is written in brackets.
    fn open_bracket(&self) -> Option<OpenBracket> {
        self.stack.last().filter(|f| f.flow).map(|f| OpenBracket {
            at: f.start.start,
            map: f.map,
        })
    }

    fn count(&mut self, nodes: usize, at: usize) -> Result<(), Refusal> {
        self.nodes += nodes;
        if self.nodes > MAX_NODES {
            return Err((at, format!("内容过多：合同中的项目超过 {MAX_NODES} 个")));
        }
        Ok(())
    }

    /// A scalar node holding `bytes` bytes of text.
    fn node(
        &mut self,
        value: Value,
        start: usize,
        end: usize,
        flow: bool,
        bytes: usize,
    ) -> Result<Node, Refusal> {
        self.count(1, start)?;
        let span = self.locate(start, end.max(start));
        Ok(Node {
            value,
            span,
            flow,
            size: 1,
            bytes,
        })
    }

    /// Counts a copy of `size` nodes holding `bytes` bytes of text (an anchor's record or an alias's
    /// replay); whether the copies are still within budget.
    fn copy(&mut self, size: usize, bytes: usize) -> bool {
        self.replayed += size;
        self.replayed_bytes += bytes;
        self.replayed <= MAX_ALIAS_REPLAYED_EVENTS
            && self.replayed_bytes <= MAX_ALIAS_REPLAYED_BYTES
    }

    /// The span of `start..end`, counting forward from the cursor when `start` is past it.
    fn locate(&mut self, start: usize, end: usize) -> Span {
        let (at, line, column) = self.cursor;
        let between = if start >= at {
            self.text.get(at..start)
        } else {
            None
        };
        let (line, column) = match between {
            Some(between) => match between.rfind('\n') {
                None => (line, column.saturating_add(chars(between))),
                Some(nl) => (
                    line.saturating_add(chars_matching(between, '\n')),
                    chars(between.get(nl + 1..).unwrap_or("")).saturating_add(1),
                ),
            },
            None => self.lines.line_col(self.text, start),
        };
        self.cursor = (start, line, column);
        Span {
            start,
            end,
            line,
            column,
        }
    }

    /// Records an anchored node, then hands the node to its parent (or makes it the root).
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), Refusal> {
        if anchor != 0 {
            if !self.copy(node.size, node.bytes) {
                return Err((
                    node.span.start,
                    "锚点（&名称）记录的内容过多（防止“别名炸弹”）".to_owned(),
                ));
            }
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            Some(parent) => parent.items.push(node),
            None => self.root = Some(node),
        }
        Ok(())
    }
}

const UNKNOWN_ANCHOR: &str = "别名（*名称）引用了没有定义的锚点（&名称）";

/// Pairs a mapping's alternating keys and values, refusing a key written twice at the same level.
fn pairs(items: Vec<Node>) -> Result<Vec<(Node, Node)>, Refusal> {
    let mut out = Vec::with_capacity(items.len() / 2);
    let mut it = items.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        out.push((k, v));
    }
    if let Some((k, _)) = out.iter().find(|(k, _)| k.text() == Some("<<")) {
        return Err((
            k.span.start,
            "不支持 YAML 合并键“<<”：请把要用的字段逐一写出".to_owned(),
        ));
    }
    let duplicate = |k: &Node| -> Refusal {
        let name = k.text().unwrap_or("");
        (
            k.span.start,
            format!("键“{name}”重复出现：同一层里每个键只能写一次"),
        )
    };
    if out.len() <= 16 {
        for (i, (k, _)) in out.iter().enumerate() {
            if let Some(t) = k.text() {
                if out.iter().take(i).any(|(e, _)| e.text() == Some(t)) {
                    return Err(duplicate(k));
                }
            }
        }
    } else {
        let mut seen = HashSet::with_capacity(out.len());
        for (k, _) in &out {
            if let Some(t) = k.text() {
                if !seen.insert(t) {
                    return Err(duplicate(k));
                }
            }
        }
    }
    Ok(out)
}

/// A plain scalar typed by the YAML 1.2 core schema, as far as a contract needs (see [`Value`]).
fn plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => Value::Text(s.to_owned()),
    }
}

fn chars(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

fn chars_matching(s: &str, c: char) -> u32 {
    u32::try_from(s.matches(c).count()).unwrap_or(u32::MAX)
}
