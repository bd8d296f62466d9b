
/** 提示 → 整改 → 转办 */
export type Severity = "notice" | "rectify" | "refer";
/** `vague` is raised only by the importer of Word/text contracts, never by `check` on YAML. */
export type FindingKind = "violated" | "missing" | "unlawful_text" | "vague" | "depends";

/** A problem with an input. `line` and `column` are 1-based (characters); 0 when the problem is in the options. */
export interface Diagnostic { file: string; line: number; column: number; message: string; }
export interface Failure { type: "failure"; errors: Diagnostic[]; }

/** One rule file loaded on top of the built-in rules. */
export interface RuleFile { name: string; text: string; }
export interface CheckOptions {
  /** Check under this region instead of the contract's own. */
  region?: string;
  /** Check one day only (YYYY-MM-DD): the contract's term is narrowed to that day. */
  date?: string;
  /** Language of messages; only "zh" exists. */
  lang?: string;
  /** The name the report and diagnostics give the contract. */
  file?: string;
  rules?: RuleFile[];
}

export interface TermWindow { start: string; end: string; }
export interface ContractSummary { file: string; title: string | null; region: string; jurisdictions: string[]; authorities: string[]; term: TermWindow; }
export interface Finding {
  rule: string; severity: Severity; kind: FindingKind; term: string | null; clause: string | null;
  expected: string; actual: string; citation: string; jurisdiction: string; provisional: boolean;
  from: string; to: string; message: string; line: number | null; column: number | null;
}
export interface AboveFloor { term: string; floor: string; actual: string; clause: string; }
export interface Undetermined { rule: string; title: string; reason: string; }
/** 五期, always in this order. */
export interface Coverage { "经期": boolean; "孕期": boolean; "产期": boolean; "哺乳期": boolean; "更年期": boolean; }
/** The report `dixian check --format json` prints (schema_version 1). */
/** Which rule data produced a report: release date (`+local` with added rule files) and SHA-256. */
export interface RulesVersion { version: string; digest: string; }
export interface Report {
  schema_version: 1; rules: RulesVersion; contract: ContractSummary; findings: Finding[]; above_floor: AboveFloor[];
  coverage: Coverage; undetermined: Undetermined[]; notes: string[];
}
/** A range of UTF-16 code units in the YAML text passed in: `yaml.slice(start, end)`. */
export interface TextRange { start: number; end: number; }
export interface Location { value: TextRange | null; clause: TextRange | null; }
export interface CheckSuccess {
  type: "success"; report: Report;
  /** `locations[i]` belongs to `report.findings[i]`. */
  locations: Location[];
  /** What the contract itself says (the report's region and term may be overridden by the options). */
  contract_region: string; contract_term: TermWindow;
}
export type CheckAnswer = CheckSuccess | Failure;
/** Checks a contract (YAML text) with the built-in rules (and `options.rules` on top). Never throws. */
export function check(contract_yaml: string, options?: CheckOptions): CheckAnswer;

export interface Region { name: string; parent: string | null; names: string[]; cities: string[]; }
export type RegionsAnswer = { type: "success"; regions: Region[] } | Failure;

export interface RuleInForce {
  id: string; title: string | null; jurisdiction: string; severity: Severity; provisional: boolean;
  requirement: string; conditions: string[]; citation: string; from: string | null; until: string | null;
}
export interface InForce { type: "success"; jurisdictions: string[]; date: string; rules: RuleInForce[]; notes: string[]; }
export type InForceAnswer = InForce | Failure;
