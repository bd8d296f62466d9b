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
  // `source` is the text findings point into: the YAML, or a document's own text. `doc` holds an opened
  // .docx/.txt: its text and the form the officer corrects (see dixian-import's api::Form).
  const state = { yaml: "", source: "", file: undefined, contractRegion: "", term: null, openedAt: null, doc: null, exportYaml: "" };
  const DOCUMENT = /\.(docx|txt|text)$/i;

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
    $("file").addEventListener("change", (e) => e.target.files && e.target.files[0] && openFile(e.target.files[0]));
    document.addEventListener("dragover", (e) => e.preventDefault());
    document.addEventListener("drop", (e) => {
      e.preventDefault();
      const f = e.dataTransfer && e.dataTransfer.files[0];
      if (f) openFile(f);
    });
    let timer;
    $("yaml").addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.file = undefined; showDocument(null); $("file-name").textContent = "（粘贴的内容）"; run(); }, 150);
    });
    for (const [id, apply] of [
      ["doc-region", (f, v) => { f.region = v; f.region_at = null; }],
      ["doc-signed", (f, v) => { f.signed = v || null; }],
      ["doc-start", (f, v) => { f.term.start = v; }],
      ["doc-end", (f, v) => { f.term.end = v; }],
    ]) $(id).addEventListener("change", (e) => { if (state.doc) { apply(state.doc.form, e.target.value.trim()); run(); } });
    $("add-row").addEventListener("click", addTerm);
    $("export-yaml").addEventListener("click", () => download(baseName() + ".yaml", state.exportYaml, "text/yaml"));
    $("draft-letter").addEventListener("click", draftLetter);
    $("revise").addEventListener("click", reviseDocument);
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
      for (const name of r.names.length ? r.names : [r.name]) $("region-names").append(el("option", { value: name }));
    }
    const root = regions.find((r) => r.parent === null);
    const provinces = regions.filter((r) => root && r.parent === root.name).length;
    const cities = regions.length - provinces - (root ? 1 : 0);
    $("rule-regions").textContent = `${root ? root.name : ""}、${provinces} 个省级地区` + (cities ? `和 ${cities} 个市` : "");
  }

  /** A contract file: a .docx or .txt goes through the importer, anything else is read as YAML. */
  async function openFile(file) {
    state.openedAt = performance.now();
    state.file = file.name;
    $("file-name").textContent = file.name;
    $("region").value = "";
    $("date").value = "";
    if (DOCUMENT.test(file.name)) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const t0 = performance.now();
      const answer = wasm_bindgen.importDocument(bytes, { filename: file.name });
      const ms = performance.now() - t0;
      if (answer.type !== "success") {
        showDocument(null);
        state.source = "";
        draw(answer, 0);
        markOpened();
        return;
      }
      $("yaml").value = "";
      showDocument({ text: answer.text, form: answer.form, bytes });
      draw(answer, ms);
      markOpened();
      return;
    }
    showDocument(null);
    $("yaml").value = await file.text();
    run();
  }

  function markOpened() {
    if (state.openedAt !== null) {
      document.body.dataset.openToRenderMs = String(performance.now() - state.openedAt);
      state.openedAt = null;
    }
  }

  /** Switches between the document view (text + terms table) and the YAML editor. */
  function showDocument(doc) {
    state.doc = doc;
    $("document").hidden = !doc;
    $("yaml").hidden = !!doc;
    document.querySelector('label[for="yaml"]').hidden = !!doc;
    if (!doc) return;
    const f = doc.form;
    $("doc-region").value = f.region || "";
    $("doc-signed").value = f.signed || "";
    $("doc-start").value = f.term.start || "";
    $("doc-end").value = f.term.end || "";
    $("add-clause").replaceChildren(...f.clauses.map((c, i) => el("option", { value: String(i), textContent: c.id })));
  }

  function options() {
    const o = {};
    if (state.file) o.file = state.file;
    if ($("region").value) o.region = $("region").value;
    if ($("date").value) o.date = $("date").value;
    return o;
  }

  /** Checks what is open (the corrected document form, or the YAML) and draws the answer. */
  function run() {
    const t0 = performance.now();
    let answer;
    if (state.doc) {
      const o = options();
      delete o.file;
      answer = wasm_bindgen.checkForm(state.doc.text, state.doc.form, o);
    } else {
      state.yaml = $("yaml").value;
      if (!state.yaml.trim()) {
        $("report").hidden = true;
        $("errors").hidden = true;
        $("status").textContent = "等待合同…";
        enableOutputs(false);
        return;
      }
      state.source = state.yaml;
      answer = wasm_bindgen.check(state.yaml, options());
    }
    draw(answer, performance.now() - t0);
    markOpened();
  }

  function draw(answer, ms) {
    if (state.doc) state.source = state.doc.text;
    if (answer.type === "success") {
      state.exportYaml = state.doc ? answer.yaml : state.yaml;
      showReport(answer, ms);
      if (state.doc) drawDocument(answer);
      enableOutputs(true, answer.report.findings.length > 0);
    } else {
      showErrors(answer.errors);
      enableOutputs(false);
    }
    document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);
  }

  function enableOutputs(ok, findings) {
    $("export-yaml").disabled = !ok;
    $("draft-letter").disabled = !(ok && findings);
    $("revise").hidden = !state.doc;
    $("revise").disabled = !(ok && findings && state.doc);
  }

  function showErrors(errors) {
    $("report").hidden = true;
    const box = $("errors");
    box.replaceChildren(el("h2", {}, "合同无法读取"));
    const lines = state.source.split("\n");
    for (const e of errors) {
      const where = e.line > 0 ? `${e.file} 第 ${e.line} 行第 ${e.column} 列` : "检查选项";
      const item = el("div", { class: "error" }, el("p", {}, el("strong", {}, where + "："), e.message));
      if (e.line > 0 && e.file !== "options" && state.source && lines[e.line - 1] !== undefined) {
        item.append(el("pre", { class: "snippet" }, el("span", { class: "ln" }, String(e.line)), ...markColumn(lines[e.line - 1], e.column)));
      }
      box.append(item);
    }
    box.hidden = false;
    $("status").textContent = state.doc ? `有 ${errors.length} 处无法检查，请改正后再试。` : `发现 ${errors.length} 处问题，无法检查。`;
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
    let line = state.source.slice(0, clause.start).split("\n").length;
    let at = clause.start;
    for (const text of state.source.slice(clause.start, clause.end).split("\n")) {
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

  /** The terms table and the document text with every finding's words marked. */
  function drawDocument(answer) {
    const form = state.doc.form;
    const rows = [];
    form.clauses.forEach((c, ci) => c.terms.forEach((t, ti) => {
      const name = t.label || t.term;
      const label = `${c.id} ${name}`;
      const value = el("input", { type: "text", value: t.value, className: "value" });
      value.setAttribute("aria-label", `${label}的数值`);
      value.addEventListener("change", () => { t.value = value.value.trim(); run(); });
      const remove = el("button", { type: "button", textContent: "删除" });
      remove.setAttribute("aria-label", `删除 ${label}`);
      remove.addEventListener("click", () => { c.terms.splice(ti, 1); run(); });
      rows.push(el("tr", { "data-clause": c.id, "data-term": t.term }, el("td", {}, c.id), el("td", {}, name), el("td", {}, value),
        el("td", { class: "words" }, t.words || "（审核时补充）"), el("td", {}, remove)));
    }));
    $("terms").tBodies[0].replaceChildren(...rows);

    // Finding words as non-overlapping ranges, the more severe first when two overlap.
    const rank = { refer: 0, rectify: 1, notice: 2 };
    const marks = answer.locations.map((loc, i) => [loc.value, answer.report.findings[i]])
      .filter(([v]) => v && v.end > v.start)
      .sort((a, b) => a[0].start - b[0].start || rank[a[1].severity] - rank[b[1].severity]);
    const text = state.doc.text;
    const parts = [];
    let at = 0;
    for (const [v, f] of marks) {
      if (v.start < at) continue;
      parts.push(text.slice(at, v.start), el("mark", { class: f.severity, title: f.message, "data-rule": f.rule }, text.slice(v.start, v.end)));
      at = v.end;
    }
    parts.push(text.slice(at));
    $("doc-text").replaceChildren(...parts);
  }

  function addTerm() {
    const c = state.doc && state.doc.form.clauses[Number($("add-clause").value)];
    const term = $("add-term").value.trim();
    const value = $("add-value").value.trim();
    if (!c || !term || !value) {
      $("status").textContent = "请选择条款并填写条目名称和数值。";
      return;
    }
    c.terms.push({ term, value, words: "", at: null });
    $("add-term").value = "";
    $("add-value").value = "";
    run();
  }

  function baseName() {
    return (state.file || "合同").replace(/\.[^.]+$/, "");
  }

  /** Saves text as a file, from a data: URL (no object URL, no request of any kind). */
  function download(name, text, type) {
    saveUrl(name, `data:${type};charset=utf-8,` + encodeURIComponent(text));
  }

  function downloadBytes(name, bytes, type) {
    let bin = "";
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    saveUrl(name, `data:${type};base64,` + btoa(bin));
  }

  function saveUrl(name, href) {
    const a = el("a", { href, download: name });
    document.body.append(a);
    a.click();
    a.remove();
  }

  /** 下载修订稿: the opened document with the suggestions as tracked changes (.docx) or revised (.txt). */
  function reviseDocument() {
    const answer = wasm_bindgen.reviseDocument(state.doc.bytes, state.doc.text, state.doc.form);
    if (answer.type !== "success") {
      $("status").textContent = answer.errors.map((e) => e.message).join("；");
      return;
    }
    const docx = /\.docx$/i.test(state.file || "");
    const name = `${baseName()}-修订稿.${docx ? "docx" : "txt"}`;
    downloadBytes(name, answer.bytes, docx ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "text/plain");
    $("status").textContent = answer.changes
      ? `已生成修订稿（${name}）：${answer.changes} 处修改` + (docx ? "以修订模式标出" : "（UTF-8 文本）") + "，发出前请核对。"
      : "没有可自动修改的问题，修订稿与原文相同。";
  }

  function draftLetter() {
    const answer = state.doc ? wasm_bindgen.documentLetter(state.doc.text, state.doc.form) : wasm_bindgen.letter(state.yaml);
    if (answer.type !== "success") {
      $("status").textContent = answer.errors.map((e) => e.message).join("；");
      return;
    }
    download(`${baseName()}-${answer.kind}.txt`, answer.text, "text/plain");
    $("status").textContent = `已起草${answer.kind}（${baseName()}-${answer.kind}.txt），发出前请核对。`;
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
