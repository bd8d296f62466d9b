//! The wording that names each term, its variants, and the words that change what a number means
//! (additions, parts of a total, conditions such as 难产 or 流产). Data, kept apart from the logic in
//! `terms.rs`, so a new phrasing is one more entry here.

/// What a number in a clause can be about, before conditions and units pick the vocabulary term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Maternity,
    /// Words that themselves mean an addition to maternity leave: 生育奖励假, 延长生育假.
    MaternityAddition,
    DifficultBirth,
    MultipleBirth,
    Miscarriage,
    Paternity,
    Childcare,
    Nursing,
    Hygiene,
    Dysmenorrhea,
    /// Rest during menstruation (经期休息, 带薪休息 in a sentence about 经期): 经期公假, or 痛经假
    /// when the sentence is about 痛经.
    MenstrualRest,
    /// 工间休息 in a sentence about pregnancy.
    PregnancyBreak,
    GynExam,
}

/// Phrases naming a quantity term, longest first where one contains another.
pub const KEYWORDS: &[(&str, Family)] = &[
    ("延长生育假", Family::MaternityAddition),
    ("生育奖励假", Family::MaternityAddition),
    ("延长产假", Family::MaternityAddition),
    ("奖励假", Family::MaternityAddition),
    ("难产假", Family::DifficultBirth),
    ("多胞胎假", Family::MultipleBirth),
    ("流产假", Family::Miscarriage),
    ("陪产假", Family::Paternity),
    ("护理假", Family::Paternity),
    ("陪护假", Family::Paternity),
    ("看护假", Family::Paternity),
    ("生育假", Family::Maternity),
    ("产假", Family::Maternity),
    ("育儿假", Family::Childcare),
    ("哺乳时间", Family::Nursing),
    ("哺乳假", Family::Nursing),
    ("卫生保健费", Family::Hygiene),
    ("卫生用品费", Family::Hygiene),
    ("卫生津贴", Family::Hygiene),
    ("卫生费", Family::Hygiene),
    ("痛经假", Family::Dysmenorrhea),
    ("痛经", Family::Dysmenorrhea),
    ("经期休息", Family::MenstrualRest),
    ("经期假", Family::MenstrualRest),
    ("带薪休息", Family::MenstrualRest),
    ("带薪休假", Family::MenstrualRest),
    ("带薪假", Family::MenstrualRest),
    ("休假", Family::MenstrualRest),
    ("公休", Family::MenstrualRest),
    ("休息", Family::MenstrualRest),
    ("工间休息", Family::PregnancyBreak),
    ("妇科检查", Family::GynExam),
    ("妇科疾病", Family::GynExam),
    ("妇科病", Family::GynExam),
    ("妇女病", Family::GynExam),
    ("乳腺疾病", Family::GynExam),
    ("乳腺病", Family::GynExam),
    ("两癌", Family::GynExam),
    ("妇科", Family::GynExam),
    ("生殖健康检查", Family::GynExam),
    ("妇检", Family::GynExam),
    ("两癌筛查", Family::GynExam),
    ("乳腺病筛查", Family::GynExam),
    ("休产假", Family::Maternity),
    ("产期假", Family::Maternity),
];

/// 护理假 also names leave to nurse one's parents; these words before it mean that one.
pub const NOT_PATERNITY: [&str; 4] = ["独生子女", "父母", "老人", "住院"];

/// Before a number in its phrase: the number is part of a total stated elsewhere (其中产前休假15天).
pub const PART_OF: [&str; 4] = ["其中", "包括", "包含", "含"];
/// Before a number: the number is added to what is already granted.
pub const ADDITION: [&str; 8] = [
    "增加",
    "延长",
    "另加",
    "另享受",
    "再享受",
    "另给予",
    "另外",
    "奖励",
];
/// Before an addition to maternity leave: only some women get it (晚育的另增加三十天, 领取独生子女证的
/// 增加产假), so it is not leave every woman is sure of.
pub const CONDITIONAL_ADDITION: [&str; 4] = ["晚育", "晚婚", "独生子女", "光荣证"];
/// Before a number: the number is the total (增加至158天, 共计158天).
pub const TOTAL: [&str; 9] = [
    "增加至",
    "增加到",
    "延长至",
    "延长到",
    "共计",
    "合计",
    "总计",
    "共享受",
    "累计",
];

