//! Values written as contracts write them: Chinese numerals check exactly like the same value in
//! digits, and a unit inferred for a term reads like the unit written out, with a note on the report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use dixian_core::Report;
use proptest::prelude::*;

/// Quantity terms with a unit as a contract writes it out in full.
const TERMS: [(&str, &str); 8] = [
    ("产假", "天"),
    ("难产假", "天"),
    ("陪产假", "天"),
    ("育儿假", "天/年"),
    ("哺乳时间", "小时/日"),
    ("哺乳期", "个月"),
    ("卫生费", "元/月"),
    ("妇科检查", "次/年"),
];

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Writes 1..10000 as its four places do (三千零五十): the test's own writer, independent of the reader.
fn four_places(n: u64) -> String {
    let mut s = String::new();
    let mut gap = false;
    for (place, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = n / place % 10;
        if d == 0 {
            gap |= !s.is_empty();
            continue;
        }
        if gap {
            s.push('零');
            gap = false;
        }
        s.push_str(DIGITS[d as usize]);
        s.push_str(name);
    }
    s
}

/// A whole number in Chinese numerals, as a contract writes it: 一百五十八, 十五, 一万零五百.
fn chinese(n: u64) -> String {
    if n == 0 {
        return "零".into();
    }
    let mut s = String::new();
    let mut gap = false;
    for (group, name) in [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ] {
        if group == 0 {
            gap |= !s.is_empty();
            continue;
        }
        if !s.is_empty() && (gap || group < 1000) {
            s.push('零');
        }
        gap = false;
        s.push_str(&four_places(group));
        s.push_str(name);
    }
    match s.strip_prefix("一十") {
        Some(rest) => format!("十{rest}"),
        None => s,
    }
}

/// The same numerals in the capital forms of financial writing (壹佰伍拾捌).
fn capital(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '一' => '壹',
            '二' => '贰',
            '三' => '叁',
            '四' => '肆',
            '五' => '伍',
            '六' => '陆',
            '七' => '柒',
            '八' => '捌',
            '九' => '玖',
            '十' => '拾',
            '百' => '佰',
            '千' => '仟',
            c => c,
        })
        .collect()
}

/// Everything a check decides, leaving out the value's words (shown as written).
fn decided(r: &Report) -> impl PartialEq + std::fmt::Debug {
    let findings: Vec<_> = r
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.kind,
                f.severity,
                f.expected.clone(),
                f.clause.clone(),
                f.from.clone(),
                f.to.clone(),
                f.line,
                f.column,
            )
        })
        .collect();
    let above: Vec<_> = r
        .above_floor
        .iter()
        .map(|a| (a.term.clone(), a.floor.clone(), a.clause.clone()))
        .collect();
    let undetermined: Vec<_> = r.undetermined.iter().map(|u| u.rule.clone()).collect();
    (findings, above, r.coverage, undetermined)
}

fn one_term(region: &str, term: &str, value: &str) -> String {
    contract(region, "2023-05-01", "2026-04-30", &[(term, value)])
}

#[test]
fn the_writer_writes_as_contracts_do() {
    assert_eq!(chinese(158), "一百五十八");
    assert_eq!(chinese(15), "十五");
    assert_eq!(chinese(1005), "一千零五");
    assert_eq!(chinese(10_500), "一万零五百");
    assert_eq!(chinese(100_000), "十万");
    assert_eq!(chinese(1_000_000_000), "十亿");
    assert_eq!(capital(&chinese(158)), "壹佰伍拾捌");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn chinese_numerals_check_exactly_like_digits(
        n in prop_oneof![0..400u64, 0..1_000_000_000u64],
        which in 0..TERMS.len(),
        capitals in any::<bool>(),
        region in prop::sample::select(vec!["湖北省武汉市", "北京", "四川", "宁夏"]),
    ) {
        let (term, unit) = TERMS[which];
        let words = if capitals { capital(&chinese(n)) } else { chinese(n) };
        let in_digits = check(&one_term(region, term, &format!("{n}{unit}")));
        let in_words = check(&one_term(region, term, &format!("{words}{unit}")));
        prop_assert_eq!(decided(&in_digits), decided(&in_words));
        for f in in_words.findings.iter().filter(|f| f.clause.is_some()) {
            prop_assert_eq!(&f.actual, &format!("{words}{unit}"), "shown as written");
        }
    }

    #[test]
    fn chinese_decimals_check_exactly_like_digits(whole in 0..30u64, tenths in 1..10u64) {
        let words = format!("{}点{}小时/日", chinese(whole), DIGITS[tenths as usize]);
        let in_digits = check(&one_term("北京", "哺乳时间", &format!("{whole}.{tenths}小时/日")));
        let in_words = check(&one_term("北京", "哺乳时间", &words));
        prop_assert_eq!(decided(&in_digits), decided(&in_words));
    }

    #[test]
    fn an_inferred_unit_checks_like_the_unit_written_out_and_says_so(
        n in 0..400u64,
        which in 0..3usize,
        in_words in any::<bool>(),
    ) {
        let (term, bare, full, per) =
            [("哺乳时间", "小时", "小时/日", "每日"), ("卫生费", "元", "元/月", "每月"), ("育儿假", "天", "天/年", "每年")][which];
        let number = if in_words { chinese(n) } else { n.to_string() };
        let full_report = check(&one_term("湖北省武汉市", term, &format!("{n}{full}")));
        let bare_report = check(&one_term("湖北省武汉市", term, &format!("{number}{bare}")));
        prop_assert_eq!(decided(&full_report), decided(&bare_report));
        let note = format!("第一条 {term}：“{number}{bare}”按{per}计");
        prop_assert!(bare_report.notes.contains(&note), "{:?}", bare_report.notes);
        prop_assert!(!full_report.notes.iter().any(|n| n.contains("计")), "{:?}", full_report.notes);
    }
}

#[test]
fn half_an_hour_reads_as_zero_point_five() {
    let words = check(&one_term("北京", "哺乳时间", "半小时/日"));
    let digits = check(&one_term("北京", "哺乳时间", "0.5小时/日"));
    assert_eq!(decided(&words), decided(&digits));
    assert!(
        words
            .findings
            .iter()
            .any(|f| f.term.as_deref() == Some("哺乳时间") && f.actual == "半小时/日"),
        "half an hour is below the national hour and shown as written: {:#?}",
        words.findings
    );
}

#[test]
fn values_written_by_hand_read_with_their_notes() {
    let yaml = contract(
        "湖北省武汉市",
        "2023-05-01",
        "2026-04-30",
        &[
            ("产假", "一百二十八天"),
            ("哺乳时间", "一小时"),
            ("卫生费", "三十元"),
            ("育儿假", "十天"),
            ("妇科检查", "两次/年"),
            ("陪产假", "十五日"),
        ],
    );
    let r = check(&yaml);
    let shown: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.clause.is_some())
        .map(|f| format!("{}：{}（{}）", f.rule, f.actual, f.expected))
        .chain(
            r.above_floor
                .iter()
                .map(|a| format!("高于标准 {}：{}", a.term, a.actual)),
        )
        .collect();
    insta::assert_json_snapshot!("hand-written-values", (shown, &r.notes));
}
