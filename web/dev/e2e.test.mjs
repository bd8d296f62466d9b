// End to end: web/index.html in headless Chromium, a fixture contract opened through the file picker,
// and what a person would read checked against what the engine (the npm package, run in Node) says.
// Run after scripts/build-wasm.sh: `npm test` here, or scripts/ci-wasm.sh.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEV, assertOffline, engine, fixture, launch, openPage, serveWeb } from "./browser.mjs";

const VIOLATING = fixture("hubei-wuhan-logistics.yaml");
const COMPLIANT = fixture("compliant/hubei.yaml");
const SEVERITY_NAMES = { refer: "转办", rectify: "整改", notice: "提示" };
let browser;
let dixian;

before(async () => {
  dixian = await engine();
  browser = await launch();
});
after(async () => browser && browser.close());

async function openContract(page, path) {
  await page.setInputFiles("#file", path);
  await page.waitForFunction(() => !document.getElementById("report").hidden || !document.getElementById("errors").hidden);
}

test("a violating contract: every finding, its citation, window and highlighted words, and the coverage", async () => {
  const { page, requests, errors } = await openPage(browser.context);
  await openContract(page, VIOLATING);
  const expected = dixian.check(readFileSync(VIOLATING, "utf8"), { file: "hubei-wuhan-logistics.yaml" });
  assert.equal(expected.type, "success");
  const { findings, coverage } = expected.report;
  assert.ok(findings.length > 0);

  const cards = page.locator("article.finding");
  assert.equal(await cards.count(), findings.length);
  for (const f of findings) {
    const card = page.locator(`article.finding[data-rule="${f.rule}"][data-from="${f.from}"]`).filter({ hasText: f.message });
    assert.equal(await card.count(), 1, `one card for ${f.rule} from ${f.from}`);
    const text = await card.innerText();
    // A commitment's 是/否 reads as the human output words it.
    const expected = { "是": "应当约定", "否": "不得约定" }[f.expected] ?? f.expected;
    const actual = { "否": "明确不承诺" }[f.actual] ?? f.actual;
    for (const part of [f.message, f.citation, expected, actual, f.from, f.to, SEVERITY_NAMES[f.severity]]) {
      assert.ok(text.includes(part), `${f.rule}: “${part}” not shown`);
    }
  }
  // The maternity-leave finding marks the value as written in the clause.
  const leave = page.locator('article.finding[data-rule="湖北.产假"]');
  assert.equal(await leave.locator("mark").innerText(), "128天");
  assert.match(await leave.locator(".snippet").innerText(), /第六条/);
  // The unlawful sentence is marked inside its clause text.
  const unlawful = findings.find((f) => f.kind === "unlawful_text");
  assert.ok(unlawful);
  assert.equal(await page.locator(`article.finding[data-rule="${unlawful.rule}"] mark`).first().innerText(), unlawful.actual);

  for (const [period, covered] of Object.entries(coverage)) {
    const pill = page.locator(`#coverage li[data-period="${period}"]`);
    assert.equal(await pill.getAttribute("class"), covered ? "covered" : "uncovered", period);
  }
  assert.deepEqual(errors, []);
  assertOffline(requests, "file://");
  mkdirSync(join(DEV, "out"), { recursive: true });
  await page.screenshot({ path: join(DEV, "out", "violating.png"), fullPage: true });
  await page.close();
});

test("region and date default to the contract's and can be changed", async () => {
  const { page } = await openPage(browser.context);
  await openContract(page, VIOLATING);
  assert.match(await page.locator("#region option").first().innerText(), /湖北省武汉市/);
  assert.match(await page.locator("#date-hint").innerText(), /2021-05-01 至 2024-04-30/);

  await page.fill("#date", "2021-06-01");
  await page.dispatchEvent("#date", "change");
  await page.waitForFunction(() => document.getElementById("date-hint").textContent.includes("2021-06-01"));
  const early = dixian.check(readFileSync(VIOLATING, "utf8"), { date: "2021-06-01" }).report.findings;
  assert.equal(await page.locator("article.finding").count(), early.length);
  assert.equal(await page.locator('article.finding[data-rule="湖北.产假"]').count(), 0, "128天 met Hubei's floor before 2021-11-26");

  await page.click("#whole-term");
  await page.selectOption("#region", { label: "北京（北京市）" });
  await page.waitForFunction(() => document.getElementById("summary").textContent.includes("北京"));
  const beijing = dixian.check(readFileSync(VIOLATING, "utf8"), { region: "北京市" }).report.findings;
  assert.equal(await page.locator("article.finding").count(), beijing.length);
  assert.equal(await page.locator('article.finding[data-rule^="湖北."]').count(), 0);
  await page.close();
});

test("a compliant contract shows no findings, full coverage and the terms above the floor", async () => {
  const { page } = await openPage(browser.context);
  await openContract(page, COMPLIANT);
  const report = dixian.check(readFileSync(COMPLIANT, "utf8")).report;
  assert.equal(report.findings.length, 0);
  assert.equal(await page.locator("article.finding").count(), 0);
  assert.match(await page.locator("#findings").innerText(), /均已达到/);
  assert.equal(await page.locator("#coverage li.covered").count(), 5);
  const above = await page.locator("#above").innerText();
  for (const a of report.above_floor) for (const part of [a.term_label, a.actual, a.floor, a.clause]) assert.ok(above.includes(part), part);
  await page.screenshot({ path: join(DEV, "out", "compliant.png"), fullPage: true });
  await page.close();
});

test("malformed YAML pasted in shows where it is wrong", async () => {
  const { page } = await openPage(browser.context);
  const bad = "region: 湖北省\nterm: {start: 2023-01-01\nclauses: []\n";
  await page.fill("#yaml", bad);
  await page.waitForSelector("#errors:not([hidden]) .error");
  const expected = dixian.check(bad).errors[0];
  const shown = await page.locator("#errors").innerText();
  assert.ok(shown.includes(`第 ${expected.line} 行第 ${expected.column} 列`), shown);
  assert.ok(shown.includes(expected.message));
  await page.close();
});

test("served over HTTP the page requests its own files and nothing more", async () => {
  const server = await serveWeb();
  try {
    const { page, requests, errors } = await openPage(browser.context, server.url);
    await openContract(page, VIOLATING);
    assert.ok((await page.locator("article.finding").count()) > 0);
    assert.deepEqual(errors, []);
    assertOffline(requests, new URL(server.url).origin + "/");
    const pageFiles = new Set(requests.map((u) => new URL(u).pathname));
    assert.deepEqual([...pageFiles].sort(), ["/app.js", "/engine/dixian-wasm.js", "/engine/dixian.js", "/index.html", "/style.css"]);
    await page.close();
  } finally {
    await server.close();
  }
});
