// The page: reads a contract (pasted or opened), checks it with the wasm engine, draws the report.
// Everything runs here; nothing is sent anywhere. User text only ever reaches the page as textContent.
"use strict";

(function () {
  const SEVERITIES = [
    { key: "refer", name: "转办" },
    { key: "rectify", name: "整改" },
    { key: "notice", name: "提示" },
  ];
  const PERIODS = ["经期", "孕期", "产期", "哺乳期", "更年期"];
  const $ = (id) => document.getElementById(id);
  const state = { yaml: "", file: undefined, contractRegion: "", term: null, openedAt: null };

  /** Creates an element with text and attributes; children may be nodes or strings. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k.startsWith("data-")) node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function decodeBase64(text) {
    const bin = atob(text);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  async function start() {
    try {
      await wasm_bindgen({ module_or_path: decodeBase64(self.DIXIAN_WASM_BASE64) });
    } catch (e) {
      $("status").textContent = "引擎加载失败：" + e;
      return;
    }
    fillRegions();
    $("status").textContent = "引擎已就绪。请打开或粘贴合同。";
    $("file").addEventListener("change", openFile);
    let timer;
    $("yaml").addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.file = undefined; $("file-name").textContent = "（粘贴的内容）"; run(); }, 150);
    });
    $("region").addEventListener("change", run);
    $("date").addEventListener("change", run);
    $("whole-term").addEventListener("click", () => { $("date").value = ""; run(); });
    document.body.dataset.readyMs = performance.now().toFixed(1);
    document.body.dataset.ready = "true";
  }

  function fillRegions() {
    const answer = wasm_bindgen.regions();
    if (answer.type !== "success") return;
    const select = $("region");
    // The root (全国) first, then the regions in the order of their usual Chinese names.
    const regions = [...answer.regions].sort((a, b) => (b.parent === null) - (a.parent === null) || (a.names[0] || a.name).localeCompare(b.names[0] || b.name, "zh-CN"));
    for (const r of regions) {
      const label = r.names.length ? `${r.name}（${r.names[0]}）` : r.name;
      select.append(el("option", { value: r.names[0] || r.name, textContent: label }));
    }
    const root = regions.find((r) => r.parent === null);
    const provinces = regions.filter((r) => root && r.parent === root.name).length;
    const cities = regions.length - provinces - (root ? 1 : 0);
    $("rule-regions").textContent = `${root ? root.name : ""}、${provinces} 个省级地区` + (cities ? `和 ${cities} 个市` : "");
  }

  async function openFile(event) {
    const file = event.target.files && event.target.files[0];
    if (!file) return;
    state.openedAt = performance.now();
    state.file = file.name;
    $("file-name").textContent = file.name;
    $("yaml").value = await file.text();
    $("region").value = "";
    $("date").value = "";
    run();
  }

  function run() {
    state.yaml = $("yaml").value;
    if (!state.yaml.trim()) {
      $("report").hidden = true;
      $("errors").hidden = true;
      $("status").textContent = "等待合同…";
      return;
    }
    const options = {};
    if (state.file) options.file = state.file;
    if ($("region").value) options.region = $("region").value;
    if ($("date").value) options.date = $("date").value;
    const t0 = performance.now();
    const answer = wasm_bindgen.check(state.yaml, options);
    const ms = performance.now() - t0;
    if (answer.type === "success") showReport(answer, ms);
    else showErrors(answer.errors);
    if (state.openedAt !== null) {
      document.body.dataset.openToRenderMs = String(performance.now() - state.openedAt);
      state.openedAt = null;
    }
  }

  function showErrors(errors) {
    $("report").hidden = true;
    const box = $("errors");
    box.replaceChildren(el("h2", {}, "合同无法读取"));
    const lines = state.yaml.split("\n");
    for (const e of errors) {
      const where = e.line > 0 ? `${e.file} 第 ${e.line} 行第 ${e.column} 列` : "检查选项";
      const item = el("div", { class: "error" }, el("p", {}, el("strong", {}, where + "："), e.message));
      if (e.line > 0 && e.file !== "options" && lines[e.line - 1] !== undefined) {
        item.append(el("pre", { class: "snippet" }, el("span", { class: "ln" }, String(e.line)), ...markColumn(lines[e.line - 1], e.column)));
      }
      box.append(item);
    }
    box.hidden = false;
    $("status").textContent = `发现 ${errors.length} 处格式问题，请修改后再检查。`;
  }

  /** A source line with the word starting at `column` (1-based, in characters) marked. */
  function markColumn(line, column) {
    const chars = Array.from(line);
    const start = Math.min(Math.max(column - 1, 0), chars.length);
    let end = start;
    while (end < chars.length && !/[\s,，:：{}\[\]]/.test(chars[end])) end++;
    if (end === start) end = Math.min(start + 1, chars.length);
    return [chars.slice(0, start).join(""), el("mark", {}, chars.slice(start, end).join("")), chars.slice(end).join("")];
  }

  function showReport(answer, ms) {
    const report = answer.report;
    state.contractRegion = answer.contract_region;
    state.term = answer.contract_term;
    $("errors").hidden = true;
    $("region").options[0].textContent = `按合同（${answer.contract_region}）`;
    $("date").min = "";
    $("date-hint").textContent = $("date").value
      ? `只看 ${$("date").value} 这一天；合同期限 ${state.term.start} 至 ${state.term.end}`
      : `合同期限 ${state.term.start} 至 ${state.term.end}`;
    const c = report.contract;
    $("summary").replaceChildren(
      el("h2", {}, c.title || c.file),
      el("p", {}, `地区：${c.region}（适用${c.authorities.map((a) => a + "规定").join("、")}）　检查期间：${c.term.start} 至 ${c.term.end}`),
    );
    drawCoverage(report.coverage);
    drawFindings(report, answer.locations);
    drawAbove(report.above_floor);
    drawUndetermined(report.undetermined);
    $("notes").replaceChildren(...report.notes.map((n) => el("li", { class: "muted" }, n)));
    $("report").hidden = false;
    const n = report.findings.length;
    $("status").textContent = n ? `共 ${n} 条发现（计算用时 ${ms.toFixed(1)} 毫秒）` : `未发现问题（计算用时 ${ms.toFixed(1)} 毫秒）`;
  }

  function drawCoverage(coverage) {
    $("coverage").replaceChildren(...PERIODS.map((p) => el("li", { class: coverage[p] ? "covered" : "uncovered", "data-period": p },
      (coverage[p] ? "✓ " : "✗ ") + p)));
  }

  function drawFindings(report, locations) {
    const counts = [];
    const box = $("findings");
    box.replaceChildren();
    for (const sev of SEVERITIES) {
      const items = report.findings.map((f, i) => [f, locations[i]]).filter(([f]) => f.severity === sev.key);
      counts.push(`${sev.name} ${items.length}`);
      if (!items.length) continue;
      const group = el("section", { class: `group ${sev.key}` }, el("h3", {}, `${sev.name}（${items.length}）`));
      for (const [f, loc] of items) group.append(finding(f, loc, sev.name, report.contract.term));
      box.append(group);
    }
    if (!report.findings.length) box.append(el("p", { class: "ok" }, "所有适用的法定标准均已达到。"));
    $("counts").textContent = counts.join(" · ");
  }

  function finding(f, loc, sevName, term) {
    const whole = f.from === term.start && f.to === term.end;
    const card = el("article", { class: `finding ${f.severity}`, "data-rule": f.rule, "data-from": f.from },
      el("header", {}, el("span", { class: `badge ${f.severity}` }, sevName), f.provisional ? el("span", { class: "badge provisional" }, "暂定") : null,
        el("span", { class: "message" }, f.message)),
      el("dl", {},
        el("dt", {}, "应为"), el("dd", { class: "expected" }, expectedWords(f.expected)),
        el("dt", {}, "实际"), el("dd", { class: "actual" }, actualWords(f.actual)),
        el("dt", {}, "适用期间"), el("dd", {}, whole ? `整个检查期间（${f.from} 至 ${f.to}）` : `${f.from} 至 ${f.to}`),
        el("dt", {}, "依据"), el("dd", { class: "citation" }, f.citation),
        ...(f.term_label ? [el("dt", {}, "条目"), el("dd", {}, f.term_label)] : []),
        ...(f.clause ? [el("dt", {}, "条款"), el("dd", {}, f.clause)] : [])),
    );
    if (loc && loc.clause) card.append(snippet(loc.clause, loc.value));
    return card;
  }

  /** What a finding expects and finds, as the engine's human output words them (是 → 应当约定). */
  function expectedWords(v) {
    return { "是": "应当约定", "否": "不得约定" }[v] ?? v;
  }

  function actualWords(v) {
    return { "否": "明确不承诺" }[v] ?? v;
  }

  /** The clause's lines from the YAML source, with the offending words marked. */
  function snippet(clause, value) {
    const pre = el("pre", { class: "snippet" });
    let line = state.yaml.slice(0, clause.start).split("\n").length;
    let at = clause.start;
    for (const text of state.yaml.slice(clause.start, clause.end).split("\n")) {
      const end = at + text.length;
      const row = el("span", { class: "row" }, el("span", { class: "ln" }, String(line)));
      if (value && value.start < end && value.end > at) {
        const s = Math.max(value.start, at) - at;
        const e = Math.min(value.end, end) - at;
        row.append(text.slice(0, s), el("mark", {}, text.slice(s, e)), text.slice(e));
      } else {
        row.append(text);
      }
      pre.append(row, "\n");
      at = end + 1;
      line += 1;
    }
    return pre;
  }

  function drawAbove(items) {
    const box = $("above");
    if (!items.length) {
      box.replaceChildren(el("p", { class: "muted" }, "没有高于标准的量化约定。"));
      return;
    }
    const rows = items.map((a) => el("tr", {}, el("td", {}, a.term_label), el("td", { class: "good" }, a.actual), el("td", {}, a.floor), el("td", {}, a.clause)));
    box.replaceChildren(el("table", {}, el("thead", {}, el("tr", {}, ...["条目", "合同约定", "法定标准", "条款"].map((h) => el("th", {}, h)))), el("tbody", {}, ...rows)));
  }

  function drawUndetermined(items) {
    const box = $("undetermined");
    if (!items.length) {
      box.replaceChildren();
      return;
    }
    box.replaceChildren(el("h2", {}, "无法判断"), el("ul", {}, ...items.map((u) => el("li", {}, `${u.title}（${u.reason}）`))));
  }

  start();
})();
