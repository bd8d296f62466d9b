//! The engine's semantics: windows, strictest floors, provisional figures, regions, coverage.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use dixian_core::report::FindingKind;
use dixian_core::rules::Severity;

#[test]
fn a_floor_that_rises_during_the_term_gives_the_finding_its_window() {
    // 湖北: 128 days until 2021-11-25, 158 from 2021-11-26.
    let r = check(&contract(
        "湖北省",
        "2020-01-01",
        "2023-12-31",
        &[("产假", "128天")],
    ));
    let f = findings_for(&r, "产假");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].from.as_str(), f[0].to.as_str()),
        ("2021-11-26", "2023-12-31")
    );
    assert_eq!(f[0].expected, "不少于158天");
    assert_eq!(f[0].actual, "128天");
    assert_eq!(f[0].rule, "湖北.产假");
    assert_eq!(f[0].severity, Severity::Rectify);
    assert!(f[0].citation.contains("湖北省人口与计划生育条例"));
}

#[test]
fn below_every_floor_the_strictest_speaks_and_windows_split_where_it_changes() {
    // 90 days fails the national 98 and 湖北's 128 then 158: one finding per window, from 湖北.
    let r = check(&contract(
        "湖北",
        "2020-01-01",
        "2023-12-31",
        &[("产假", "90天")],
    ));
    let f = findings_for(&r, "产假");
    let got: Vec<_> = f
        .iter()
        .map(|f| {
            (
                f.rule.as_str(),
                f.expected.as_str(),
                f.from.as_str(),
                f.to.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("湖北.产假", "不少于128天", "2020-01-01", "2021-11-25"),
            ("湖北.产假", "不少于158天", "2021-11-26", "2023-12-31")
        ]
    );
}

#[test]
fn jiangsu_regulation_floor_is_rectify_and_the_plan_figure_a_notice() {
    let r = check(&contract(
        "江苏省南通市",
        "2022-01-01",
        "2024-12-31",
        &[("产假", "100天")],
    ));
    let mut got: Vec<_> = findings_for(&r, "产假")
        .iter()
        .map(|f| (f.rule.clone(), f.severity, f.from.clone()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("江苏.产假".into(), Severity::Rectify, "2022-01-01".into()),
            (
                "江苏.产假实施方案".into(),
                Severity::Notice,
                "2022-02-10".into()
            )
        ]
    );
    assert!(
        r.notes.iter().any(|n| n.contains("南通")),
        "city fallback is noted: {:?}",
        r.notes
    );

    let r = check(&contract(
        "江苏",
        "2022-01-01",
        "2024-12-31",
        &[("产假", "128天")],
    ));
    let got: Vec<_> = findings_for(&r, "产假")
        .iter()
        .map(|f| f.severity)
        .collect();
    assert_eq!(got, vec![Severity::Notice]);
}

#[test]
fn a_provisional_figure_yields_at_most_a_notice_and_says_why() {
    // 四川 188 days from 2025-11-28 rests on a single unverified source.
    let r = check(&contract(
        "四川省成都市",
        "2025-01-01",
        "2026-12-31",
        &[("产假", "158天")],
    ));
    let f = findings_for(&r, "产假");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Notice);
    assert!(f[0].provisional);
    assert_eq!(f[0].from, "2025-11-28");
    assert!(f[0].message.contains("暂定"), "{}", f[0].message);
}

#[test]
fn above_the_floor_is_listed() {
    let r = check(&contract(
        "北京",
        "2023-01-01",
        "2025-12-31",
        &[("产假", "188天"), ("哺乳时间", "1小时/日")],
    ));
    let above: Vec<_> = r
        .above_floor
        .iter()
        .map(|a| (a.term.as_str(), a.floor.as_str(), a.actual.as_str()))
        .collect();
    assert_eq!(above, vec![("产假", "不少于158天", "188天")]);
}

#[test]
fn a_ceiling_is_violated_by_a_later_month() {
    let r = check(&contract(
        "宁夏",
        "2023-01-01",
        "2025-12-31",
        &[("孕期禁止加班夜班起始", "8个月")],
    ));
    let f = findings_for(&r, "孕期禁止加班夜班起始");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].expected.as_str(), f[0].kind),
        ("最迟自怀孕7个月起", FindingKind::Violated)
    );
}

#[test]
fn commitments_refused_or_missing_are_findings() {
    let r = check(&contract(
        "湖北",
        "2023-01-01",
        "2025-12-31",
        &[("性骚扰防治", "否")],
    ));
    let f = findings_for(&r, "性骚扰防治");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].kind, f[0].severity, f[0].actual.as_str()),
        (FindingKind::Violated, Severity::Rectify, "否")
    );
    assert!(f[0].citation.contains("妇女权益保障法"));

    let r = check(&contract("湖北", "2023-01-01", "2025-12-31", &[]));
    let f = findings_for(&r, "性骚扰防治");
    assert_eq!((f[0].kind, f[0].line), (FindingKind::Missing, None));
}

