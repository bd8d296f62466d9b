# 全国 + 湖北, floors and commitments in force from 2023-01-01, in Rego: the same checks as
# src/handwritten.rs and dixian's rules/national.dixian + rules/hubei.dixian (without forbidden
# wording). Idiomatic, table-driven OPA style; the strictest floor of the chain is in the table.
package dixian

import rego.v1

# [rule, term, minimum (thousandths), severity when missing or "" to ignore]
floors := [
	["湖北.产假", "产假", 158000, "notice"],
	["全国.难产假", "难产假", 15000, "notice"],
	["全国.多胞胎假", "多胞胎假", 15000, ""],
	["全国.流产假不满4个月", "流产假_不满4个月", 15000, "notice"],
	["全国.流产假满4个月", "流产假_满4个月", 42000, "notice"],
	["湖北.陪产假", "陪产假", 15000, "notice"],
	["湖北.育儿假", "育儿假", 10000, "notice"],
	["全国.哺乳时间", "哺乳时间", 1000, "notice"],
	["全国.多胞胎哺乳时间", "多胞胎哺乳时间", 1000, ""],
	["全国.哺乳期", "哺乳期", 12000, "notice"],
]

# [rule, term, severity, severity when missing]
commitments := [
	["全国.生育津贴", "生育津贴按上年度职工月平均工资", "rectify", "notice"],
	["全国.孕期禁止加班夜班", "孕期禁止加班夜班", "rectify", "rectify"],
	["全国.产前检查", "产前检查计入劳动时间", "rectify", "rectify"],
	["全国.哺乳期禁止加班夜班", "哺乳期禁止加班夜班", "rectify", "rectify"],
	["全国.哺乳室", "哺乳室", "notice", "notice"],
	["全国.经期禁忌劳动", "经期禁忌劳动", "rectify", "rectify"],
	["全国.孕期禁忌劳动", "孕期禁忌劳动", "rectify", "rectify"],
	["全国.哺乳期禁忌劳动", "哺乳期禁忌劳动", "rectify", "rectify"],
	["全国.合同顺延", "合同顺延", "rectify", "rectify"],
	["全国.更年期保护", "更年期保护", "notice", "notice"],
	["全国.禁忌劳动书面告知", "禁忌劳动书面告知", "rectify", "rectify"],
	["全国.不因婚孕产哺降薪解除", "不因婚孕产哺降薪解除", "rectify", "rectify"],
	["全国.性骚扰防治", "性骚扰防治", "rectify", "rectify"],
]

stated(term) if input.quantities[term]

stated(term) if term in input.promised

stated(term) if term in input.refused

findings contains [f[0], "violated", "rectify"] if {
	some f in floors
	input.quantities[f[1]] < f[2]
}

findings contains [f[0], "missing", f[3]] if {
	some f in floors
	f[3] != ""
	not stated(f[1])
}

# A ceiling: protection from the 7th month of pregnancy at the latest.
findings contains ["全国.孕期禁止加班夜班起始", "violated", "rectify"] if input.quantities["孕期禁止加班夜班起始"] > 7000

findings contains ["全国.孕期禁止加班夜班起始", "missing", "notice"] if {
	not stated("孕期禁止加班夜班起始")
	"孕期禁止加班夜班" in input.promised
}

findings contains ["湖北.痛经假", "violated", "notice"] if input.quantities["痛经假"] < 1000

findings contains ["全国.妇科检查", "violated", "rectify"] if input.quantities["妇科检查"] <= 0

findings contains ["全国.更年期妇科查治", "violated", "notice"] if input.quantities["妇科检查"] < 500

findings contains ["全国.妇科检查", "missing", "rectify"] if not stated("妇科检查")

findings contains [c[0], "violated", c[2]] if {
	some c in commitments
	c[1] in input.refused
}

findings contains [c[0], "missing", c[3]] if {
	some c in commitments
	not stated(c[1])
}

# 女职工卫生室 only where 100 or more women work.
findings contains ["全国.女职工卫生室", "violated", "notice"] if {
	input.women >= 100
	"女职工卫生室" in input.refused
}

findings contains ["全国.女职工卫生室", "missing", "notice"] if {
	input.women >= 100
	not stated("女职工卫生室")
}
