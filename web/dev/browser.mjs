// Headless Chromium for the page's tests and measurements: Debian's chromium (playwright-core never
// downloads a browser), a fresh profile each time, and every background connection switched off so
// that any request seen is the page's own.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import assert from "node:assert/strict";

export const DEV = dirname(fileURLToPath(import.meta.url));
export const WEB = resolve(DEV, "..");
export const ROOT = resolve(WEB, "..");
export const PAGE_URL = pathToFileURL(join(WEB, "index.html")).href;
export const fixture = (name) => join(ROOT, "fixtures", name);

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check", "--lang=zh-CN"];

/** A browser context on a throw-away profile; `close()` removes the profile. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "dixian-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every request the page makes, for asserting there are none beyond its own files. */
export function recordRequests(page) {
  const urls = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}

/** Opens the page and waits for the engine to be ready. */
/** Only the page's own files may be requested: no http(s), no websockets, nothing else. */
export function assertOffline(requests, origin) {
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:"));
  assert.deepEqual(foreign, [], "requests beyond the page's own files");
}

export async function openPage(context, url = PAGE_URL) {
  const page = await context.newPage();
  const requests = recordRequests(page);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 10_000 });
  return { page, requests, errors };
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };

/** Serves web/ on 127.0.0.1 (an ephemeral port) to show the page works from any static server. */
export async function serveWeb() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    const file = join(WEB, path || "index.html");
    if (!file.startsWith(WEB)) { res.writeHead(403).end(); return; }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/index.html`, close: () => new Promise((ok) => server.close(ok)) };
}

/** The npm package's engine, run in Node: what the page should show, computed independently of it. */
export async function engine() {
  const pkg = join(ROOT, "crates", "dixian-wasm", "pkg");
  const mod = await import(pathToFileURL(join(pkg, "dixian_wasm.js")).href);
  mod.initSync({ module: readFileSync(join(pkg, "dixian_wasm_bg.wasm")) });
  return mod;
}

/** A ZIP archive of deflated entries; `declared` overrides an entry's stated size (to build a zip bomb). */
export function zipArchive(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data, declared } of entries) {
    const n = Buffer.from(name);
    const packed = deflateRawSync(data, { level: 9 });
    const size = declared ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(size, 24);
    central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, packed);
    centrals.push(central, n);
    offset += local.length + n.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** One entry of a ZIP archive, inflated, as text (for tests reading what the page wrote). */
export function unzipEntry(zip, name) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLen = zip.readUInt16LE(at + 28);
    const entry = zip.subarray(at + 46, at + 46 + nameLen).toString();
    if (entry === name) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const packed = zip.subarray(start, start + zip.readUInt32LE(at + 20));
      return (zip.readUInt16LE(at + 10) === 8 ? inflateRawSync(packed) : packed).toString("utf8");
    }
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} not in the archive`);
}

const escapeXml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A minimal Word document, one paragraph per line (what Word itself needs to open it, and no more). */
export function docx(lines) {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const body = lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(l)}</w:t></w:r></w:p>`).join("");
  return zipArchive([
    { name: "[Content_Types].xml", data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
    { name: "_rels/.rels", data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>') },
    { name: "word/document.xml", data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`) },
  ]);
}

/** A 30-clause contract as text lines: the usual header, then clauses cycling through common wordings,
 * some below their floor. */
export function thirtyClauseText() {
  const clauses = [
    "甲方应当将本单位属于女职工禁忌从事的劳动范围的岗位书面告知女职工。",
    "甲方不得因女职工结婚、怀孕、生育、哺乳降低其工资、予以辞退或者与其解除劳动合同。",
    "女职工经期不安排高处、低温、冷水作业和第三级体力劳动强度的劳动；每月发放卫生费30元。",
    "女职工生育享受产假128天，其中产前可以休假15天；难产的，增加产假15天。",
    "哺乳未满1周岁婴儿的女职工，每天哺乳时间0.5小时。",
    "甲方建立预防和制止性骚扰的工作制度，设立投诉渠道。",
    "女职工更年期保护按国家有关规定执行。",
    "怀孕女职工在劳动时间内进行产前检查，所需时间计入劳动时间。",
    "对怀孕7个月以上的女职工，甲方不得延长劳动时间或者安排夜班劳动。",
    "甲方每年组织女职工进行一次妇科检查，费用由甲方承担。",
  ];
  const cn = "零一二三四五六七八九";
  const number = (n) => (n < 10 ? cn[n] : n < 20 ? "十" + (n % 10 ? cn[n % 10] : "") : cn[Math.floor(n / 10)] + "十" + (n % 10 ? cn[n % 10] : ""));
  const lines = [
    "预算测量用某某物流有限公司女职工权益保护专项集体合同",
    "",
    "甲方（用人单位）：某某物流有限公司",
    "地址：湖北省武汉市东西湖区某某路8号",
    "本企业现有职工210人，其中女职工96人。",
    "",
    "第一条 本合同期限为三年，自2021年5月1日起至2024年4月30日止。",
  ];
  for (let i = 2; i <= 30; i++) lines.push(`第${number(i)}条 ${clauses[(i - 2) % clauses.length]}`);
  return lines;
}
