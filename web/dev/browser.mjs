// Headless Chromium for the page's tests and measurements: Debian's chromium (playwright-core never
// downloads a browser), a fresh profile each time, and every background connection switched off so
// that any request seen is the page's own.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

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
