//! Properties of `dixian fix` over generated contracts: articles numbered as real contracts number
//! them, figures in Arabic, full-width or Chinese numerals, clauses left out, words that break the
//! law or defer to “the rules”. Fixed, a contract checks without anything to rectify or refer, and a
//! second fix changes nothing — with the notices or without.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use dixian_core::fix::Scope;
use dixian_core::numeral_style::{Style, write};
use dixian_core::render::Lang;
use dixian_core::rules::{self, RuleSet, Severity};
use dixian_import::Overrides;
use dixian_import::fix::{Options, fix_bytes};
use proptest::prelude::*;
use std::sync::OnceLock;

const REGIONS: [&str; 8] = [
    "湖北省武汉市",
    "广东省广州市",
    "北京市",
    "四川省成都市",
    "江苏省南通市",
    "黑龙江省",
    "海南省",
    "上海市",
];

/// A clause with a figure: its words around the figure, and the figures it may state.
const FIGURES: [(&str, &str, u32, u32); 6] = [
    ("女职工生育享受产假", "天。", 60, 200),
    (
        "女职工生育的，在国家规定98天产假基础上增加产假",
        "天。",
        0,
        100,
    ),
    ("难产的，增加产假", "天。", 5, 40),
    ("哺乳未满1周岁婴儿的女职工，每天哺乳时间", "分钟。", 20, 90),
    ("甲方每月为每名女职工发放卫生费", "元。", 5, 60),
    ("男职工在配偶生育期间享受护理假", "天。", 5, 30),
];

/// Clauses without a figure: promises, a restriction the law forbids, a vague deferral.
const WORDS: [&str; 5] = [
    "女职工经期不安排高处、低温、冷水作业。",
    "女职工产前检查时间计入劳动时间。",
    "女职工在合同期内不得生育。",
    "女职工更年期保护按国家有关规定执行。",
    "甲方设立女职工休息室。",
];

#[derive(Clone, Debug)]
struct Gen {
    region: usize,
    recent: bool,
    numbering: u8,
    figures: Vec<(usize, u32, u8)>,
    words: Vec<usize>,
}

fn contracts() -> impl Strategy<Value = Gen> {
    (
        0..REGIONS.len(),
        any::<bool>(),
        0u8..3,
        proptest::collection::btree_map(0..FIGURES.len(), (0u32..1000, 0u8..3), 0..=FIGURES.len()),
        proptest::collection::btree_set(0..WORDS.len(), 0..=WORDS.len()),
    )
        .prop_map(|(region, recent, numbering, figures, words)| Gen {
            region,
            recent,
            numbering,
            figures: figures
                .into_iter()
                .map(|(i, (n, style))| (i, n, style))
                .collect(),
            words: words.into_iter().collect(),
        })
}

fn text(g: &Gen) -> String {
    let (from, to) = if g.recent { (2023, 2025) } else { (2018, 2020) };
    let mut out = format!(
        "某某有限公司女职工权益保护专项集体合同\n甲方：某某有限公司（{}）\n乙方：某某有限公司工会委员会\n合同期限：{from}年1月1日至{to}年12月31日\n",
        REGIONS[g.region]
    );
    let mut clauses: Vec<String> = g
        .figures
        .iter()
        .map(|&(i, n, style)| {
            let (before, after, lo, hi) = FIGURES[i];
            let figure = lo + n % (hi - lo + 1);
            let style = [Style::Arabic, Style::FullWidth, Style::Chinese][usize::from(style)];
            format!("{before}{}{after}", write(i64::from(figure) * 1000, style))
        })
        .collect();
    clauses.extend(g.words.iter().map(|&i| WORDS[i].to_owned()));
    if clauses.is_empty() {
        clauses.push("甲方关心女职工的身体健康。".to_owned());
    }
    for (i, c) in clauses.iter().enumerate() {
        let n = i64::try_from(i + 1).unwrap() * 1000;
        let label = match g.numbering {
            0 => format!("第{}条 ", write(n, Style::Chinese)),
            1 => format!("{}、", write(n, Style::Chinese)),
            _ => format!("（{}）", write(n, Style::Chinese)),
        };
        out.push_str(&format!("{label}{c}\n"));
    }
    out.push_str(&format!("签订日期：{}年12月20日\n", from - 1));
    out
}

fn rule_set() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| rules::load(&rules::builtin_sources()).unwrap())
}

fn overrides() -> Overrides {
    Overrides {
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 5),
        ..Overrides::default()
    }
}

fn options(scope: Scope) -> Options {
    Options {
        scope,
        date: "2026-12-05T12:00:00Z".to_owned(),
        lang: Lang::Zh,
    }
}

/// What is left to rectify or refer in `bytes`.
fn left(bytes: &[u8]) -> Vec<String> {
    let (_, report) =
        dixian_import::api::check_bytes(rule_set(), "g.txt", bytes.to_vec(), &overrides()).unwrap();
    report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Rectify)
        .map(|f| f.message.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn fixed_contracts_check_clean_and_stay_fixed(g in contracts(), all in any::<bool>()) {
        let scope = if all { Scope::All } else { Scope::Required };
        let text = text(&g);
        let once = fix_bytes(rule_set(), "g.txt", text.as_bytes(), &overrides(), &options(scope)).unwrap();
        let fixed = String::from_utf8(once.bytes.clone()).unwrap();
        prop_assert!(left(&once.bytes).is_empty(), "left {:?} in\n{fixed}", left(&once.bytes));
        let twice = fix_bytes(rule_set(), "g.txt", &once.bytes, &overrides(), &options(scope)).unwrap();
        prop_assert_eq!(twice.changes, 0, "{}\n{}", fixed, twice.summary);
        prop_assert_eq!(&twice.bytes, &once.bytes);
    }
}