#[test]
fn unlawful_wording_is_referred_and_lawful_prohibitions_are_not() {
    let yaml = "region: 湖北\nterm: {start: 2023-01-01, end: 2025-12-31}\nclauses:\n  - id: 第八条\n    text: 女职工在合同期内不得生育，怀孕的视为自动离职。\n  - id: 第九条\n    text: 企业不得要求女职工不得生育，不得因女职工怀孕解除劳动合同。\n";
    let r = check(yaml);
    let unlawful: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::UnlawfulText)
        .collect();
    assert_eq!(unlawful.len(), 2, "{unlawful:#?}");
    assert!(
        unlawful
            .iter()
            .all(|f| f.clause.as_deref() == Some("第八条") && f.severity == Severity::Refer)
    );
    let f = unlawful.iter().find(|f| f.actual == "不得生育").unwrap();
    assert_eq!((f.line, f.column), (Some(5), Some(19)));
}

#[test]
fn a_fact_comparison_uses_the_workforce() {
    // 北京: the women's share of congress deputies must match their share of the workforce (40%).
    let r = check(&contract(
        "北京市",
        "2023-01-01",
        "2025-12-31",
        &[("职代会女代表比例", "30%")],
    ));
    let f = findings_for(&r, "职代会女代表比例");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].expected, "不低于女职工占比40%");
    let r = check(&contract(
        "北京市",
        "2023-01-01",
        "2025-12-31",
        &[("职代会女代表比例", "40%")],
    ));
    assert!(findings_for(&r, "职代会女代表比例").is_empty());
}

#[test]
fn a_condition_on_a_missing_fact_is_undetermined_not_violated() {
    let yaml = "region: 湖北\nterm: {start: 2023-01-01, end: 2025-12-31}\nclauses: []\n";
    let r = check(yaml);
    assert!(
        r.undetermined.iter().any(|u| u.rule == "全国.女职工卫生室"),
        "{:?}",
        r.undetermined
    );
    assert!(findings_for(&r, "女职工卫生室").is_empty());
}

#[test]
fn coverage_follows_terms_and_topics() {
    let yaml = "region: 湖北\nterm: {start: 2023-01-01, end: 2025-12-31}\nclauses:\n  - id: 一\n    topic: 更年期\n    text: 关心更年期女职工。\n  - id: 二\n    terms: {哺乳时间: 1小时/日}\n";
    let r = check(yaml);
    assert_eq!(r.coverage.0, [false, false, false, true, true]);
}

#[test]
fn regions_resolve_in_their_usual_forms() {
    for (region, chain) in [
        ("湖北", "全国,湖北"),
        ("湖北省", "全国,湖北"),
        ("湖北省武汉市", "全国,湖北"),
        ("武汉市", "全国,湖北"),
        ("宁夏回族自治区", "全国,宁夏"),
        ("北京市", "全国,北京"),
    ] {
        let r = check(&contract(region, "2023-01-01", "2023-12-31", &[]));
        assert_eq!(r.contract.jurisdictions.join(","), chain, "{region}");
    }
    let err = dixian_core::check_yaml(
        builtin(),
        "x.yaml",
        &contract("火星", "2023-01-01", "2023-12-31", &[]),
    )
    .unwrap_err();
    let d = err.first().unwrap();
    assert!(
        d.message.contains("未知地区") && d.message.contains("湖北"),
        "{}",
        d.message
    );
    assert_eq!((d.file.as_str(), d.line), ("x.yaml", 2));
}

