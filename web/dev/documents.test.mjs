// End to end for Word and text contracts: each opened in the page shows the findings `dixian check`
// gives for the same file; the terms table re-checks on every edit; the exported YAML checks to the
// same findings; a zip bomb and a picture renamed .docx are refused in words; nothing leaves the page.
// Run after scripts/build-wasm.sh (and a debug build of the CLI): `npm test` here, or scripts/ci-wasm.sh.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { DEV, ROOT, assertOffline, engine, fixture, launch, openPage, unzipEntry, zipArchive } from "./browser.mjs";

const DOCUMENTS = {
  gbk: fixture("text/jiangsu-gbk.txt"),
  utf8: fixture("text/hubei-wuhan-logistics.txt"),
  docxTable: fixture("text/hubei-table.docx"),
  docxParagraphs: fixture("text/beijing-runs.docx"),
};
const scratch = mkdtempSync(join(tmpdir(), "dixian-e2e-"));
let browser;
let dixian;

before(async () => {
  dixian = await engine();
  browser = await launch();
});
after(async () => browser && browser.close());

/** What `dixian check --format json` reports for a file (the CLI itself, built by cargo). */
function cliFindings(path) {
  const bin = process.env.DIXIAN || join(ROOT, "target", "debug", "dixian");
  let out;
  try {
    out = execFileSync(bin, ["check", "--format", "json", path], { encoding: "utf8" });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: rectify or refer found
    out = e.stdout;
  }
  const json = JSON.parse(out);
  return (json.reports ? json.reports[0] : json).findings;
}

const key = (f) => `${f.rule}|${f.from}|${f.to}|${f.severity}|${f.actual}`;

/** The findings the page shows, read back from its cards. */
async function shownFindings(page) {
  return page.locator("article.finding").evaluateAll((cards) => cards.map((c) => ({
    rule: c.dataset.rule, from: c.dataset.from, text: c.innerText,
  })));
}

async function open(page, path) {
  const before = Number(await page.evaluate(() => document.body.dataset.checks || 0));
  await page.setInputFiles("#file", path);
  await page.waitForFunction((n) => Number(document.body.dataset.checks || 0) > n, before);
}

function assertSameAsCli(shown, expected, what) {
  assert.equal(shown.length, expected.length, `${what}: number of findings`);
  const left = [...shown];
  for (const f of expected) {
    const i = left.findIndex((s) => s.rule === f.rule && s.from === f.from && s.text.includes(f.message) && s.text.includes(f.citation));
    assert.ok(i >= 0, `${what}: ${f.rule} from ${f.from} (${f.message}) not shown`);
    left.splice(i, 1);
  }
}

for (const [what, path] of Object.entries(DOCUMENTS)) {
  test(`${what}: ${basename(path)} shows the findings dixian check gives, its words marked in the text`, async () => {
    const { page, requests, errors } = await openPage(browser.context);
    await open(page, path);
    const expected = cliFindings(path);
    assert.ok(expected.length > 0);
    assertSameAsCli(await shownFindings(page), expected, what);
    // Every finding with words in the text has them marked (missing terms have none).
    const answer = dixian.importDocument(new Uint8Array(readFileSync(path)), { filename: basename(path) });
    const located = new Set(answer.report.findings.filter((_, i) => answer.locations[i].value).map((f) => f.rule));
    const marked = new Set(await page.locator("#doc-text mark").evaluateAll((ms) => ms.map((m) => m.dataset.rule)));
    assert.deepEqual([...marked].sort(), [...located].sort());
    assert.ok(await page.locator("#terms tbody tr").count() > 0, "no terms listed");
    assert.deepEqual(errors, []);
    assertOffline(requests, "file://");
    await page.close();
  });
}

test("an edit in the terms table re-checks at once, as checkForm does on the edited form", async () => {
  const { page } = await openPage(browser.context);
  await open(page, DOCUMENTS.utf8);
  const imported = dixian.importDocument(new Uint8Array(readFileSync(DOCUMENTS.utf8)), { filename: basename(DOCUMENTS.utf8) });
  assert.equal(imported.type, "success");
  const clause = imported.form.clauses.find((c) => c.terms.some((t) => t.term === "产假"));
  assert.ok(clause, "产假 read from the text");
  const row = page.locator(`#terms tbody tr[data-clause="${clause.id}"][data-term="产假"]`);
  const checks = Number(await page.evaluate(() => document.body.dataset.checks));
  await row.locator("input").fill("158天");
  await row.locator("input").press("Enter");
  await row.locator("input").blur();
  await page.waitForFunction((n) => Number(document.body.dataset.checks) > n, checks);

  clause.terms.find((t) => t.term === "产假").value = "158天";
  const edited = dixian.checkForm(imported.text, imported.form);
  assert.equal(edited.type, "success");
  assert.notDeepEqual(edited.report.findings.map(key), imported.report.findings.map(key), "the edit changes the findings");
  const shown = await shownFindings(page);
  assert.equal(shown.length, edited.report.findings.length);
  assert.equal(shown.filter((f) => f.rule === "湖北.产假").length, 0, "158天 meets Hubei's floor");

  // Deleting a term and adding one back re-check too.
  await row.getByRole("button").click();
  await page.waitForFunction(() => !document.querySelector('#terms tr[data-term="产假"]'));
  await page.selectOption("#add-clause", { label: clause.id });
  await page.fill("#add-term", "产假");
  await page.fill("#add-value", "98天");
  await page.click("#add-row");
  await page.waitForSelector('#terms tr[data-term="产假"]');
  assert.ok((await shownFindings(page)).some((f) => f.rule === "湖北.产假"), "98天 is below Hubei's floor");
  await page.close();
});