/// Conditions that turn leave for birth into another term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    DifficultBirth,
    MultipleBirth,
    MiscarriageEarly,
    MiscarriageLate,
}

pub const DIFFICULT_BIRTH: [&str; 1] = ["难产"];
pub const MULTIPLE_BIRTH: [&str; 6] = [
    "多胞胎",
    "双胞胎",
    "每多生育",
    "多生育",
    "每多哺乳",
    "多哺乳",
];
pub const EARLY: [&str; 12] = [
    "未满4个月",
    "不满4个月",
    "未满四个月",
    "不满四个月",
    "不足4个月",
    "不足四个月",
    "不到4个月",
    "不到四个月",
    "4个月以内",
    "四个月以内",
    "4个月以下",
    "四个月以下",
];
pub const LATE: [&str; 4] = ["满4个月", "满四个月", "4个月以上", "四个月以上"];

/// Words that give a payment's period, with how many months it covers.
pub const PER_MONTH: [&str; 5] = ["每月", "按月", "月均", "/月", "元每月"];
pub const PER_QUARTER: [&str; 3] = ["季度", "每季", "按季"];
pub const PER_YEAR: [&str; 4] = ["每年", "按年", "全年", "/年"];

/// Words about overtime and night shifts, for the pregnancy and nursing prohibitions.
pub const OVERTIME: [&str; 6] = [
    "加班",
    "夜班",
    "延长劳动时间",
    "延长其劳动时间",
    "延长工作时间",
    "加点",
];
pub const PROHIBIT: [&str; 15] = [
    "不得",
    "不上",
    "不值",
    "不加",
    "不参加",
    "免于",
    "不安排",
    "不再安排",
    "禁止",
    "严禁",
    "不延长",
    "不准",
    "不予安排",
    "不应",
    "不宜",
];
/// Words that name whose protection a part of an article speaks of; a part naming none of them
/// (…；不安排夜班劳动) speaks of the one an earlier part of the same article named.
pub const PERIODS: [&str; 12] = [
    "经期",
    "月经",
    "例假",
    "痛经",
    "怀孕",
    "孕期",
    "孕妇",
    "妊娠",
    "哺乳",
    "产期",
    "更年期",
    "生育",
];
/// A sentence about menstruation: what makes 休息 mean 经期公假.
pub const MENSTRUATION: [&str; 3] = ["经期", "月经", "例假"];
pub const PREGNANT: [&str; 4] = ["怀孕", "孕期", "孕妇", "妊娠"];
pub const INFANT: [&str; 5] = ["婴儿", "孩子", "子女", "小孩", "宝宝"];
pub const WOMEN_DEPUTIES: [&str; 5] = [
    "女职工代表",
    "女代表",
    "女性代表",
    "女职代会代表",
    "女员工代表",
];

/// A yes/no commitment: every group must have one phrase in the sentence; `refuse` phrases make it 否.
pub struct Promise {
    pub term: &'static str,
    pub groups: &'static [&'static [&'static str]],
    /// Which group's words a finding underlines.
    pub action: usize,
    pub refuse: &'static [&'static str],
}

/// Work a 孕期 or 哺乳期 prohibition names.
const FORBIDDEN_WORK: [&str; 4] = ["禁忌从事", "禁忌劳动", "第三级体力劳动", "第三级"];
/// Words that keep a woman from such work.
const AVOID: [&str; 7] = [
    "不得从事",
    "不从事",
    "不安排",
    "不得安排",
    "禁止",
    "严禁",
    "调离",
];

