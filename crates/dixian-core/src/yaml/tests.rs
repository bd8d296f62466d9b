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
    fn aliases_are_limited_in_the_text_they_replay() {
        // One node, but a long one: 40 replays of 50,000 bytes fit in the 2 MiB budget with the
        // anchor's own record; the 41st does not.
        let anchor = format!("a: &x \"{}\"\n", "x".repeat(50_000));
        let within = format!("{anchor}b: [{}]\n", vec!["*x"; 40].join(", "));
        assert_eq!(items(get(&read(&within), "b")).len(), 40);
        let (line, column, message) = refusal(&within.replace("]\n", ", *x]\n"));
        assert_eq!((line, column), (2, 5 + 40 * 4));
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

mod syntax {
    use super::*;

    #[test]
    fn a_tab_in_the_indentation_is_named_at_the_tab() {
        let why = "此处有制表符（Tab）；YAML 的缩进只能用空格".to_owned();
        assert_eq!(
            refusal("名称: 甲\n条款:\n\t- 编号: 一\n"),
            (3, 1, why.clone())
        );
        assert_eq!(refusal("a:\r\n\tb: 1\r\n"), (2, 1, why));
    }

    #[test]
    fn an_unclosed_quote_is_pointed_at_its_opening_quote() {
        let why = "引号没有闭合：带引号的文字要在同一处以同样的引号结束";
        for (src, at) in [
            // Runs to the end of the file: YAML names the opening quote.
            ("a: \"ok\"\nb: \"unclosed", (2, 4)),
            // Stops at a line not indented enough to go on: found by reading up to that line.
            ("a: 'ok'\nb: 'unclosed\n", (2, 4)),
            ("a: \"abc 'x' def\nb: 1\n", (1, 4)),
            ("名称: 甲\n地区: \"湖北省\n期限: 1\n", (2, 5)),
            ("a: [\"x, y]\nb: 1\n", (1, 5)),
        ] {
            assert_eq!(refusal(src), (at.0, at.1, why.to_owned()), "{src:?}");
        }
    }

    #[test]
    fn a_full_width_colon_is_named_where_it_is() {
        for src in [
            "名称: 甲\n地区：湖北省\n期限: x\n",
            "名称: 甲\r\n地区：湖北省\r\n期限: x\r\n",
        ] {
            let (line, column, message) = refusal(src);
            assert_eq!((line, column), (2, 3), "{src:?}");
            assert_eq!(
                message,
                "第 2 行用了全角冒号“：”：YAML 的键和值之间要用半角冒号“:”加空格，否则整行只是一段文字"
            );
        }
    }

    #[test]
    fn a_colon_without_its_space_is_named_at_the_colon() {
        let why = |n: u32| {
            format!(
                "第 {n} 行的冒号“:”后少了空格：YAML 的键和值之间要用半角冒号加空格（“键: 值”），否则整行只是一段文字"
            )
        };
        assert_eq!(
            refusal("region:湖北省\nterm: {start: 2022-01-01, end: 2022-12-31}\n"),
            (1, 7, why(1))
        );
        assert_eq!(
            refusal("地区: 湖北省\n条款:\n  - 编号:第六条\n    内容: 产假\n"),
            (3, 7, why(3))
        );
        // The first colon decides: `时间:12:30` is the slip, a bare `12:30` (a time) is not.
        let (_, _, message) = refusal("时间:12:30\n地点: 甲\n");
        assert_eq!(message, why(1));
        let (_, _, message) = refusal("- 12:30\n  b: 1\n");
        assert!(!message.contains("少了空格"), "{message}");
    }

    #[test]
    fn an_unbalanced_bracket_is_named() {
        let open = |line: u32, column: u32, b: &str, e: &str| {
            format!(
                "第 {line} 行第 {column} 列的“{b}”没有闭合，或其中的项目之间少了逗号：每个“{b}”要有“{e}”与之配对"
            )
        };
        assert_eq!(refusal("a: [1, 2\nb: 3\n"), (2, 2, open(1, 4, "[", "]")));
        assert_eq!(refusal("a: {x: 1\nb: 3\n"), (2, 2, open(1, 4, "{", "}")));
        assert_eq!(
            refusal("a: 1\r\nb: [1, 2\r\nc: 3\r\n"),
            (3, 2, open(2, 4, "[", "]"))
        );
        // A comma missing between the lines of a flow mapping.
        assert_eq!(
            refusal("约定: {\n  产假: 158天\n  哺乳时间: 1小时/日\n}\n"),
            (3, 7, open(1, 5, "{", "}"))
        );
        let pairs = "括号没有正确配对：每个“[”要有“]”，每个“{”要有“}”".to_owned();
        assert_eq!(refusal("a: [1, 2\n"), (1, 4, pairs.clone()));
        assert_eq!(refusal("a: [1, 2]]\n"), (1, 10, pairs));
    }

    #[test]
    fn other_slips_have_their_own_words() {
        assert_eq!(
            refusal("a: \"\\q\"\n").2,
            "双引号里的反斜杠“\\”转义写法不对；不需要转义时改用单引号，或写成“\\\\”"
        );
        assert_eq!(
            refusal("a: 1\n\u{feff}b: 2\n"),
            (
                2,
                1,
                "文件中间有字节顺序标记（BOM）；请用编辑器另存为 UTF-8".to_owned()
            )
        );
        assert_eq!(
            refusal("a: @x\n").2,
            "此处的字符不能作为 YAML 内容的开头（如 @ 或 `）；请给这段文字加引号"
        );
    }
}

mod shape {
    use super::*;
    use crate::error::Collector;

    const TITLE: &[&str] = &["title", "名称"];
    const CLAUSES: &[&str] = &["clauses", "条款"];
    const KNOWN: &[&[&str]] = &[TITLE, CLAUSES];

    /// Reads `src` as a mapping of [`KNOWN`] fields: the value of `field`, and every problem found.
    fn fields(src: &str, field: &[&str]) -> (Option<Node>, Vec<(u32, u32, String)>) {
        let root = read(src);
        let mut out = Collector::new("t.yaml");
        let value = Fields::read(&mut out, &root, KNOWN).and_then(|f| f.get(field).cloned());
        (value, problems(out))
    }

    fn problems(out: Collector<'_>) -> Vec<(u32, u32, String)> {
        if out.is_empty() {
            return Vec::new();
        }
        let e = out.into_error();
        e.diagnostics
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect()
    }

    /// The message for `src`'s root read as `expected`.
    fn mismatch_of(src: &str, expected: Expected) -> Vec<(u32, u32, String)> {
        let root = read(src);
        let mut out = Collector::new("t.yaml");
        assert!(expect(&mut out, &root, expected).is_none());
        problems(out)
    }

    #[test]
    fn an_unknown_field_is_named_with_the_closest_known_one() {
        let (_, found) = fields("名称: 甲\nclause: []\n", CLAUSES);
        assert_eq!(
            found,
            vec![(
                2,
                1,
                "不认识的字段“clause”，是否想写“clauses”？（此处可用：title、名称、clauses、条款）"
                    .to_owned()
            )]
        );
        let (_, found) = fields("备注: 甲\n", TITLE);
        assert_eq!(
            found[0].2,
            "不认识的字段“备注”（此处可用：title、名称、clauses、条款）"
        );
        // A key YAML reads as null or as a collection is shown as written.
        let (_, found) = fields("~: 甲\n[a]: 乙\n", TITLE);
        let names: Vec<&str> = found
            .iter()
            .map(|(_, _, m)| m.split('（').next().unwrap())
            .collect();
        assert_eq!(names, ["不认识的字段“~”", "不认识的字段“[a]”"]);
    }

    #[test]
    fn a_field_under_two_of_its_names_is_reported_at_the_second() {
        let (value, found) = fields("title: 甲\n条款: []\n名称: 乙\n", TITLE);
        assert_eq!(
            found,
            vec![(3, 1, "“名称”与“title”是同一字段，只能写一个".to_owned())]
        );
        // The first one written is the one read.
        assert_eq!(value.map(|v| v.value), Some(text("甲")));
    }

    #[test]
    fn a_null_value_is_a_field_not_given() {
        let src = "名称:\n条款: ~\n";
        let (value, found) = fields(src, TITLE);
        assert_eq!((value, found), (None, Vec::new()));
        let root = read(src);
        let mut out = Collector::new("t.yaml");
        let f = Fields::read(&mut out, &root, KNOWN).unwrap();
        assert!(f.get(CLAUSES).is_none());
        // A null document or value is no mismatch either: callers say what is missing.
        assert!(mismatch_of("", Expected::Map).is_empty());
    }

    #[test]
    fn a_mismatch_says_what_was_wanted_and_what_was_written() {
        let map = "映射（“键: 值”的若干行，或 {键: 值}）";
        assert_eq!(
            mismatch_of("- 第一条\n", Expected::Map),
            vec![(1, 1, format!("此处应为{map}，却是列表"))]
        );
        assert_eq!(
            mismatch_of("{a: 1}\n", Expected::Seq),
            vec![(
                1,
                1,
                "此处应为列表（每项以“- ”开头，或 [项, 项]），却是映射（{键: 值}）".to_owned()
            )]
        );
        assert_eq!(
            mismatch_of("a: 1\n", Expected::Scalar),
            vec![(
                1,
                1,
                "此处应为单个值（文字、数量、日期或 是/否），却是映射（“键: 值”）".to_owned()
            )]
        );
        // Text is shown by its first line, cut at 20 characters.
        assert_eq!(
            mismatch_of(
                "|\n  女职工在孕期、产期、哺乳期内享受国家规定的各项待遇\n  第二行\n",
                Expected::Map
            ),
            vec![(
                2,
                3,
                format!("此处应为{map}，却是一段文字“女职工在孕期、产期、哺乳期内享受国家规定”")
            )]
        );
        assert_eq!(
            mismatch_of("true\n", Expected::Seq)[0].2,
            "此处应为列表（每项以“- ”开头，或 [项, 项]），却是一段文字“true”"
        );
        let mut out = Collector::new("t.yaml");
        mismatch(&mut out, &read(""), Expected::Text);
        assert_eq!(
            problems(out)[0].2,
            "此处应为一段文字，却是空值（冒号后什么也没写）"
        );
    }

    #[test]
    fn a_value_made_text_by_a_colon_slip_points_at_the_colon() {
        assert_eq!(
            mismatch_of("名称：某公司\n", Expected::Map),
            vec![(
                1,
                3,
                format!(
                    "此处应为映射（“键: 值”的若干行，或 {{键: 值}}），却是一段文字“名称：某公司”{}",
                    "（第 1 行用了全角冒号“：”；YAML 的键和值之间要用半角冒号“:”加空格，否则整行只是一段文字）"
                )
            )]
        );
        assert_eq!(
            mismatch_of("编号:第六条\n", Expected::Map),
            vec![(
                1,
                3,
                format!(
                    "此处应为映射（“键: 值”的若干行，或 {{键: 值}}），却是一段文字“编号:第六条”{}",
                    "（第 1 行的冒号“:”后少了空格：YAML 的键和值之间要用半角冒号加空格，如“键: 值”）"
                )
            )]
        );
    }
}
