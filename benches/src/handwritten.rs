//! The limit: the checks of 全国 + 湖北 in force on one date (2023 onwards), written by hand as one
//! Rust function over a typed struct — what a programmer would write for one province and one date,
//! with no rule files, no windows and no messages. The strictest floor of the chain is written in
//! directly (湖北's 158天, not 全国's 98天), which is what dixian's subsumption computes.

use crate::verdict::{Kind, Level, Verdicts};
use dixian_core::synth::{Spec, Value};

/// The contract's facts, thousandths for quantities (`None` = not stated).
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub women: Option<u32>,
    pub maternity_leave: Option<i64>,
    pub difficult_birth_leave: Option<i64>,
    pub multiple_birth_leave: Option<i64>,
    pub miscarriage_leave_early: Option<i64>,
    pub miscarriage_leave_late: Option<i64>,
    pub paternity_leave: Option<i64>,
    pub childcare_leave: Option<i64>,
    pub pregnancy_protection_from: Option<i64>,
    pub dysmenorrhea_leave: Option<i64>,
    pub nursing_time: Option<i64>,
    pub multiple_birth_nursing_time: Option<i64>,
    pub nursing_period: Option<i64>,
    pub gyn_exam: Option<i64>,
    pub maternity_allowance_basis: Option<bool>,
    pub pregnancy_no_overtime: Option<bool>,
    pub prenatal_check_paid: Option<bool>,
    pub nursing_no_overtime: Option<bool>,
    pub nursing_room: Option<bool>,
    pub menstrual_work_limits: Option<bool>,
    pub pregnancy_work_limits: Option<bool>,
    pub nursing_work_limits: Option<bool>,
    pub contract_extension: Option<bool>,
    pub hygiene_room: Option<bool>,
    pub menopause_care: Option<bool>,
    pub prohibited_work_notice: Option<bool>,
    pub no_adverse_treatment: Option<bool>,
    pub harassment_prevention: Option<bool>,
    /// Clause texts, for the forbidden-wording checks.
    pub texts: Vec<String>,
}

impl Facts {
    /// The typed struct of a generated contract.
    pub fn from_spec(spec: &Spec) -> Self {
        let mut f = Facts {
            women: Some(spec.women),
            texts: spec.clauses.iter().map(|c| c.text.clone()).collect(),
            ..Facts::default()
        };
        for (name, value) in spec.terms() {
            match value {
                Value::Quantity { milli, .. } => {
                    let slot = match name {
                        "产假" => &mut f.maternity_leave,
                        "难产假" => &mut f.difficult_birth_leave,
                        "多胞胎假" => &mut f.multiple_birth_leave,
                        "流产假_不满4个月" => &mut f.miscarriage_leave_early,
                        "流产假_满4个月" => &mut f.miscarriage_leave_late,
                        "陪产假" => &mut f.paternity_leave,
                        "育儿假" => &mut f.childcare_leave,
                        "孕期禁止加班夜班起始" => &mut f.pregnancy_protection_from,
                        "哺乳时间" => &mut f.nursing_time,
                        "多胞胎哺乳时间" => &mut f.multiple_birth_nursing_time,
                        "哺乳期" => &mut f.nursing_period,
                        "妇科检查" => &mut f.gyn_exam,
                        "痛经假" => &mut f.dysmenorrhea_leave,
                        _ => continue,
                    };
                    *slot = Some(milli);
                }
                Value::Commitment(yes) => {
                    let slot = match name {
                        "生育津贴按上年度职工月平均工资" => {
                            &mut f.maternity_allowance_basis
                        }
                        "孕期禁止加班夜班" => &mut f.pregnancy_no_overtime,
                        "产前检查计入劳动时间" => &mut f.prenatal_check_paid,
                        "哺乳期禁止加班夜班" => &mut f.nursing_no_overtime,
                        "哺乳室" => &mut f.nursing_room,
                        "经期禁忌劳动" => &mut f.menstrual_work_limits,
                        "孕期禁忌劳动" => &mut f.pregnancy_work_limits,
                        "哺乳期禁忌劳动" => &mut f.nursing_work_limits,
                        "合同顺延" => &mut f.contract_extension,
                        "女职工卫生室" => &mut f.hygiene_room,
                        "更年期保护" => &mut f.menopause_care,
                        "禁忌劳动书面告知" => &mut f.prohibited_work_notice,
                        "不因婚孕产哺降薪解除" => &mut f.no_adverse_treatment,
                        "性骚扰防治" => &mut f.harassment_prevention,
                        _ => continue,
                    };
                    *slot = Some(yes);
                }
            }
        }
        f
    }
}