pub const PROMISES: &[Promise] = &[
    Promise {
        term: "产前检查计入劳动时间",
        groups: &[
            &["产前检查", "产检", "孕期检查"],
            &["劳动时间", "出勤", "工作时间", "工时"],
        ],
        action: 1,
        refuse: &[
            "不计入",
            "不视同",
            "不算",
            "不按出勤",
            "按事假",
            "按病假",
            "事假处理",
            "病假处理",
            "按旷工",
            "扣发工资",
            "扣除工资",
        ],
    },
    Promise {
        term: "孕期禁止加班夜班",
        groups: &[&PREGNANT, &OVERTIME, &PROHIBIT],
        action: 1,
        refuse: &[],
    },
    Promise {
        term: "哺乳期禁止加班夜班",
        groups: &[&["哺乳"], &OVERTIME, &PROHIBIT],
        action: 1,
        refuse: &[],
    },
    Promise {
        term: "经期禁忌劳动",
        groups: &[
            &["经期", "月经期"],
            &[
                "高处",
                "低温",
                "冷水",
                "第三级",
                "禁忌从事",
                "禁忌劳动",
                "重体力",
            ],
            &[
                "不安排",
                "不得安排",
                "不从事",
                "不得从事",
                "禁止",
                "严禁",
                "调离",
                "不宜",
                "不得",
            ],
        ],
        action: 1,
        refuse: &[],
    },
    // 孕期、哺乳期 禁忌劳动: the period, the work it excludes, and a prohibition (as 经期 above).
    Promise {
        term: "孕期禁忌劳动",
        groups: &[&["孕期", "怀孕", "妊娠"], &FORBIDDEN_WORK, &AVOID],
        action: 1,
        refuse: &[],
    },
    Promise {
        term: "哺乳期禁忌劳动",
        groups: &[&["哺乳"], &FORBIDDEN_WORK, &AVOID],
        action: 1,
        refuse: &[],
    },
    // 合同顺延: a contract that expires in 孕期、产期、哺乳期 runs on until the period ends.
    Promise {
        term: "合同顺延",
        groups: &[
            &["合同"],
            &["续延", "顺延", "延续至", "延长至", "自动延续"],
            &["孕期", "产期", "哺乳期", "三期"],
        ],
        action: 1,
        refuse: &[],
    },
    // 经期 written as adjustment: “应当暂时调整，安排合适工作或者给予一到两天的带薪休息”.
    Promise {
        term: "经期禁忌劳动",
        groups: &[
            &["经期", "月经期", "月经期间"],
            &[
                "暂时调整",
                "调整其工作",
                "调整工作",
                "安排合适工作",
                "安排适当工作",
                "适当调整",
            ],
        ],
        action: 1,
        refuse: &[],
    },
    Promise {
        term: "女职工协商代表",
        groups: &[
            &[
                "女职工代表",
                "女职委",
                "女职工委员会",
                "女工委",
                "女代表",
                "女性代表",
                "女职工的代表",
                "女职工参加",
                "女职工协商代表",
                "女员工代表",
                "女员工的代表",
                // 职工一方的协商代表中有女职工
                "中有女职工",
                "应有女职工",
                "应当有女职工",
                "包括女职工",
            ],
            &["协商"],
            &[
                "参加",
                "参与",
                "作为",
                "担任",
                "列席",
                "进入",
                "应当有",
                "应有",
                "中有",
                "包括",
                "包含",
            ],
        ],
        action: 0,
        refuse: &[],
    },
    Promise {
        term: "禁忌劳动书面告知",
        groups: &[
            &["禁忌"],
            &["书面告知", "书面形式告知", "以书面形式", "书面通知"],
        ],
        action: 1,
        refuse: &[],
    },
    Promise {
        term: "性骚扰防治",
        groups: &[
            &["性骚扰"],
            &[
                "预防", "防治", "制止", "禁止", "防范", "杜绝", "投诉", "处置", "严禁", "反对",
            ],
        ],
        action: 0,
        refuse: &[],
    },
    Promise {
        term: "更年期保护",
        groups: &[
            &["更年期"],
            &[
                "关心",
                "关怀",
                "照顾",
                "调整",
                "减轻",
                "适当安排",
                "予以适当",
                "适当工作",
                "休息",
            ],
        ],
        action: 1,
        refuse: &[],
    },
    Promise {
        term: "哺乳室",
        groups: &[
            &[
                "哺乳室",
                "母婴室",
                "妈咪小屋",
                "哺乳休息室",
                "母婴设施",
                "母婴休息室",
                "哺乳间",
                "爱心小屋",
                "妈妈小屋",
                "母婴小屋",
            ],
            &[
                "设立", "建立", "设置", "配备", "建有", "开设", "设有", "安排", "提供",
            ],
        ],
        action: 0,
        refuse: &[],
    },
    Promise {
        term: "女职工卫生室",
        groups: &[
            &["女职工卫生室", "女工卫生室", "女职工卫生间", "卫生室"],
            &["设立", "建立", "设置", "配备", "建有", "开设", "设有"],
        ],
        action: 0,
        refuse: &[],
    },
    Promise {
        term: "生育津贴按上年度职工月平均工资",
        groups: &[
            &["生育津贴"],
            &[
                "上年度职工月平均工资",
                "上年度职工平均工资",
                "上年度职工月平均缴费工资",
            ],
        ],
        action: 1,
        refuse: &[],
    },
];

