//! Seeded synthetic contracts for benchmarks and tests.
//!
//! The API mirrors `dixian_core::synth` (branch `cli`): an [`Options`] with a seed and an optional
//! "break every n-th contract", and [`contract`]`(options, index) -> String`, so the two can be unified.
//! This one adds what the benchmarks need: a clause count (terms spread over the 五期 clauses, the rest
//! general provisions), a fixed region, and a term inside one legal period; and [`spec`], the typed
//! contract before it is written as YAML, from which the side-by-side peers build their own inputs.
//!
//! The figures are test data, not law: they are chosen to straddle the floors in `rules/`, so a batch
//! has terms above, at and below their floors, and some terms left out.

use std::fmt::Write as _;

/// A small, fast, seeded generator (SplitMix64), the same as `dixian_core::synth::Rng`.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let n = u64::try_from(items.len()).unwrap_or(0);
        items.get(usize::try_from(self.below(n)).unwrap_or(0))
    }
}

/// When the contract's term lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dates {
    /// Anywhere from 2013 to 2027, so terms cross the dates where rules change.
    Varied,
    /// Starting in 2023 or later: every built-in rule has one version in force over the whole term,
    /// so the checks are those of one date (what the side-by-side peers encode).
    Current,
}

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub seed: u64,
    /// Every n-th contract (n > 0) is broken on purpose; `None` makes every contract readable.
    pub broken_every: Option<u64>,
    /// Clauses per contract (at least 1): the terms go into up to six topic clauses, the rest are
    /// general provisions in prose, a few with unlawful or lawfully negated wording.
    pub clauses: usize,
    /// A fixed region, or `None` to vary it over the built-in regions.
    pub region: Option<&'static str>,
    pub dates: Dates,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            seed: 1,
            broken_every: None,
            clauses: 8,
            region: None,
            dates: Dates::Varied,
        }
    }
}

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

/// The regions contracts are drawn from when none is fixed (every built-in region, by its usual names).
pub const REGIONS: [&str; 8] = [
    "北京市",
    "北京市海淀区",
    "湖北省武汉市",
    "湖北省",
    "四川省成都市",
    "江苏省南通市",
    "宁夏回族自治区银川市",
    "全国",
];
const ENTERPRISES: [&str; 6] = [
    "某某物流有限公司",
    "某某纺织厂",
    "某某电子科技有限公司",
    "某某食品有限公司",
    "某某医院",
    "某某商贸有限公司",
];

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

const TERMS: [TermGen; 26] = [
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

/// The `index`-th contract of the batch described by `options`, as YAML.
pub fn contract(options: Options, index: u64) -> String {
    let mut y = spec(options, index).to_yaml();
    if options
        .broken_every
        .is_some_and(|k| k > 0 && index % k == k - 1)
    {
        let mut rng = Rng::new(options.seed ^ index);
        y = break_it(&y, &mut rng);
    }
    y
}

/// One contract of `n_clauses` clauses from `seed` (varied region and dates), as YAML.
pub fn generate(seed: u64, n_clauses: usize) -> String {
    contract(
        Options {
            seed,
            clauses: n_clauses,
            ..Options::default()
        },
        0,
    )
}

/// The `index`-th contract of the batch, before it is written out.
pub fn spec(options: Options, index: u64) -> Spec {
    let mut rng = Rng::new(options.seed ^ index.wrapping_mul(0xa076_1d64_78bd_642f));
    let region = options
        .region
        .or_else(|| rng.pick(&REGIONS).copied())
        .unwrap_or("全国");
    let enterprise = rng.pick(&ENTERPRISES).copied().unwrap_or("某某公司");
    let (first_year, years_spread) = match options.dates {
        Dates::Varied => (2013, 13),
        Dates::Current => (2023, 3),
    };
    let year = first_year + i32::try_from(rng.below(years_spread)).unwrap_or(0);
    let month = 1 + u32::try_from(rng.below(12)).unwrap_or(0);
    let years = 1 + i32::try_from(rng.below(3)).unwrap_or(0);
    let total = 20 + u32::try_from(rng.below(800)).unwrap_or(0);
    let women = u32::try_from(rng.below(u64::from(total) + 1)).unwrap_or(0);

    let n = options.clauses.max(1);
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
    let (end_year, end_month) = if month == 1 {
        (year + years - 1, 12)
    } else {
        (year + years, month - 1)
    };
    Spec {
        title: format!("{enterprise}{index}号女职工权益保护专项集体合同"),
        region,
        start: (year, month, 1),
        end: (end_year, end_month, 28),
        total,
        women,
        clauses,
    }
}

/// Spoils a contract the way real files are spoiled.
fn break_it(yaml: &str, rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => yaml.replacen("-01, end:", "-32, end:", 1),
        1 => format!("{yaml}  - id: 附则\n    terms:\n      年休假: 5天\n"),
        _ => format!("{yaml}  - id: 附则\n    terms:\n      产假: 158\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_contract_and_seeds_differ() {
        let a = Options {
            seed: 7,
            ..Options::default()
        };
        assert_eq!(contract(a, 3), contract(a, 3));
        assert_ne!(contract(a, 3), contract(Options { seed: 8, ..a }, 3));
        assert_eq!(generate(5, 30), generate(5, 30));
    }

    #[test]
    fn clause_counts_are_honoured() {
        for n in [1, 3, 6, 10, 30, 100] {
            let s = spec(
                Options {
                    clauses: n,
                    ..Options::default()
                },
                1,
            );
            assert_eq!(s.clauses.len(), n);
        }
    }
}