/// One failed check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub kind: Kind,
    pub level: Level,
}

fn push(out: &mut Vec<Finding>, rule: &'static str, kind: Kind, level: Level) {
    out.push(Finding { rule, kind, level });
}

/// `value >= min`; reported missing at `missing` (a floor's default is 提示).
fn floor(
    out: &mut Vec<Finding>,
    v: Option<i64>,
    min: i64,
    rule: &'static str,
    missing: Option<Level>,
) {
    match (v, missing) {
        (Some(x), _) if x < min => push(out, rule, Kind::Violated, Level::Rectify),
        (None, Some(level)) => push(out, rule, Kind::Missing, level),
        _ => {}
    }
}

/// A commitment: 否 fails at `level`; not stated is reported at `level` too.
fn promise(out: &mut Vec<Finding>, v: Option<bool>, rule: &'static str, level: Level) {
    match v {
        Some(false) => push(out, rule, Kind::Violated, level),
        None => push(out, rule, Kind::Missing, level),
        Some(true) => {}
    }
}

/// The floors and commitments of 全国 + 湖北 in force from 2023-01-01.
pub fn check(f: &Facts) -> Vec<Finding> {
    use Level::{Notice, Rectify};
    let mut out = Vec::with_capacity(8);
    let o = &mut out;
    floor(o, f.maternity_leave, 158_000, "湖北.产假", Some(Notice));
    floor(
        o,
        f.difficult_birth_leave,
        15_000,
        "全国.难产假",
        Some(Notice),
    );
    floor(o, f.multiple_birth_leave, 15_000, "全国.多胞胎假", None);
    floor(
        o,
        f.miscarriage_leave_early,
        15_000,
        "全国.流产假不满4个月",
        Some(Notice),
    );
    floor(
        o,
        f.miscarriage_leave_late,
        42_000,
        "全国.流产假满4个月",
        Some(Notice),
    );
    floor(o, f.paternity_leave, 15_000, "湖北.陪产假", Some(Notice));
    floor(o, f.childcare_leave, 10_000, "湖北.育儿假", Some(Notice));
    floor(o, f.nursing_time, 1_000, "全国.哺乳时间", Some(Notice));
    floor(
        o,
        f.multiple_birth_nursing_time,
        1_000,
        "全国.多胞胎哺乳时间",
        None,
    );
    floor(o, f.nursing_period, 12_000, "全国.哺乳期", Some(Notice));
    // 湖北's discretionary 痛经假 is a notice, not reported when missing.
    if f.dysmenorrhea_leave.is_some_and(|x| x < 1_000) {
        push(o, "湖北.痛经假", Kind::Violated, Notice);
    }
    // A ceiling: protection must start no later than the 7th month.
    match f.pregnancy_protection_from {
        Some(x) if x > 7_000 => push(o, "全国.孕期禁止加班夜班起始", Kind::Violated, Rectify),
        // Missing only where the commitment it details is made: a missing or refused commitment
        // already says it (one finding per problem).
        None if f.pregnancy_no_overtime == Some(true) => {
            push(o, "全国.孕期禁止加班夜班起始", Kind::Missing, Notice);
        }
        _ => {}
    }
    // 妇科检查: some frequency (> 0, 整改), and for 更年期 at least every two years (提示, not
    // reported when missing); neither subsumes the other.
    match f.gyn_exam {
        Some(x) => {
            if x <= 0 {
                push(o, "全国.妇科检查", Kind::Violated, Rectify);
            }
            if x < 500 {
                push(o, "全国.更年期妇科查治", Kind::Violated, Notice);
            }
        }
        None => push(o, "全国.妇科检查", Kind::Missing, Rectify),
    }
    match f.maternity_allowance_basis {
        Some(false) => push(o, "全国.生育津贴", Kind::Violated, Rectify),
        None => push(o, "全国.生育津贴", Kind::Missing, Notice),
        Some(true) => {}
    }
    promise(o, f.pregnancy_no_overtime, "全国.孕期禁止加班夜班", Rectify);
    promise(o, f.prenatal_check_paid, "全国.产前检查", Rectify);
    promise(o, f.nursing_no_overtime, "全国.哺乳期禁止加班夜班", Rectify);
    promise(o, f.nursing_room, "全国.哺乳室", Notice);
    promise(o, f.menstrual_work_limits, "全国.经期禁忌劳动", Rectify);
    promise(o, f.pregnancy_work_limits, "全国.孕期禁忌劳动", Rectify);
    promise(o, f.nursing_work_limits, "全国.哺乳期禁忌劳动", Rectify);
    promise(o, f.contract_extension, "全国.合同顺延", Rectify);
    if f.women.is_some_and(|w| w >= 100) {
        promise(o, f.hygiene_room, "全国.女职工卫生室", Notice);
    }
    promise(o, f.menopause_care, "全国.更年期保护", Notice);
    promise(
        o,
        f.prohibited_work_notice,
        "全国.禁忌劳动书面告知",
        Rectify,
    );
    promise(
        o,
        f.no_adverse_treatment,
        "全国.不因婚孕产哺降薪解除",
        Rectify,
    );
    promise(o, f.harassment_prevention, "全国.性骚扰防治", Rectify);
    out
}

