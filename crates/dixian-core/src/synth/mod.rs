//! Seeded synthetic contracts for tests and benchmarks (feature `synth`).
//!
//! The same options and index always give the same contract. Regions, dates and terms vary around
//! the built-in floors: some terms sit above their floor, some below, some are left out, a few
//! clauses carry forbidden wording, and — when asked — a share of the files is broken in the ways
//! real files break (bad date, unknown term, unit missing), so a batch exercises every path of the
//! checker. The figures are test data, not law: they are chosen to straddle the rules in `rules/`.
//!
//! Two clause layouts share the header (region, enterprise, term, workforce) and the breakage:
//! - `clauses: None` (the default): the six-clause layout the CLI tests and `examples/synth` use;
//! - `clauses: Some(n)`: exactly `n` clauses, terms spread over the 五期 clauses and the rest general
//!   provisions, built as a typed [`Spec`] first (what the benchmarks and their side-by-side peers
//!   need; see [`spec`]).

mod classic;
mod table;

pub use table::{ClauseSpec, Spec, Value, spec};

/// A small, fast, seeded generator (SplitMix64); good enough to vary test data, not for anything else.
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
    /// Starting anywhere from 2013 to 2025, so terms cross the dates where rules change.
    Varied,
    /// Starting in 2023 or later: every built-in rule has one version in force over the whole term,
    /// so the checks are those of one date (what the benchmarks' side-by-side peers encode).
    Current,
}

/// What to generate. The default (seed 1, nothing broken, the six-clause layout, varied regions and
/// dates) is what `examples/synth` writes; changing a default changes every seeded batch.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub seed: u64,
    /// Every n-th contract (n > 0) is broken on purpose; `None` makes every contract readable.
    pub broken_every: Option<u64>,
    /// `Some(n)`: exactly `n` clauses (at least 1), see the module docs; `None`: the six-clause layout.
    pub clauses: Option<usize>,
    /// A fixed region, or `None` to vary it over the built-in regions.
    pub region: Option<&'static str>,
    pub dates: Dates,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            seed: 1,
            broken_every: None,
            clauses: None,
            region: None,
            dates: Dates::Varied,
        }
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

/// The `index`-th contract of the batch described by `options`, as YAML.
pub fn contract(options: Options, index: u64) -> String {
    match options.clauses {
        None => classic::contract(options, index),
        Some(_) => table::contract(options, index),
    }
}

/// One contract of `n_clauses` clauses from `seed` (varied region and dates), as YAML.
pub fn generate(seed: u64, n_clauses: usize) -> String {
    contract(
        Options {
            seed,
            clauses: Some(n_clauses),
            ..Options::default()
        },
        0,
    )
}

/// The part every layout draws first, in this order (the order fixes every seeded batch).
struct Header {
    region: &'static str,
    enterprise: &'static str,
    year: i32,
    month: u32,
    /// Length of the term in whole years.
    years: i32,
    total: u32,
    women: u32,
}

impl Header {
    fn draw(rng: &mut Rng, options: &Options) -> Self {
        // A fixed region takes no draw, so the rest of the contract is the same in every region.
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
        Self {
            region,
            enterprise,
            year,
            month,
            years,
            total,
            women,
        }
    }
}

/// The seed of the `index`-th contract's generator.
fn contract_seed(options: &Options, index: u64) -> u64 {
    options.seed ^ index.wrapping_mul(0xa076_1d64_78bd_642f)
}

fn is_broken(options: &Options, index: u64) -> bool {
    options
        .broken_every
        .is_some_and(|k| k > 0 && index % k == k - 1)
}

/// Spoils a contract the way real files are spoiled.
fn break_it(yaml: &str, rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => yaml.replacen("-01, end:", "-32, end:", 1),
        1 => format!("{yaml}  - id: 附则\n    terms:\n      年休假: 5天\n"),
        _ => format!("{yaml}  - id: 附则\n    terms:\n      产假: 158\n"),
    }
}
