//! The six-clause layout (`Options::clauses == None`): one clause per 五期 topic plus the general
//! duties, each present with high probability, and now and then a clause of forbidden wording. The
//! breakage continues the contract's own generator, so broken files differ from readable ones.

use super::{Header, Options, Rng, break_it, contract_seed, is_broken};

const MATERNITY: [u32; 6] = [90, 98, 128, 158, 178, 188];
const HYGIENE: [u32; 5] = [10, 20, 30, 35, 50];
const NURSING_HOURS: [&str; 4] = ["0.5", "1", "1", "1.5"];
const PATERNITY: [u32; 5] = [7, 15, 20, 25, 30];
const FORBIDDEN: [&str; 3] = [
    "女职工在合同期内不得生育。",
    "女职工怀孕的，视为自动离职。",
    "入职体检包括妊娠检测。",
];

/// The `index`-th contract in the six-clause layout, as YAML.
pub(super) fn contract(options: Options, index: u64) -> String {
    let mut rng = Rng::new(contract_seed(&options, index));
    let h = Header::draw(&mut rng, &options);
    let mut y = format!(
        "title: {}{index}号女职工权益保护专项集体合同\nregion: {}\nterm: {{start: {}-{:02}-01, end: {}-{:02}-01}}\nworkforce: {{total: {}, women: {}}}\nclauses:\n",
        h.enterprise,
        h.region,
        h.year,
        h.month,
        h.year + h.years,
        h.month,
        h.total,
        h.women
    );
    let mut n = 0;
    let mut clause = |y: &mut String, topic: Option<&str>, text: &str, terms: &[(&str, String)]| {
        n += 1;
        y.push_str(&format!("  - id: 第{n}条\n"));
        if let Some(t) = topic {
            y.push_str(&format!("    topic: {t}\n"));
        }
        y.push_str(&format!("    text: {text}\n"));
        if !terms.is_empty() {
            y.push_str("    terms:\n");
            for (k, v) in terms {
                y.push_str(&format!("      {k}: {v}\n"));
            }
        }
    };
    // Most terms are present and at or above their floor; some fall short, some are left out.
    let yes_no = |rng: &mut Rng| {
        if rng.chance(92) {
            "是".to_owned()
        } else {
            "否".to_owned()
        }
    };
    if rng.chance(92) {
        let fee = rng.pick(&HYGIENE).copied().unwrap_or(30);
        clause(
            &mut y,
            Some("经期"),
            &format!("每月发放卫生费{fee}元。"),
            &[
                ("卫生费", format!("{fee}元/月")),
                ("经期禁忌劳动", yes_no(&mut rng)),
                ("女职工卫生室", "是".to_owned()),
            ],
        );
    }
    if rng.chance(95) {
        let days = rng.pick(&MATERNITY).copied().unwrap_or(98);
        let mut terms = vec![
            ("产假", format!("{days}天")),
            ("生育津贴按上年度职工月平均工资", "是".to_owned()),
        ];
        if rng.chance(95) {
            terms.push((
                "难产假",
                format!("{}天", if rng.chance(92) { 15 } else { 10 }),
            ));
        }
        if rng.chance(90) {
            terms.push((
                "陪产假",
                format!("{}天", rng.pick(&PATERNITY).copied().unwrap_or(15)),
            ));
        }
        if rng.chance(90) {
            terms.push((
                "育儿假",
                format!("{}天/年", if rng.chance(85) { 10 } else { 5 }),
            ));
        }
        clause(
            &mut y,
            Some("产期"),
            &format!("女职工生育享受产假{days}天。"),
            &terms,
        );
    }
    if rng.chance(95) {
        let early = if rng.chance(92) { 15 } else { 10 };
        clause(
            &mut y,
            Some("孕期"),
            "怀孕7个月以上的女职工不安排延长劳动时间和夜班劳动；产前检查计入劳动时间。",
            &[
                (
                    "孕期禁止加班夜班起始",
                    format!("{}月", if rng.chance(92) { 7 } else { 8 }),
                ),
                ("孕期禁止加班夜班", yes_no(&mut rng)),
                ("产前检查计入劳动时间", yes_no(&mut rng)),
                ("孕期禁忌劳动", yes_no(&mut rng)),
                ("流产假_不满4个月", format!("{early}天")),
                ("流产假_满4个月", "42天".to_owned()),
            ],
        );
    }
    if rng.chance(92) {
        let hours = rng.pick(&NURSING_HOURS).copied().unwrap_or("1");
        clause(
            &mut y,
            Some("哺乳期"),
            &format!("每天哺乳时间{hours}小时。"),
            &[
                ("哺乳时间", format!("{hours}小时/日")),
                ("哺乳期", "12月".to_owned()),
                ("哺乳期禁止加班夜班", yes_no(&mut rng)),
                ("哺乳期禁忌劳动", yes_no(&mut rng)),
                ("哺乳室", "是".to_owned()),
            ],
        );
    }
    if rng.chance(85) {
        clause(
            &mut y,
            Some("更年期"),
            "关心更年期女职工，每年安排一次妇科检查。",
            &[
                ("更年期保护", "是".to_owned()),
                ("妇科检查", "1次/年".to_owned()),
            ],
        );
    }
    if rng.chance(92) {
        clause(
            &mut y,
            None,
            "禁忌从事的劳动范围书面告知女职工；不因婚孕产哺降低工资或解除劳动合同；预防和制止性骚扰。",
            &[
                ("禁忌劳动书面告知", yes_no(&mut rng)),
                ("不因婚孕产哺降薪解除", yes_no(&mut rng)),
                ("合同顺延", yes_no(&mut rng)),
                ("性骚扰防治", yes_no(&mut rng)),
                ("职代会女代表比例", format!("{}%", rng.below(101))),
            ],
        );
    }
    if rng.chance(6) {
        let text = rng.pick(&FORBIDDEN).copied().unwrap_or("");
        clause(&mut y, None, text, &[]);
    }
    if is_broken(&options, index) {
        y = break_it(&y, &mut rng);
    }
    y
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
    }

    #[test]
    fn readable_batches_load_and_broken_ones_do_not() {
        let rules = crate::rules::builtin().unwrap_or_default();
        let ok = Options {
            seed: 11,
            ..Options::default()
        };
        let mut below_floor = 0;
        for i in 0..200 {
            let text = contract(ok, i);
            let report = crate::check_yaml(&rules, "synth.yaml", &text);
            assert!(
                report.is_ok(),
                "contract {i} should load: {report:?}\n{text}"
            );
            below_floor += usize::from(report.is_ok_and(|r| r.exit_code() == 1));
        }
        assert!(
            below_floor > 0 && below_floor < 200,
            "a batch straddles the floors: {below_floor}"
        );
        let broken = Options {
            seed: 11,
            broken_every: Some(5),
            ..Options::default()
        };
        for i in (4..200).step_by(5) {
            assert!(
                crate::check_yaml(&rules, "synth.yaml", &contract(broken, i)).is_err(),
                "contract {i} should be broken"
            );
        }
    }
}