/// 不因婚孕产哺降薪解除 is recognised by meaning: a sentence about one of these periods…
pub const PROTECTED_PERIODS: [&str; 10] = [
    "怀孕", "孕期", "孕妇", "生育", "产期", "产假", "哺乳", "结婚", "婚育", "婚孕",
];
/// …where one of these adverse acts…
pub const ADVERSE_ACTS: [&str; 11] = [
    "降低",
    "扣减",
    "克扣",
    "降薪",
    "扣减工资",
    "减少工资",
    "辞退",
    "解除",
    "解雇",
    "终止",
    "开除",
];
/// …is negated in its own phrase, in any order (不在孕期降低其工资 / 孕期…不能终止、解除其劳动合同).
pub const NEGATIONS: [&str; 8] = ["不得", "不能", "不会", "不应", "不准", "禁止", "严禁", "不"];
/// A negated cause reaches past commas: 不得因女职工怀孕、生育、哺乳，降低其工资.
pub const NEGATED_CAUSES: [&str; 9] = [
    "不因",
    "不得因",
    "不以",
    "不得以",
    "不能因",
    "不会因",
    "严禁因",
    "禁止因",
    "不得在",
];
/// 不 in these words limits an amount rather than negating an act.
pub const NOT_NEGATIONS: [&str; 6] = ["不满", "不足", "不超过", "不少于", "不低于", "不高于"];

/// Exclusions: a sentence that takes some women out of the contract's protection (本合同有关照顾孕妇、
/// 产妇的条款，不适用于违反…政策的女职工) has one of these…
pub const EXCLUDES: [&str; 6] = [
    "不适用于",
    "不适用",
    "不享受",
    "不予享受",
    "不得享受",
    "取消",
];
/// …and one of these conditions.
pub const EXCLUSION_GROUNDS: [&str; 8] = [
    "违反",
    "未按规定",
    "未办理",
    "计划生育",
    "政策外",
    "超生",
    "计划外",
    "未婚先孕",
];

/// Phrases that defer to “the rules” instead of promising something: a clause made of these is vague.
pub const DEFER_ENDINGS: [&str; 8] = [
    "规定执行",
    "规定办理",
    "规定享受",
    "规定落实",
    "规定给予",
    "规定发放",
    "规定安排",
    "规定标准执行",
];
pub const DEFER_STARTS: [&str; 5] = ["按照", "依照", "依据", "参照", "按"];
pub const DEFER_WHOLE: [&str; 6] = [
    "依法保障",
    "依法保护",
    "依法享受",
    "依法执行",
    "依法落实",
    "依法给予",
];
/// Words that say which topic a vague sentence is about, besides every phrase of `KEYWORDS`.
pub const TOPICS: [&str; 30] = [
    "产假",
    "生育",
    "护理假",
    "陪产假",
    "育儿假",
    "哺乳",
    "卫生费",
    "卫生保健费",
    "经期",
    "孕期",
    "产期",
    "更年期",
    "流产",
    "难产",
    "产前检查",
    "妇科",
    "性骚扰",
    "禁忌",
    "夜班",
    "加班",
    "生育津贴",
    "痛经",
    "哺乳室",
    "母婴室",
    "健康检查",
    "体检",
    "卫生室",
    "劳动保护",
    "特殊保护",
    "乳腺",
];
/// Blanks a template leaves for the figure.
pub const TEMPLATE_BLANKS: [&str; 7] =
    ["【 ", "【\u{3000}", "【】", "____", "＿＿", "（ ）", "(  )"];
/// Words between a deferring start and 规定 (按国家有关规定, 依照省相关规定).
pub const DEFER_FILLER: [&str; 16] = [
    "国家", "有关", "相关", "本省", "本市", "省", "市", "地方", "的", "和", "及", "法律", "法规",
    "政策", "上级", "政府",
];
