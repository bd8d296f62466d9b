//! Checks made before any parser sees the input. In wasm a stack overflow or an abort traps, and a
//! trapped instance is poisoned for every later call, so whatever could recurse deeply is bounded here
//! first. The parsers' own budgets (saphyr's depth 64, the rule grammar's brace limit) give the usual
//! messages; this guard only has to stop what would never reach them alive.

use dixian_core::Diagnostic;
use dixian_core::contract::MAX_CONTRACT_BYTES;
use dixian_core::source::LineIndex;

/// Longest contract accepted, in UTF-16 code units (checked on the JavaScript string before it is
/// copied into wasm memory; UTF-8 never takes fewer bytes than UTF-16 units, so no valid contract is
/// refused here that the core would accept).
pub const MAX_INPUT_UNITS: usize = MAX_CONTRACT_BYTES;
/// Largest document file accepted, in bytes: a Word file with pictures is larger than its text (which
/// the importer then holds to the contract limit), and the whole file is copied into wasm memory.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;
/// Longest options object accepted (its JSON), in UTF-16 code units: room for a few rule files.
pub const MAX_OPTIONS_UNITS: usize = 16 * 1024 * 1024;
/// Deepest YAML structure let through to the parser: far above saphyr's budget of 64 (which then refuses
/// with its own message), far below what would exhaust the 1 MiB wasm stack.
pub const MAX_YAML_NESTING: usize = 1_000;

/// A diagnostic for an input that is refused before parsing.
pub fn refusal(file: &str, line: u32, column: u32, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line,
        column,
        message,
    }
}

/// Refuses a string longer than `max` UTF-16 units, without copying it.
pub fn size(file: &str, what: &str, units: usize, max: usize) -> Result<(), Diagnostic> {
    if units > max {
        return Err(refusal(
            file,
            1,
            1,
            format!("{what}过大（{units} 个字符，上限 {max}）"),
        ));
    }
    Ok(())
}

/// An upper bound on how deeply a YAML text can nest, refused past [`MAX_YAML_NESTING`].
///
/// Block structure nests only by indenting (or by compact `- - -` items, each two columns wider), so
/// the column where a line's content starts bounds its block depth; flow collections add one level per
/// unclosed `[` or `{`. Brackets are counted everywhere, quoted or not: that can only overestimate, and
/// only a text with a thousand unclosed brackets is refused for it.
pub fn yaml_nesting(file: &str, text: &str) -> Result<(), Diagnostic> {
    let mut flow = 0usize;
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let content = line.trim_start_matches([' ', '\t', '-', '?']);
        let block = line.len() - content.len();
        for (i, c) in line.char_indices() {
            match c {
                '[' | '{' => flow += 1,
                ']' | '}' => flow = flow.saturating_sub(1),
                _ => {}
            }
            if block + flow > MAX_YAML_NESTING {
                let (l, col) = LineIndex::new(text).line_col(text, line_start + i);
                return Err(refusal(
                    file,
                    l,
                    col,
                    format!("YAML 嵌套过深（超过 {MAX_YAML_NESTING} 层）；合同不需要这样的结构"),
                ));
            }
        }
        line_start += line.len();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn ordinary_contracts_pass() {
        let text = include_str!("../../../fixtures/hubei-wuhan-logistics.yaml");
        assert!(yaml_nesting("c.yaml", text).is_ok());
    }

    #[test]
    fn deep_flow_nesting_is_refused_where_it_passes_the_limit() {
        let text = format!(
            "region: 湖北\nclauses: {}",
            "[".repeat(MAX_YAML_NESTING + 10)
        );
        let e = yaml_nesting("c.yaml", &text).unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.column as usize, "clauses: ".len() + MAX_YAML_NESTING + 1);
    }

    #[test]
    fn balanced_brackets_do_not_add_up() {
        let text = "text: 第[1]条{a}\n".repeat(5_000);
        assert!(yaml_nesting("c.yaml", &text).is_ok());
    }

    #[test]
    fn deep_block_nesting_by_indent_or_compact_items_is_refused() {
        let compact = format!("{}x\n", "- ".repeat(MAX_YAML_NESTING));
        assert!(yaml_nesting("c.yaml", &compact).is_err());
        let indented = format!("a:\n{}b: 1\n", " ".repeat(MAX_YAML_NESTING + 1));
        assert!(yaml_nesting("c.yaml", &indented).is_err());
    }

    #[test]
    fn size_counts_units() {
        assert!(size("c", "合同", MAX_INPUT_UNITS, MAX_INPUT_UNITS).is_ok());
        let e = size("c", "合同", MAX_INPUT_UNITS + 1, MAX_INPUT_UNITS).unwrap_err();
        assert!(e.message.contains("过大"));
    }
}