test("the exported YAML checks to the same findings, in dixian check and in the page", async () => {
  const { page } = await openPage(browser.context);
  await open(page, DOCUMENTS.docxTable);
  const shown = await shownFindings(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-yaml")]);
  const yamlPath = join(scratch, download.suggestedFilename());
  await download.saveAs(yamlPath);
  assert.match(readFileSync(yamlPath, "utf8"), /条款:/);
  // Vague-clause notices are drafting notes of the importer; the YAML keeps them as comments.
  const legal = shown.filter((f) => f.rule !== "导入.条款含糊");
  assertSameAsCli(legal, cliFindings(yamlPath), "exported YAML (dixian check)");
  await open(page, yamlPath);
  assert.deepEqual((await shownFindings(page)).map((f) => `${f.rule}|${f.from}`).sort(), legal.map((f) => `${f.rule}|${f.from}`).sort());
  await page.close();
});

test("the letter button drafts the letter dixian letter writes", async () => {
  const { page } = await openPage(browser.context);
  await open(page, DOCUMENTS.utf8);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#draft-letter")]);
  const path = join(scratch, download.suggestedFilename());
  await download.saveAs(path);
  const bin = process.env.DIXIAN || join(ROOT, "target", "debug", "dixian");
  const cli = execFileSync(bin, ["letter", DOCUMENTS.utf8], { encoding: "utf8" });
  assert.equal(readFileSync(path, "utf8").replaceAll(DOCUMENTS.utf8, basename(DOCUMENTS.utf8)), cli.replaceAll(DOCUMENTS.utf8, basename(DOCUMENTS.utf8)));
  assert.match(download.suggestedFilename(), /整改意见书|处理建议书|提示函/);
  await page.close();
});

test("下载修订稿 gives the .docx with tracked changes, which dixian check then finds nothing to rectify in", async () => {
  const { page, requests } = await openPage(browser.context);
  for (const path of [DOCUMENTS.docxTable, DOCUMENTS.docxParagraphs]) {
    await open(page, path);
    assert.ok(cliFindings(path).some((f) => f.severity === "rectify" || f.severity === "refer"), `${path} has something to fix`);
    assert.ok(await page.locator("#revise").isEnabled());
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#revise")]);
    assert.match(download.suggestedFilename(), /修订稿\.docx$/);
    const revised = join(scratch, download.suggestedFilename());
    await download.saveAs(revised);
    assert.match(unzipEntry(readFileSync(revised), "word/document.xml"), /<w:ins [^>]*w:author="dixian"/);
    const left = cliFindings(revised).filter((f) => f.severity === "rectify" || f.severity === "refer");
    assert.deepEqual(left.map((f) => f.rule), [], `${basename(path)}: the revised draft still has rectify/refer findings`);
  }
  assertOffline(requests, "file://");
  await page.close();
});

/** A .docx whose document.xml says it holds 1000 bytes and inflates to 64 MB of spaces. */
function zipBomb() {
  return zipArchive([{ name: "word/document.xml", data: Buffer.alloc(64 * 1024 * 1024, 0x20), declared: 1000 }]);
}

test("a zip bomb and a picture renamed .docx are refused with a clear message", async () => {
  const { page, errors } = await openPage(browser.context);
  const bomb = join(scratch, "炸弹.docx");
  writeFileSync(bomb, zipBomb());
  await open(page, bomb);
  assert.match(await page.locator("#errors").innerText(), /压缩炸弹/);
  const png = join(scratch, "照片.docx");
  writeFileSync(png, Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.alloc(200)]));
  await open(page, png);
  const shown = await page.locator("#errors").innerText();
  assert.match(shown, /不是有效的 Word 文档/);
  assert.match(shown, /不是 ZIP 压缩包/);
  // The engine still answers afterwards.
  await open(page, DOCUMENTS.utf8);
  assert.ok(await page.locator("article.finding").count() > 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("screenshots of a real contract open, at 1280×900 and 390 wide", async () => {
  mkdirSync(join(DEV, "out"), { recursive: true });
  const { page } = await openPage(browser.context);
  await open(page, DOCUMENTS.docxTable);
  await page.screenshot({ path: join(DEV, "out", "document-1280.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(DEV, "out", "document-390.png") });
  await page.locator("#terms tbody tr").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(DEV, "out", "document-390-terms.png") });
  await page.locator("#findings").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(DEV, "out", "document-390-findings.png") });
  await page.close();
});
