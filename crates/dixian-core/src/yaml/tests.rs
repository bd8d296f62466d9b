//! The reader's behaviour pinned on small inputs: node typing and locations, budgets, syntax messages
//! and the shape readers' refusals.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use super::*;

fn read(text: &str) -> Node {
    parse("t.yaml", text).unwrap_or_else(|e| panic!("{text:?} should read: {e}"))
}

/// The one diagnostic refusing `text`, as (line, column, message).
fn refusal(text: &str) -> (u32, u32, String) {
    let e = parse("t.yaml", text).expect_err("should be refused");
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    let d = &e.diagnostics[0];
    assert_eq!(d.file, "t.yaml");
    (d.line, d.column, d.message.clone())
}

/// Where `text` is refused.
fn refused_at(text: &str) -> (u32, u32) {
    let (line, column, _) = refusal(text);
    (line, column)
}

fn entries(node: &Node) -> &[(Node, Node)] {
    match &node.value {
        Value::Map(entries) => entries,
        other => panic!("not a mapping: {other:?}"),
    }
}

fn items(node: &Node) -> &[Node] {
    match &node.value {
        Value::Seq(items) => items,
        other => panic!("not a list: {other:?}"),
    }
}

/// The value under `key` in a mapping.
fn get<'n>(node: &'n Node, key: &str) -> &'n Node {
    entries(node)
        .iter()
        .find(|(k, _)| k.text() == Some(key))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no key {key}"))
}

