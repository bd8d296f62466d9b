//! The layout of exactly `n` clauses (`Options::clauses == Some(n)`): the terms go into up to six
//! topic clauses, the rest are general provisions in prose, a few with unlawful or lawfully negated
//! wording. The contract is built as a typed [`Spec`] first, from which the benchmarks' side-by-side
//! peers build their own inputs; the YAML is written from it.

use super::{Header, Options, Rng, break_it, contract_seed, is_broken};
use std::fmt::Write as _;

/// The clause count [`spec`] uses when `Options::clauses` is `None`.
const DEFAULT_CLAUSES: usize = 8;

/// A stated value: a quantity in thousandths of `unit`, or a commitment (是/否).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Quantity { milli: i64, unit: &'static str },
    Commitment(bool),
}

impl Value {
    fn write(&self, out: &mut String) {
        match *self {
            Self::Quantity { milli, unit } => {
                let (whole, frac) = (milli / 1000, milli % 1000);
                if frac == 0 {
                    let _ = write!(out, "{whole}{unit}");
                } else {
                    let frac = format!("{frac:03}");
                    let _ = write!(out, "{whole}.{}{unit}", frac.trim_end_matches('0'));
                }
            }
            Self::Commitment(yes) => out.push_str(if yes { "是" } else { "否" }),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseSpec {
    pub id: String,
    pub topic: Option<&'static str>,
    pub text: String,
    pub terms: Vec<(&'static str, Value)>,
}

/// A contract before it is written out: what the generator decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    pub title: String,
    pub region: &'static str,
    /// (year, month, day) of the term's start and end.
    pub start: (i32, u32, u32),
    pub end: (i32, u32, u32),
    pub total: u32,
    pub women: u32,
    pub clauses: Vec<ClauseSpec>,
}

impl Spec {
    /// Every stated term, in contract order.
    pub fn terms(&self) -> impl Iterator<Item = (&'static str, Value)> + '_ {
        self.clauses.iter().flat_map(|c| c.terms.iter().copied())
    }

    pub fn to_yaml(&self) -> String {
        let mut y = String::with_capacity(256 + 120 * self.clauses.len());
        let date = |(y, m, d): (i32, u32, u32)| format!("{y}-{m:02}-{d:02}");
        let _ = write!(
            y,
            "title: {}\nregion: {}\nterm: {{start: {}, end: {}}}\nworkforce: {{total: {}, women: {}}}\nclauses:\n",
            self.title,
            self.region,
            date(self.start),
            date(self.end),
            self.total,
            self.women
        );
        for c in &self.clauses {
            let _ = writeln!(y, "  - id: {}", c.id);
            if let Some(t) = c.topic {
                let _ = writeln!(y, "    topic: {t}");
            }
            let _ = writeln!(y, "    text: {}", c.text);
            if !c.terms.is_empty() {
                y.push_str("    terms:\n");
                for (name, value) in &c.terms {
                    let _ = write!(y, "      {name}: ");
                    value.write(&mut y);
                    y.push('\n');
                }
            }
        }
        y
    }
}

/// A term the generator may state: its clause topic, unit (`None` for a commitment), the figures it
/// picks from (thousandths; chosen to straddle the built-in floors) and how often it is stated.
struct TermGen {
    name: &'static str,
    topic: usize,
    unit: Option<&'static str>,
    figures: &'static [i64],
    percent: u64,
}

const fn q(
    name: &'static str,
    topic: usize,
    unit: &'static str,
    figures: &'static [i64],
    percent: u64,
) -> TermGen {
    TermGen {
        name,
        topic,
        unit: Some(unit),
        figures,
        percent,
    }
}

const fn yes(name: &'static str, topic: usize) -> TermGen {
    TermGen {
        name,
        topic,
        unit: None,
        figures: &[],
        percent: 94,
    }
}

/// Clause topics, in the order the clauses appear; `None` is a general clause.
const TOPICS: [Option<&str>; 6] = [
    Some("经期"),
    Some("孕期"),
    Some("产期"),
    Some("哺乳期"),
    Some("更年期"),
    None,
];

const TERMS: [TermGen; 29] = [
    q(
        "卫生费",
        0,
        "元/月",
        &[10_000, 20_000, 30_000, 35_000, 50_000],
        90,
    ),
    q("痛经假", 0, "天/月", &[500, 1_000, 1_000, 2_000], 25),
    yes("经期禁忌劳动", 0),
    yes("女职工卫生室", 0),
    q(
        "孕期禁止加班夜班起始",
        1,
        "月",
        &[7_000, 7_000, 7_000, 6_000, 8_000],
        92,
    ),
    yes("孕期禁止加班夜班", 1),
    yes("产前检查计入劳动时间", 1),
    yes("孕期禁忌劳动", 1),
    q(
        "流产假_不满4个月",
        1,
        "天",
        &[15_000, 15_000, 20_000, 10_000],
        90,
    ),
    q(
        "流产假_满4个月",
        1,
        "天",
        &[42_000, 42_000, 42_000, 30_000],
        90,
    ),
    q(
        "产假",
        2,
        "天",
        &[90_000, 98_000, 128_000, 158_000, 158_000, 178_000, 188_000],
        96,
    ),
    q(
        "难产假",
        2,
        "天",
        &[15_000, 15_000, 15_000, 30_000, 10_000],
        92,
    ),
    q("多胞胎假", 2, "天", &[15_000, 15_000, 10_000], 60),
    q(
        "陪产假",
        2,
        "天",
        &[7_000, 15_000, 15_000, 20_000, 25_000, 30_000],
        90,
    ),
    yes("生育津贴按上年度职工月平均工资", 2),
    q("哺乳时间", 3, "小时/日", &[500, 1_000, 1_000, 1_500], 94),
    q("多胞胎哺乳时间", 3, "小时/日", &[1_000, 1_000, 500], 50),
    q(
        "哺乳期",
        3,
        "月",
        &[12_000, 12_000, 12_000, 6_000, 18_000],
        90,
    ),
    yes("哺乳期禁止加班夜班", 3),
    yes("哺乳期禁忌劳动", 3),
    yes("哺乳室", 3),
    q("妇科检查", 4, "次/年", &[500, 1_000, 1_000, 2_000], 88),
    yes("更年期保护", 4),
    q(
        "育儿假",
        5,
        "天/年",
        &[10_000, 10_000, 10_000, 5_000, 15_000],
        90,
    ),
    yes("禁忌劳动书面告知", 5),
    yes("不因婚孕产哺降薪解除", 5),
    yes("合同顺延", 5),
    yes("性骚扰防治", 5),
    q(
        "职代会女代表比例",
        5,
        "%",
        &[30_000, 40_000, 50_000, 60_000],
        70,
    ),
];

/// Prose for the topic clauses (the figures are in `terms`; the text reads like a real clause).
const TOPIC_TEXT: [&str; 6] = [
    "女职工经期不安排高处、低温、冷水作业和国家规定的第三级体力劳动强度的劳动；每月按时发放女职工卫生费。",
    "怀孕7个月以上的女职工，不安排延长劳动时间或者夜班劳动，并在劳动时间内安排一定的休息时间；产前检查所需时间计入劳动时间。",
    "女职工生育享受国家和本省规定的产假，难产的增加产假；生育津贴按照用人单位上年度职工月平均工资计发。",
    "对哺乳未满1周岁婴儿的女职工，在每天的劳动时间内安排哺乳时间，不延长劳动时间或者安排夜班劳动。",
    "每年组织女职工进行一次妇科疾病、乳腺疾病检查，关心更年期女职工的身心健康。",
    "企业将女职工禁忌从事的劳动范围的岗位书面告知女职工；建立预防和制止性骚扰的工作制度。",
];

/// General provisions: lawful prose, some of it negating the very words the forbidden-text rules look
/// for (the matcher must see the negation), as real contracts do.
const GENERAL_TEXT: [&str; 10] = [
    "本合同依据《中华人民共和国劳动法》《中华人民共和国妇女权益保障法》《女职工劳动保护特别规定》等法律法规，经平等协商订立。",
    "企业不得因女职工结婚、怀孕、产假、哺乳等情形，降低其工资和福利待遇，限制其晋职、晋级、评聘专业技术职称和职务。",
    "企业工会女职工委员会负责监督本合同的履行，每年向职工代表大会报告一次合同履行情况。",
    "企业在录用女职工时，不得要求其提供婚育情况证明，不得将限制结婚、生育作为录用条件。",
    "双方因履行本合同发生争议的，应当协商解决；协商不成的，可以依法申请劳动争议仲裁。",
    "企业每年安排专项经费用于女职工的培训，提高女职工的职业技能和自我保护意识。",
    "本合同未尽事宜，按照国家和本省有关规定执行；国家和本省有新规定的，从其规定。",
    "企业不得以女职工怀孕、生育为由解除劳动合同，合同期满的应当延续至哺乳期满。",
    "本合同一式三份，经职工代表大会审议通过，双方首席代表签字后生效。",
    "企业应当为女职工提供必要的劳动防护用品，定期检查劳动场所的安全卫生条件。",
];

/// Unlawful wording, as it turns up in real contracts.
const FORBIDDEN_TEXT: [&str; 3] = [
    "女职工在合同期内不得生育，确需生育的须提前申请。",
    "女职工怀孕的，视为自动离职。",
    "入职体检包括妊娠检测。",
];

/// The `index`-th contract in this layout, as YAML. The breakage draws from a generator of its
/// own, so a broken file is its readable twin spoiled.
pub(super) fn contract(options: Options, index: u64) -> String {
    let mut y = spec(options, index).to_yaml();
    if is_broken(&options, index) {
        let mut rng = Rng::new(options.seed ^ index);
        y = break_it(&y, &mut rng);
    }
    y
}

/// The `index`-th contract of the batch in this layout (of `DEFAULT_CLAUSES` clauses when
/// `options.clauses` is `None`), before it is written out.
pub fn spec(options: Options, index: u64) -> Spec {
    let mut rng = Rng::new(contract_seed(&options, index));
    let h = Header::draw(&mut rng, &options);

    let n = options.clauses.unwrap_or(DEFAULT_CLAUSES).max(1);
    let topic_clauses = n.min(TOPICS.len());
    let mut clauses: Vec<ClauseSpec> = (0..topic_clauses)
        .map(|i| ClauseSpec {
            id: String::new(),
            topic: TOPICS
                .get(i)
                .copied()
                .flatten()
                .filter(|_| n >= TOPICS.len()),
            text: TOPIC_TEXT.get(i).copied().unwrap_or("").to_owned(),
            terms: Vec::new(),
        })
        .collect();
    // With fewer clauses than topics, topics share clauses (term i goes to clause topic % n).
    for t in &TERMS {
        if !rng.chance(t.percent) {
            continue;
        }
        let value = match t.unit {
            Some(unit) => Value::Quantity {
                milli: rng.pick(t.figures).copied().unwrap_or(0),
                unit,
            },
            None => Value::Commitment(rng.chance(93)),
        };
        if let Some(c) = clauses.get_mut(t.topic % topic_clauses) {
            c.terms.push((t.name, value));
        }
    }
    for _ in topic_clauses..n {
        let text = if rng.chance(3) {
            rng.pick(&FORBIDDEN_TEXT)
        } else {
            rng.pick(&GENERAL_TEXT)
        };
        clauses.push(ClauseSpec {
            id: String::new(),
            topic: None,
            text: text.copied().unwrap_or("").to_owned(),
            terms: Vec::new(),
        });
    }
    for (i, c) in clauses.iter_mut().enumerate() {
        c.id = format!("第{}条", i + 1);
    }
    let (end_year, end_month) = if h.month == 1 {
        (h.year + h.years - 1, 12)
    } else {
        (h.year + h.years, h.month - 1)
    };
    Spec {
        title: format!("{}{index}号女职工权益保护专项集体合同", h.enterprise),
        region: h.region,
        start: (h.year, h.month, 1),
        end: (end_year, end_month, 28),
        total: h.total,
        women: h.women,
        clauses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_contract_and_seeds_differ() {
        let a = Options {
            seed: 7,
            clauses: Some(8),
            ..Options::default()
        };
        assert_eq!(contract(a, 3), contract(a, 3));
        assert_ne!(contract(a, 3), contract(Options { seed: 8, ..a }, 3));
        assert_eq!(super::super::generate(5, 30), super::super::generate(5, 30));
    }

    #[test]
    fn clause_counts_are_honoured() {
        for n in [1, 3, 6, 10, 30, 100] {
            let s = spec(
                Options {
                    clauses: Some(n),
                    ..Options::default()
                },
                1,
            );
            assert_eq!(s.clauses.len(), n);
        }
    }
}
