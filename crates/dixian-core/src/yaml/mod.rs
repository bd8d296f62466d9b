//! The one place YAML is read: text → a small tree of located [`Node`]s, under budgets.
//!
//! It reads the event stream of granit-parser, the parser serde-saphyr is built on, rather than going
//! through serde-saphyr's deserializer. The tree gives every value its location (a finding points at its
//! clause) and refuses alias bombs, deep nesting and oversized input before they cost anything — the
//! reasons we chose serde-saphyr over the archived serde_yaml — while staying small: serde-saphyr's
//! generic deserializer was more than half of the browser module (docs/wasm.md). Typed reading (what a
//! contract or a rule test must contain) is [`shape`]'s job, in the reader's own words.

mod shape;
mod syntax;
mod tree;
mod write;

pub use shape::{Expected, Fields, expect, key_name, mismatch};
pub use tree::{check_size, parse};
pub use write::quote;

use crate::source::Span;

/// Largest contract accepted (a real one is a few kilobytes).
pub const MAX_CONTRACT_BYTES: usize = 2 * 1024 * 1024;
/// Most aliases (`*name`) in one document: a contract has no use for many; a bomb is refused early.
pub const MAX_ALIASES: usize = 1_000;
/// Most nodes aliases may replay in total (and anchors may record), so that a few aliases of a large
/// anchor cannot multiply the file's size in memory (a linear alias bomb).
pub const MAX_ALIAS_REPLAYED_EVENTS: usize = 20_000;
/// Most bytes of text aliases may replay in total (and anchors may record): a few aliases of one long
/// anchored text must not multiply it either (a 1.9 MB text aliased 999 times would take 1.9 GB).
pub const MAX_ALIAS_REPLAYED_BYTES: usize = MAX_CONTRACT_BYTES;
/// Deepest nesting of YAML collections (a contract needs four levels).
pub const MAX_YAML_DEPTH: usize = 64;

/// One YAML value with where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub value: Value,
    /// For a scalar, its words (quotes included); for a collection, from its first token to its last.
    pub span: Span,
    /// Written in flow style (`{…}`, `[…]`), for messages that show the user their own notation.
    pub flow: bool,
    /// Nodes in this subtree, itself included, and the bytes of text they hold: what replaying it
    /// through an alias costs.
    size: usize,
    bytes: usize,
}

/// A YAML value. Plain scalars are typed by the YAML 1.2 core schema as far as a contract needs: empty,
/// `~` and `null` are [`Value::Null`], `true`/`false` are [`Value::Bool`]; everything else, numbers
/// included, stays text as written, so that `158` without a unit can be refused by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    Text(String),
    Seq(Vec<Node>),
    /// Entries in document order; duplicate keys are refused by [`parse`].
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar's text (`true` for a boolean written `true`); `None` for null and collections.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(t) => Some(t),
            Value::Bool(true) => Some("true"),
            Value::Bool(false) => Some("false"),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }
}

#[cfg(test)]
mod tests;