#[test]
fn rule_files_with_errors_are_refused_with_locations() {
    let cases = [
        (
            "rule 湖北.x { severity rectify require 产假 >= 200天 }",
            "缺少法律依据",
        ),
        (
            "rule 湖北.x { severity rectify cite \"c\" require 产嫁 >= 200天 }",
            "未知条目",
        ),
        (
            "rule 湖北.x { severity rectify cite \"c\" require 产假 >= 200元/月 }",
            "单位不符",
        ),
        (
            "rule 湖北.x { severity rectify cite \"c\" require 产假 >= 100天 }",
            "不如上级辖区",
        ),
        (
            "rule 湖北.x { severity rectify cite \"c\" version from 2020-01-01 { require 产假 >= 200天 } version from 2021-01-01 { require 产假 >= 210天 } }",
            "重叠",
        ),
        (
            "rule 湖北.x { cite \"c\" require 产假 >= 200天 }",
            "缺少级别",
        ),
        (
            "rule 湖北.x { severity rectify cite \"c\" version from 2023-02-30 { require 产假 >= 200天 } }",
            "不存在",
        ),
        (
            "term 新假 new_leave 天  rule 湖北.x { severity rectify cite \"c\" require 新假 >= 1天 }",
            "缺少示范条款",
        ),
        (
            "model 产嫁 \"女职工享受产假{floor}。\"",
            "示范条款所指的条目“产嫁”未声明",
        ),
        ("model 产假 \"女职工享受产假{floor}。\"", "示范条款重复声明"),
    ];
    for (body, expect) in cases {
        let text = format!(
            "jurisdiction 武汉 {{ parent 湖北 }}\n{}\n",
            body.replace("湖北.x", "武汉.x")
        );
        let err = load_with(&[("rules/wuhan.dixian", &text)]).unwrap_err();
        let d = err.first().unwrap();
        assert!(d.message.contains(expect), "{body}: {}", d.message);
        assert_eq!(
            (d.file.as_str(), d.line),
            ("rules/wuhan.dixian", 2),
            "{body}: {d}"
        );
    }
    let err = load_with(&[
        ("rules/a.dixian", "jurisdiction 甲 { parent 乙 }"),
        ("rules/b.dixian", "jurisdiction 乙 { parent 甲 }"),
    ])
    .unwrap_err();
    assert!(
        err.diagnostics.iter().any(|d| d.message.contains("循环")),
        "{err}"
    );
}

#[test]
fn a_city_rule_set_on_top_applies_to_its_city() {
    let set = load_with(&[("rules/wuhan.dixian", "jurisdiction 武汉 { parent 湖北 names \"武汉市\" }\nrule 武汉.卫生费 { severity rectify cite \"武汉市某规定\" require 卫生费 >= 50元/月 }\n")]).unwrap();
    let r = dixian_core::check_yaml(
        &set,
        "c.yaml",
        &contract(
            "湖北省武汉市",
            "2023-01-01",
            "2023-12-31",
            &[("卫生费", "30元/月")],
        ),
    )
    .unwrap();
    assert_eq!(r.contract.jurisdictions, vec!["全国", "湖北", "武汉"]);
    assert!(r.notes.is_empty());
    assert_eq!(findings_for(&r, "卫生费")[0].rule, "武汉.卫生费");
}

#[test]
fn contract_errors_name_file_line_and_column() {
    let err = dixian_core::check_yaml(
        builtin(),
        "c.yaml",
        &contract("湖北", "2023-01-01", "2023-12-31", &[("产假", "158元/月")]),
    )
    .unwrap_err();
    let d = err.first().unwrap();
    assert_eq!((d.line, d.column), (9, 11), "{d}");
    assert!(
        d.message
            .contains("产假的单位应为 天（如 158天），却写了“158元/月”"),
        "{d}"
    );
    let err =
        dixian_core::check_yaml(builtin(), "c.yaml", "名称：甲公司\n地区：湖北\n").unwrap_err();
    assert!(err.first().unwrap().message.contains("全角冒号"), "{err}");
}

#[test]
fn each_finding_cites_the_statutes_in_force_in_its_own_days() {
    // 限制婚育条款 rests on the 2005 law until 2022-12-31 and on its 2022 revision from 2023-01-01.
    let yaml = "region: 全国\nterm: {start: 2022-01-01, end: 2023-12-31}\nclauses:\n  - id: 第八条\n    text: 女职工在合同期内不得生育。\n";
    let r = check(yaml);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "全国.限制婚育条款")
        .collect();
    assert!(!f.is_empty());
    assert_eq!(f.first().map(|f| f.from.as_str()), Some("2022-01-01"));
    assert_eq!(f.last().map(|f| f.to.as_str()), Some("2023-12-31"));
    for finding in &f {
        let (old, new) = (
            finding.citation.contains("2005年修正"),
            finding.citation.contains("2022年修订"),
        );
        assert_eq!(old, finding.from.as_str() <= "2022-12-31", "{finding:#?}");
        assert_eq!(new, finding.to.as_str() >= "2023-01-01", "{finding:#?}");
    }
    // A term wholly before 2023 cites only the 2005 law.
    let early = yaml.replace("2023-12-31", "2022-06-30");
    let r = check(&early);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "全国.限制婚育条款")
        .unwrap();
    assert!(f.citation.contains("第二十三条第二款"), "{}", f.citation);
    assert!(!f.citation.contains("第四十四条"), "{}", f.citation);
}