/// The forbidden-wording rules of 全国 in force from 2023-01-01: (rule, patterns).
const FORBIDDEN: [(&str, &[&str]); 3] = [
    (
        "全国.限制婚育条款",
        &[
            "不得结婚",
            "不得生育",
            "不得怀孕",
            "不准结婚",
            "不准生育",
            "不准怀孕",
            "禁止结婚",
            "禁止生育",
            "禁止怀孕",
            "暂缓生育",
        ],
    ),
    (
        "全国.怀孕解除条款",
        &[
            "怀孕*自动离职",
            "怀孕*视为*离职",
            "怀孕*解除劳动合同",
            "怀孕*予以辞退",
            "生育*自动离职",
            "结婚*自动离职",
            "结婚*解除",
        ],
    ),
    (
        "全国.妊娠检测",
        &[
            "妊娠检测",
            "妊娠测试",
            "怀孕检测",
            "孕检*入职",
            "入职*孕检",
            "妊娠检查*录用",
            "入职*妊娠检查",
        ],
    ),
];

/// [`check`] plus the forbidden-wording rules, with dixian's own matcher (a hand-writer would reuse
/// it: the negation handling is the hard part, not the loop).
pub fn check_with_text(f: &Facts) -> Vec<Finding> {
    let mut out = check(f);
    for text in &f.texts {
        for (rule, patterns) in FORBIDDEN {
            if patterns
                .iter()
                .any(|p| dixian_core::eval::text::find(text, p).is_some())
            {
                push(&mut out, rule, Kind::Text, Level::Refer);
            }
        }
    }
    out
}

/// The findings as verdicts.
pub fn verdicts(findings: &[Finding]) -> Verdicts {
    findings
        .iter()
        .map(|f| (f.rule.to_owned(), f.kind, f.level))
        .collect()
}