fn at(node: &Node) -> (u32, u32) {
    (node.span.line, node.span.column)
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

mod tree {
    use super::*;

    #[test]
    fn plain_scalars_are_typed_and_quoted_ones_stay_text() {
        let doc = read(concat!(
            "a: true\nb: \"true\"\nc: ~\nd: '~'\ne: null\nf:\ng: 158\nh: \"158天\"\n",
            "i: False\nj: yes\nk: ''\nl: !!str 158\nm: !!str true\nn: !!null ''\no: !!bool \"false\"\n",
        ));
        let want = [
            ("a", Value::Bool(true)),
            ("b", text("true")),
            ("c", Value::Null),
            ("d", text("~")),
            ("e", Value::Null),
            ("f", Value::Null),
            ("g", text("158")),
            ("h", text("158天")),
            ("i", Value::Bool(false)),
            // YAML 1.2: `yes` is a word, not a boolean.
            ("j", text("yes")),
            ("k", text("")),
            ("l", text("158")),
            ("m", text("true")),
            ("n", Value::Null),
            ("o", Value::Bool(false)),
        ];
        for (key, value) in want {
            assert_eq!(get(&doc, key).value, value, "{key}");
        }
        assert_eq!(get(&doc, "a").text(), Some("true"));
        assert_eq!(get(&doc, "c").text(), None);
    }

    #[test]
    fn spans_count_lines_and_characters() {
        let doc =
            read("名称: 某公司女职工专项合同\n条款:\n  - 编号: 第六条\n    约定: {产假: 158天}\n");
        assert_eq!(at(&doc), (1, 1));
        let title = get(&doc, "名称");
        assert_eq!(at(title), (1, 5));
        assert_eq!(
            &"名称: 某公司女职工专项合同\n"[title.span.start..title.span.end],
            "某公司女职工专项合同"
        );
        let clause = &items(get(&doc, "条款"))[0];
        assert_eq!(at(clause), (3, 5));
        assert_eq!(at(get(clause, "编号")), (3, 9));
        let terms = get(clause, "约定");
        assert_eq!((at(terms), terms.flow), ((4, 9), true));
        assert_eq!(at(get(terms, "产假")), (4, 14));
        assert!(!clause.flow);
        // A block collection ends with its last value, not at the next line.
        let end =
            "名称: 某公司女职工专项合同\n条款:\n  - 编号: 第六条\n    约定: {产假: 158天}".len();
        assert_eq!(doc.span.end, end);
    }

    #[test]
    fn a_quoted_scalar_spans_its_quotes_and_a_block_scalar_its_lines() {
        let src = "a: \"158天\"\nb: |\n  第一行\n  第二行\nc: 第一行\n  接着写\n";
        let doc = read(src);
        let a = get(&doc, "a");
        assert_eq!(&src[a.span.start..a.span.end], "\"158天\"");
        let b = get(&doc, "b");
        assert_eq!(b.value, text("第一行\n第二行\n"));
        assert_eq!(at(b), (3, 3));
        let c = get(&doc, "c");
        assert_eq!((c.value.clone(), at(c)), (text("第一行 接着写"), (5, 4)));
    }

    #[test]
    fn crlf_line_endings_keep_lines_and_columns() {
        let src = "名称: 甲\r\n地区: 湖北省\r\n条款: [第一条, 第二条]\r\n";
        let doc = read(src);
        let region = get(&doc, "地区");
        assert_eq!((region.value.clone(), at(region)), (text("湖北省"), (2, 5)));
        assert_eq!(&src[region.span.start..region.span.end], "湖北省");
        let second = &items(get(&doc, "条款"))[1];
        assert_eq!(at(second), (3, 11));
        assert_eq!(refusal("a: 1\r\nb: 2\r\na: 3\r\n").0, 3);
    }

    #[test]
    fn empty_documents_are_null() {
        for src in ["", "\n\n", "# 只有注释\n", "---\n", "...\n", "--- \n...\n"] {
            assert!(read(src).is_null(), "{src:?}");
        }
        assert_eq!(at(&read("")), (1, 1));
        let explicit = read("---\na: 1\n...\n");
        assert_eq!(at(&explicit), (2, 1));
    }

    #[test]
    fn a_second_document_is_refused_at_its_start() {
        let why = "文件含有多个 YAML 文档（以“---”分隔）；一个文件只写一份合同".to_owned();
        assert_eq!(refusal("a: 1\n---\nb: 2\n"), (2, 1, why.clone()));
        assert_eq!(refusal("a: 1\n...\nb: 2\n"), (3, 1, why.clone()));
        assert_eq!(refusal("---\n---\n"), (2, 1, why));
    }

    #[test]
    fn a_duplicate_key_is_refused_at_the_second_one() {
        let (line, column, message) = refusal("名称: 甲\n地区: 湖北省\n名称: 乙\n");
        assert_eq!((line, column), (3, 1));
        assert_eq!(message, "键“名称”重复出现：同一层里每个键只能写一次");
        assert_eq!(refusal("x:\n  a: 1\n  b: 2\n  a: 3\n").0, 4);
        assert_eq!(refused_at("x: {a: 1, b: 2, a: 3}\n"), (1, 17));
        // Keys are compared as written, whatever the quoting: `1` and "1" name the same field.
        assert_eq!(refusal("1: x\n\"1\": y\n").0, 2);
        // The same key at two levels is no duplicate.
        read("a: {a: 1}\n");
    }

    #[test]
    fn duplicate_detection_in_a_wide_mapping_finds_the_last_key() {
        let mut src: String = (0..10_000).map(|i| format!("k{i}: v\n")).collect();
        src.push_str("k9999: again\n");
        let (line, column, message) = refusal(&src);
        assert_eq!((line, column), (10_001, 1));
        assert!(message.contains("k9999"), "{message}");
        assert_eq!(entries(&read(&src[..src.len() - 13])).len(), 10_000);
    }

    #[test]
    fn aliases_replay_their_anchor_located_where_they_are_used() {
        let src = "a: &x 湖北省\nb: *x\n";
        let doc = read(src);
        let b = get(&doc, "b");
        assert_eq!((b.value.clone(), at(b)), (text("湖北省"), (2, 4)));
        // The mapping ends at the alias, the last thing written in it.
        assert_eq!(doc.span.end, src.trim_end().len());
        // An anchor on a key: the alias used as a second key is the duplicate.
        assert_eq!(refused_at("&k a: 1\n*k : 2\n"), (2, 1));
        let list = read("base: &b [1, 2]\nmore: *b\n");
        let more = get(&list, "more");
        assert_eq!((at(more), items(more).len()), ((2, 7), 2));
        // Inside a replayed collection, values stay located at their definition.
        assert_eq!(at(&items(more)[1]), (1, 14));
    }

    #[test]
    fn an_alias_must_follow_its_anchor() {
        let why = "别名（*名称）引用了没有定义的锚点（&名称）".to_owned();
        assert_eq!(refusal("a: *x\nb: &x 1\n"), (1, 4, why.clone()));
        // An alias inside its own anchor would be an endless structure.
        assert_eq!(refusal("a: &x [1, *x]\n"), (1, 11, why));
    }

    #[test]
    fn merge_keys_are_refused_by_name() {
        let (line, column, message) = refusal("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n");
        assert_eq!((line, column), (3, 3));
        assert_eq!(message, "不支持 YAML 合并键“<<”：请把要用的字段逐一写出");
    }

    #[test]
    fn complex_and_null_keys_are_kept_for_the_shape_readers() {
        let doc = read("? [a]\n: b\n");
        let (key, value) = &entries(&doc)[0];
        assert!(matches!(&key.value, Value::Seq(s) if s.len() == 1) && key.flow);
        assert_eq!(value.value, text("b"));
        let doc = read(": x\n: y\n");
        assert!(entries(&doc).iter().all(|(k, _)| k.is_null()));
    }

    #[test]
    fn nesting_is_limited_to_the_maximum_depth() {
        let flow = |d: usize| format!("{}{}", "[".repeat(d), "]".repeat(d));
        let block =
            |d: usize| -> String { (0..d).map(|i| format!("{}k:\n", " ".repeat(i))).collect() };
        read(&flow(MAX_YAML_DEPTH));
        read(&block(MAX_YAML_DEPTH));
        let why = format!("嵌套层数过多（上限 {MAX_YAML_DEPTH} 层；合同只需三四层）");
        let over = u32::try_from(MAX_YAML_DEPTH + 1).unwrap();
        assert_eq!(refusal(&flow(MAX_YAML_DEPTH + 1)), (1, over, why.clone()));
        assert_eq!(refusal(&block(200)), (over, over, why));
    }

    #[test]
    fn aliases_are_limited_in_number() {
        let mut src = String::from("a: &x 1\nb: [");
        src.push_str(&vec!["*x"; MAX_ALIASES].join(", "));
        src.push_str("]\n");
        assert_eq!(items(get(&read(&src), "b")).len(), MAX_ALIASES);
        let src = src.replace("]\n", ", *x]\n");
        let (line, column, message) = refusal(&src);
        let last = src.rfind('*').unwrap() - src.find('\n').unwrap();
        assert_eq!((line, column), (2, u32::try_from(last).unwrap()));
        assert!(
            message.starts_with("别名（*名称）过多（上限 1000 个）"),
            "{message}"
        );
    }

    #[test]
    fn aliases_are_limited_in_what_they_replay() {
        // An anchor of 1,001 nodes (a list of 1,000) recorded once and replayed until the budget
        // runs out: the 19th replay would pass it.
        let anchor = format!("a: &x [{}]\n", vec!["1"; 1_000].join(", "));
        let replays = (MAX_ALIAS_REPLAYED_EVENTS - 1_001) / 1_001;
        assert_eq!(replays, 18);
        let within = format!("{anchor}b: [{}]\n", vec!["*x"; replays].join(", "));
        read(&within);
        let over = within
            .replace("]\n", ", *x]\n")
            .replacen(", *x]\n", "]\n", 1);
        let (line, _, message) = refusal(&over);
        assert_eq!(line, 2);
        assert_eq!(
            message,
            "别名（*名称）展开的内容过多：合同不需要这样大量重复引用（防止“别名炸弹”）"
        );
    }

    #[test]
    fn anchors_are_limited_in_what_they_record() {
        let big = |n: usize| format!("a: &x [{}]\n", vec!["1"; n].join(", "));
        read(&big(MAX_ALIAS_REPLAYED_EVENTS - 1));
        let (line, column, message) = refusal(&big(MAX_ALIAS_REPLAYED_EVENTS));
        assert_eq!((line, column), (1, 7));
        assert_eq!(message, "锚点（&名称）记录的内容过多（防止“别名炸弹”）");
    }

    #[test]
    fn documents_are_limited_in_nodes() {
        // 250,000 nodes: the flow list and its items. With one more item, the list itself (counted
        // when it closes, just after its `]`) is the node too many; with two, the last item.
        let list = |n: usize| format!("[{}]", vec!["1"; n].join(","));
        read(&list(249_999));
        assert_eq!(refused_at(&list(250_000)), (1, 500_002));
        let (line, column, message) = refusal(&list(250_001));
        assert_eq!((line, column), (1, 500_002));
        assert_eq!(message, "内容过多：合同中的项目超过 250000 个");
    }

    #[test]
    fn oversized_input_is_refused_before_reading() {
        let (line, column, message) = refusal(&" ".repeat(MAX_CONTRACT_BYTES + 1));
        assert_eq!((line, column), (1, 1));
        assert_eq!(message, "文件过大（2097153 字节，上限 2097152 字节）");
        assert!(check_size("t.yaml", MAX_CONTRACT_BYTES as u64).is_ok());
    }
}
