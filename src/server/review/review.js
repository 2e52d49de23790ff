// The review page (GET /review). Sends the chosen PDF to POST /api/credit_report_v2 with
// evidence=1&page_images=1, draws every field's box over its page image (coloured by
// confidence), lists the flagged fields first, then failed checks, then every field by
// section, and lets a person accept or correct values and export the corrected result.
// No dependencies, no build step: served as is from the binary.
"use strict";
(() => {
  const API = "/api/credit_report_v2";
  // Screen pixels per PDF point at 100 %: a CSS pixel is 1/96 in, a point 1/72 in.
  const PX_PER_PT = 96 / 72;
  const KEY_STORE = "zhengxin.apiKey";
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  // Timings for people and for the browser test (performance.now() milliseconds).
  const marks = (window.__review = { chosenAt: null, apiReturnedAt: null, boxesDrawnAt: null });

  let state = null; // the loaded report, see load()
  let uploads = 0; // a newer upload makes the answer of an older one moot
  const authRequired = document.body.dataset.authRequired === "1";

  // ---- paths: "a.b[0].c" <-> tokens ----------------------------------------------------
  const tokens = (path) => (path.match(/[^.[\]]+|\[\d+\]/g) || []).map((t) => (t[0] === "[" ? Number(t.slice(1, -1)) : t));
  const getAt = (obj, path) => tokens(path).reduce((o, t) => (o == null ? undefined : o[t]), obj);
  const setAt = (obj, path, value) => {
    const ts = tokens(path);
    let o = obj;
    for (const t of ts.slice(0, -1)) {
      if (o == null) return false;
      o = o[t];
    }
    if (o == null || typeof o !== "object") return false;
    o[ts[ts.length - 1]] = value;
    return true;
  };
  const isUnder = (path, parent) => path.startsWith(parent) && (path.length === parent.length || ".[".includes(path[parent.length]));
  const byPathOrder = (a, b) => a.localeCompare(b, "en", { numeric: true });
  const band = (c) => (c >= 0.99 ? "high" : c >= 0.95 ? "mid" : "low");

  // ---- messages ---------------------------------------------------------------------------
  function message(text, kind) {
    const m = $("message");
    m.textContent = text;
    m.className = kind || "";
    m.hidden = !text;
  }

  // ---- upload ---------------------------------------------------------------------------
  async function upload(file) {
    const mine = ++uploads;
    marks.chosenAt = performance.now();
    marks.apiReturnedAt = marks.boxesDrawnAt = null;
    const key = $("api-key").value.trim();
    if (authRequired && !key) {
      message("This service needs an API key: enter it above, then choose the file again.");
      $("api-key").focus();
      return;
    }
    if (authRequired) sessionStorage.setItem(KEY_STORE, key);
    message("");
    reset();
    document.body.dataset.state = "loading";
    const form = new FormData();
    form.append("image_file", file, file.name);
    form.append("evidence", "1");
    form.append("page_images", "1");
    const headers = authRequired ? { "X-Api-Key": key } : {};
    let resp, body;
    try {
      resp = await fetch(API, { method: "POST", body: form, headers });
    } catch (e) {
      return mine === uploads && fail(`Cannot reach the service: ${e.message}`);
    }
    const text = await resp.text();
    if (mine !== uploads) return;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return fail(`The service answered HTTP ${resp.status} with a body that is not JSON.`);
    }
    marks.apiReturnedAt = performance.now();
    if (body.status !== "OK") {
      if (body.status === "NO_PERMISSION") $("api-key").focus();
      return fail(`${body.status || "ERROR"} (HTTP ${resp.status}): ${body.error || "no message"}`);
    }
    if (!body.result || !body.evidence) return fail("The answer has no result or no evidence.");
    load(file.name, body.result, body.evidence);
  }

  function fail(text) {
    document.body.dataset.state = "error";
    message(text);
    $("drop").hidden = false;
  }

  // ---- the loaded report -----------------------------------------------------------------
  function reset() {
    state = null;
    for (const p of document.querySelectorAll(".page")) p.remove();
    $("lists").replaceChildren();
    $("summary").replaceChildren();
    $("editor").hidden = true;
    $("export").disabled = $("accept-unflagged").disabled = true;
  }

  function load(name, result, evidence) {
    const fields = new Map();
    for (const [path, ev] of Object.entries(evidence.fields || {})) {
      const value = getAt(result, path);
      fields.set(path, {
        path,
        ev,
        original: value == null ? "" : String(value),
        flagged: false,
        accepted: false,
        boxes: [],
        items: [],
      });
    }
    const review = evidence.review || [];
    for (const p of review) for (const f of leavesOf(fields, p)) f.flagged = true;
    state = {
      name,
      result: structuredClone(result),
      evidence,
      fields,
      review,
      reviewItems: new Map(), // review path that is not a leaf -> its list items
      changes: new Map(),
      acceptedReview: new Set(),
      selected: null,
      cursor: -1, // position in `review` for j/k
      observer: null,
    };
    $("drop").hidden = true;
    drawPages();
    drawLists();
    summary();
    $("export").disabled = $("accept-unflagged").disabled = false;
    // Boxes are in the DOM now; the mark is taken after the browser has laid them out.
    requestAnimationFrame(() => {
      marks.boxesDrawnAt = performance.now();
      document.body.dataset.state = "ready";
    });
  }

  function leavesOf(fields, path) {
    const f = fields.get(path);
    if (f) return [f];
    return [...fields.values()].filter((g) => isUnder(g.path, path));
  }

  // ---- pages and boxes ---------------------------------------------------------------------
  function drawPages() {
    const host = $("pages");
    const pages = state.evidence.pages || [];
    const frag = document.createDocumentFragment();
    const byNumber = new Map();
    // Images are decoded only when their page comes near the viewport, so a 50-page report
    // opens as fast as a 1-page one; boxes are plain positioned divs, drawn at once.
    state.observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          const img = e.target.querySelector("img");
          if (img && !img.src) img.src = img.dataset.src;
          state.observer.unobserve(e.target);
        }
      },
      { root: host, rootMargin: "1500px 0px" },
    );
    for (const p of pages) {
      const div = el("div", "page");
      div.dataset.page = p.page;
      div.style.width = `${p.width * PX_PER_PT}px`;
      div.style.aspectRatio = `${p.width} / ${p.height}`;
      div.append(el("span", "label", `${p.page} / ${pages.length} · ${p.source}`));
      if (p.image) {
        const img = el("img");
        img.alt = `page ${p.page}`;
        img.decoding = "async";
        img.dataset.src = p.image;
        div.append(img);
      } else {
        div.append(el("div", "no-image", "no page image"));
      }
      byNumber.set(p.page, { div, p });
      frag.append(div);
      state.observer.observe(div);
    }
    for (const f of state.fields.values()) {
      for (const b of f.ev.boxes || []) {
        const page = byNumber.get(b.page);
        if (!page) continue;
        const [x0, y0, x1, y1] = b.bbox;
        const { width: w, height: h } = page.p;
        // One point of air around the printed characters so the outline does not cover them.
        const box = el("div", "box");
        box.style.left = `${((x0 - 1) / w) * 100}%`;
        box.style.top = `${((y0 - 1) / h) * 100}%`;
        box.style.width = `${((x1 - x0 + 2) / w) * 100}%`;
        box.style.height = `${((y1 - y0 + 2) / h) * 100}%`;
        box.dataset.path = f.path;
        box.title = `${f.path}\n${f.original}\nconfidence ${f.ev.confidence}`;
        page.div.append(box);
        f.boxes.push(box);
      }
      paint(f);
    }
    host.append(frag);
  }

  // ---- lists -------------------------------------------------------------------------------
  function item(f) {
    const it = el("div", "item");
    it.dataset.path = f.path;
    it.append(el("div", "path", f.path), el("div", "value"), el("div", "conf", f.ev.confidence.toFixed(3)));
    f.items.push(it);
    return it;
  }

  function recordItem(path) {
    // A failed check may name a whole record or list; it is reviewed as a unit.
    const it = el("div", "item low");
    it.dataset.path = path;
    const n = leavesOf(state.fields, path).length;
    it.append(el("div", "path", path), el("div", "value", `record named by a failed check (${n} fields)`), el("div", "conf", ""));
    if (!state.reviewItems.has(path)) state.reviewItems.set(path, []);
    state.reviewItems.get(path).push(it);
    return it;
  }

  function section(title, children, cls) {
    const s = el("section", cls);
    s.append(el("h2", "", title));
    if (children.length === 0) s.append(el("div", "empty", "none"));
    s.append(...children);
    return s;
  }

  function drawLists() {
    const { fields, review, evidence } = state;
    const lists = $("lists");
    const frag = document.createDocumentFragment();
    frag.append(
      section(
        `Review (${review.length})`,
        review.map((p) => (fields.has(p) ? item(fields.get(p)) : recordItem(p))),
        "review",
      ),
    );
    const failed = (evidence.checks || []).filter((c) => !c.ok);
    const checkRow = (c) => {
      const row = el("div", "check");
      row.append(el("div", "rule", c.rule), el("div", "", c.message || ""));
      const links = el("div", "paths");
      for (const p of c.paths || []) {
        const a = el("a", "", p);
        a.dataset.path = p;
        links.append(a);
      }
      row.append(links);
      return row;
    };
    const integrity = failed.filter((c) => c.rule.startsWith("integrity."));
    const rules = failed.filter((c) => !c.rule.startsWith("integrity."));
    frag.append(section(`Failed checks (${rules.length})`, rules.map(checkRow), "checks"));
    frag.append(section(`Integrity signals (${integrity.length})`, integrity.map(checkRow), "integrity"));
    const groups = new Map();
    for (const path of [...fields.keys()].sort(byPathOrder)) {
      const top = tokens(path)[0];
      if (!groups.has(top)) groups.set(top, []);
      groups.get(top).push(fields.get(path));
    }
    const all = [];
    for (const [top, fs] of groups) {
      const d = el("details");
      d.dataset.section = top;
      d.append(el("summary", "", `${top} (${fs.length})`), ...fs.map(item));
      all.push(d);
    }
    frag.append(section(`All fields by section (${fields.size})`, all, "all"));
    lists.append(frag);
    for (const f of fields.values()) paint(f);
  }

  // ---- state of a field, shown on its boxes and items -------------------------------------
  function current(f) {
    const c = state && state.changes.get(f.path);
    return c ? c.new : f.original;
  }

  function paint(f) {
    const corrected = state.changes.has(f.path);
    const cls = [band(f.ev.confidence)];
    if (f.flagged) cls.push("flagged");
    if (corrected) cls.push("corrected");
    else if (f.accepted) cls.push("accepted");
    if (state.selected && isUnder(f.path, state.selected)) cls.push("selected");
    for (const b of f.boxes) b.className = `box ${cls.join(" ")}`;
    for (const it of f.items) {
      it.className = `item ${cls.join(" ")}`;
      const v = it.querySelector(".value");
      v.replaceChildren();
      if (corrected) v.append(el("span", "old", f.original));
      v.append(current(f));
    }
  }

  function paintReviewItem(path) {
    for (const it of state.reviewItems.get(path) || []) {
      it.classList.toggle("accepted", state.acceptedReview.has(path));
      it.classList.toggle("selected", state.selected === path);
    }
  }

  // ---- selection ---------------------------------------------------------------------------
  function select(path, from) {
    if (!state) return;
    cancelEdit();
    const before = state.selected;
    state.selected = path;
    for (const p of [before, path]) {
      if (p == null) continue;
      for (const f of leavesOf(state.fields, p)) paint(f);
      paintReviewItem(p);
    }
    const i = state.review.indexOf(path);
    if (i >= 0) state.cursor = i;
    const leaves = leavesOf(state.fields, path);
    const box = leaves.flatMap((f) => f.boxes)[0];
    if (box && from !== "box") box.scrollIntoView({ block: "center", inline: "nearest" });
    if (from !== "list") {
      const f = state.fields.get(path);
      let it = (state.reviewItems.get(path) || [])[0] || (f && f.items[0]);
      if (f && f.items.length > 0) {
        // Prefer the entry in the review list, else open the field's section.
        it = f.items.find((x) => x.closest(".review")) || f.items[f.items.length - 1];
        const d = it.closest("details");
        if (d) d.open = true;
      }
      if (it) it.scrollIntoView({ block: "nearest" });
    }
    showEditor(path);
  }

  function showEditor(path) {
    const ed = $("editor");
    const f = state.fields.get(path);
    ed.hidden = false;
    $("ed-path").textContent = path;
    const input = $("ed-value");
    input.readOnly = true;
    $("ed-edit").textContent = "Edit";
    if (f) {
      const pages = [...new Set(f.ev.boxes.map((b) => b.page))].join(", ") || "not located";
      const st = state.changes.has(path) ? "corrected" : f.accepted ? "accepted" : f.flagged ? "flagged" : "";
      $("ed-meta").textContent = `confidence ${f.ev.confidence} · ${f.ev.source} · page ${pages}${st ? " · " + st : ""}`;
      input.value = current(f);
      input.disabled = $("ed-edit").disabled = false;
    } else {
      const n = leavesOf(state.fields, path).length;
      $("ed-meta").textContent = `a record of ${n} fields, named by a failed check${state.acceptedReview.has(path) ? " · accepted" : ""}`;
      input.value = "";
      input.disabled = $("ed-edit").disabled = true;
    }
  }

  function step(delta) {
    if (!state || state.review.length === 0) return;
    const n = state.review.length;
    const start = state.cursor < 0 ? (delta > 0 ? -1 : 0) : state.cursor;
    state.cursor = (((start + delta) % n) + n) % n;
    select(state.review[state.cursor], "key");
  }

  // ---- accept and edit -----------------------------------------------------------------------
  function accept(path) {
    if (!state || path == null) return;
    for (const f of leavesOf(state.fields, path)) {
      f.accepted = true;
      paint(f);
    }
    if (!state.fields.has(path)) {
      state.acceptedReview.add(path);
      paintReviewItem(path);
    }
    showEditor(path);
    summary();
  }

  function acceptUnflagged() {
    if (!state) return;
    for (const f of state.fields.values()) {
      if (!f.flagged && !f.accepted) {
        f.accepted = true;
        paint(f);
      }
    }
    if (state.selected) showEditor(state.selected);
    summary();
  }

  function startEdit() {
    if (!state || !state.fields.has(state.selected)) return;
    const input = $("ed-value");
    input.readOnly = false;
    $("ed-edit").textContent = "Save";
    input.focus();
    input.select();
  }

  function editing() {
    return !$("ed-value").readOnly;
  }

  function cancelEdit() {
    if (!editing()) return;
    const f = state && state.fields.get(state.selected);
    if (f) $("ed-value").value = current(f);
    $("ed-value").readOnly = true;
    $("ed-edit").textContent = "Edit";
  }

  function commitEdit() {
    const f = state && state.fields.get(state.selected);
    if (!f) return;
    const value = $("ed-value").value;
    if (value === f.original) {
      state.changes.delete(f.path);
    } else {
      state.changes.set(f.path, { path: f.path, old: f.original, new: value });
    }
    setAt(state.result, f.path, value);
    f.accepted = true;
    $("ed-value").readOnly = true;
    paint(f);
    showEditor(f.path);
    summary();
  }

  // ---- export --------------------------------------------------------------------------------
  function exported() {
    const pending = state.review.filter((p) => {
      const leaves = leavesOf(state.fields, p);
      if (!state.fields.has(p)) return !state.acceptedReview.has(p);
      return leaves.some((f) => !f.accepted && !state.changes.has(f.path));
    });
    return {
      result: state.result,
      changes: [...state.changes.values()].sort((a, b) => byPathOrder(a.path, b.path)),
      accepted: [...state.fields.values()].filter((f) => f.accepted && !state.changes.has(f.path)).map((f) => f.path),
      pending,
    };
  }

  function download() {
    if (!state) return;
    const blob = new Blob([JSON.stringify(exported(), null, 2)], { type: "application/json" });
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${state.name.replace(/\.pdf$/i, "")}.reviewed.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  // ---- summary strip ---------------------------------------------------------------------
  function summary() {
    if (!state) return;
    const { evidence, fields, changes } = state;
    const pages = evidence.pages || [];
    const failed = (evidence.checks || []).filter((c) => !c.ok);
    const integrity = failed.filter((c) => c.rule.startsWith("integrity.")).length;
    const fs = [...fields.values()];
    const stats = [
      ["file", state.name],
      ["pages", pages.length],
      ["text pages", pages.filter((p) => p.source === "text").length],
      ["OCR pages", pages.filter((p) => p.source === "ocr").length],
      ["fields", fields.size],
      ["with boxes", fs.filter((f) => f.ev.boxes.length > 0).length],
      ["flagged", state.review.length],
      ["failed checks", failed.length - integrity],
      ["integrity signals", integrity],
      ["accepted", fs.filter((f) => f.accepted && !changes.has(f.path)).length],
      ["corrected", changes.size],
    ];
    const strip = $("summary");
    strip.replaceChildren(
      ...stats.map(([k, v]) => {
        const s = el("span", "stat");
        s.dataset.stat = k;
        s.append(`${k} `, el("b", "", String(v)));
        return s;
      }),
    );
    const legend = el("span", "legend");
    for (const [name, color] of [["≥ 0.99", "--high"], ["≥ 0.95", "--mid"], ["< 0.95", "--low"], ["accepted", "--accepted"], ["corrected", "--corrected"]]) {
      const sw = el("span");
      sw.style.borderColor = `var(${color})`;
      legend.append(sw, name);
    }
    strip.append(legend);
  }

  // ---- events ----------------------------------------------------------------------------------
  $("file").addEventListener("change", (e) => {
    const f = e.target.files[0];
    if (f) upload(f);
    e.target.value = "";
  });
  window.addEventListener("dragover", (e) => {
    e.preventDefault();
    document.body.classList.add("dragging");
  });
  window.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    document.body.classList.remove("dragging");
    const f = e.dataTransfer.files[0];
    if (f) upload(f);
  });
  $("pages").addEventListener("click", (e) => {
    const b = e.target.closest(".box");
    if (b) select(b.dataset.path, "box");
  });
  $("lists").addEventListener("click", (e) => {
    const t = e.target.closest(".item, .paths a");
    if (t) select(t.dataset.path, "list");
  });
  $("ed-accept").addEventListener("click", () => state && accept(state.selected));
  $("ed-edit").addEventListener("click", () => (editing() ? commitEdit() : startEdit()));
  $("ed-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (editing()) commitEdit();
  });
  $("ed-value").addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      cancelEdit();
    }
  });
  $("accept-unflagged").addEventListener("click", acceptUnflagged);
  $("export").addEventListener("click", download);
  document.addEventListener("keydown", (e) => {
    if (!state || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof HTMLInputElement && !t.readOnly) return;
    // Enter on a button is that button's click.
    if (t instanceof HTMLButtonElement || t.tagName === "SUMMARY") return;
    switch (e.key) {
      case "j":
        step(1);
        break;
      case "k":
        step(-1);
        break;
      case "a":
        if (state.selected) {
          accept(state.selected);
          // On to the next flagged field when working through the review list.
          if (state.review.includes(state.selected)) step(1);
        }
        break;
      case "e":
      case "Enter":
        startEdit();
        break;
      default:
        return;
    }
    e.preventDefault();
  });
  if (authRequired) {
    $("key-box").hidden = false;
    $("api-key").value = sessionStorage.getItem(KEY_STORE) || "";
  }
})();
