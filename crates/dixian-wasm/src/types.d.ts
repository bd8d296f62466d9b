
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
export interface Report {
  schema_version: 1; contract: ContractSummary; findings: Finding[]; above_floor: AboveFloor[];
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

/** How to read a document: its file name says its format (.docx or .txt); the rest replaces what the text says. */
export interface ImportOptions {
  filename: string;
  /** e.g. 湖北省武汉市 */
  region?: string;
  /** Signing date, YYYY-MM-DD. */
  signed?: string;
  term?: TermWindow;
}
/** Words of a clause that name a topic without a checkable promise, or that exclude some women. */
export interface FormSentence { topic: string; words: string; at: TextRange | null; }
/** One term: vocabulary name, its label as the region reads it (shown, not read back), value as a person writes it (158天, 是), the document's words it was read from ("" when added in review). */
export interface FormTerm { term: string; label?: string; value: string; words: string; at: TextRange | null; }
export interface FormClause {
  id: string; topic: string | null; label_at: TextRange | null; text_at: TextRange | null;
  terms: FormTerm[]; vague: FormSentence[]; exclusions: FormSentence[]; notes: string[];
}
/** The contract as read from a document, in the shape a reviewer corrects. Every `at` is a range of UTF-16 units in the document text. */
export interface Form {
  file: string; encoding: string; title: string | null; region: string; region_at: TextRange | null;
  signed: string | null; term: TermWindow; workforce_total: number | null; workforce_women: number | null;
  no_term: boolean; notes: string[]; clauses: FormClause[];
}
/** A form checked: the YAML `dixian check` reads to the same findings, and what `check` returns (locations into the document text). */
export interface FormCheckSuccess extends CheckSuccess { yaml: string; }
export type FormCheckAnswer = FormCheckSuccess | Failure;
export interface DocumentSuccess extends FormCheckSuccess {
  /** The document's plain text (paragraphs and table rows, one per line). */
  text: string;
  form: Form;
}
export type DocumentAnswer = DocumentSuccess | Failure;
/** Reads a .docx or .txt (UTF-8, UTF-16, GBK/GB18030) as `dixian import` does, and checks it. Never throws. */
export function importDocument(bytes: Uint8Array, options: ImportOptions): DocumentAnswer;
/** Checks a corrected form of a document's text (from `importDocument`). */
export function checkForm(text: string, form: Form, options?: CheckOptions): FormCheckAnswer;

export interface ReviseOptions { /** Fix notices too (default: rectify and refer only). */ all?: boolean; /** Stamp of the tracked changes, `2026-12-05T17:00:00Z` (default: now). */ date?: string; }
export interface Revised { type: "success"; /** The revised document: a .docx with tracked changes, or a .txt in UTF-8. */ bytes: Uint8Array; changes: number; /** What was changed and why, with the basis of each change. */ summary: string; }
export type ReviseAnswer = Revised | Failure;
/** 下载修订稿: the document (its original bytes) with a corrected form's findings fixed, as `dixian fix` fixes them. */
export function reviseDocument(bytes: Uint8Array, text: string, form: Form, options?: ReviseOptions): ReviseAnswer;

/** 提示函 / 工会女职工劳动保护监督整改意见书 / 工会女职工劳动保护监督处理建议书 */
export interface Letter { type: "success"; kind: string; /** Markdown, as `dixian letter` prints it. */ text: string; }
export type LetterAnswer = Letter | Failure;
/** The draft letter for a YAML contract; `kind` 提示函 / 整改意见书 / 处理建议书, else by the worst finding. */
export function letter(contract_yaml: string, kind?: string): LetterAnswer;
/** The draft letter for a corrected document form. */
export function documentLetter(text: string, form: Form, kind?: string): LetterAnswer;
