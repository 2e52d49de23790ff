// Browser test of the review page (GET /review): Debian's chromium, driven by playwright-core,
// against a live `zhengxin serve` on a free loopback port with an API key configured.
//
//   node tests/e2e/review.test.mjs              the test (make e2e)
//   E2E_TIMING=a.pdf,b.pdf node tests/e2e/…     time "file chosen → boxes drawn" only (make e2e-timing)
//
// Environment: ZHENGXIN_BIN (default target/release/zhengxin), ZHENGXIN_HOME (models, pdfium),
// E2E_PDF (the report the test reviews; it must have flagged fields), E2E_OUT (screenshots and the
// export, default out/e2e), CHROMIUM (default /usr/bin/chromium), E2E_TIMEOUT_S (the whole run,
// default 600).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = process.env.ZHENGXIN_BIN || path.join(ROOT, "target/release/zhengxin");
const OUT = process.env.E2E_OUT || path.join(ROOT, "out/e2e");
const PDF = process.env.E2E_PDF || path.join(ROOT, "corpus/ci/synth_s77_000.garbled.pdf");
const NOT_PDF = path.join(ROOT, "tests/e2e/fixtures/not-a-pdf.pdf");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const API_KEY = "e2e-review-key-0001";
const API = "/api/credit_report_v2";
// A hung server or browser must fail the run, not hold CI: the whole run gets this long.
const RUN_LIMIT_MS = Number(process.env.E2E_TIMEOUT_S || 600) * 1000;
let server = null;

function log(...a) {
  console.log("[e2e]", ...a);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/// Starts `zhengxin serve` and waits until /readyz answers 200.
async function startServer() {
  const port = await freePort();
  const child = spawn(BIN, ["serve", "--addr", `127.0.0.1:${port}`], {
    env: { ...process.env, ZHENGXIN_API_KEYS: API_KEY, ZHENGXIN_WORKERS: "1", RUST_LOG: process.env.RUST_LOG || "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  server = child;
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (exited) throw new Error(`zhengxin serve exited early: ${JSON.stringify(exited)}`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return { base, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGTERM");
  throw new Error("zhengxin serve did not become ready within 120 s");
}

async function launch() {
  // A fresh profile per run: no cache, no stored key, nothing from an earlier run.
  const profile = mkdtempSync(path.join(tmpdir(), "zhengxin-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1440, height: 1000 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return { context, profile };
}

/// Chooses `file` in the page and waits for the boxes (or an error message). Returns the API's
/// answer as the browser received it and the page's timing marks.
async function open(page, file) {
  // The answer is read over a DevTools session of our own with room for big bodies: the one
  // playwright keeps drops bodies of more than a few MB, and a report with page images is bigger.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable", { maxResourceBufferSize: 512 << 20, maxTotalBufferSize: 1024 << 20 });
  let requestId = null;
  const answer = new Promise((resolve, reject) => {
    cdp.on("Network.responseReceived", (e) => {
      if (e.response.url.endsWith(API)) requestId = e.requestId;
    });
    cdp.on("Network.loadingFinished", (e) => {
      if (e.requestId !== requestId) return;
      cdp
        .send("Network.getResponseBody", { requestId })
        .then((b) => resolve(JSON.parse(b.base64Encoded ? Buffer.from(b.body, "base64").toString("utf8") : b.body)), reject);
    });
  });
  await page.setInputFiles("#file", file);
  const body = await answer;
  await cdp.detach();
  await page.waitForFunction(() => ["ready", "error"].includes(document.body.dataset.state), null, {
    timeout: 60_000,
  });
  const marks = await page.evaluate(() => ({ ...window.__review }));
  return { body, marks };
}

/// Boxes in the evidence: all of them, and the fields that have at least one.
function evidenceBoxes(evidence) {
  const fields = Object.entries(evidence.fields).filter(([, f]) => f.boxes.length > 0);
  return { boxes: fields.reduce((n, [, f]) => n + f.boxes.length, 0), fields: fields.length };
}

async function drawnBoxes(page) {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll("#pages .box")];
    const invisible = boxes.filter((b) => {
      const r = b.getBoundingClientRect();
      return !(r.width > 0 && r.height > 0) || getComputedStyle(b).visibility === "hidden";
    }).length;
    return { boxes: boxes.length, fields: new Set(boxes.map((b) => b.dataset.path)).size, invisible };
  });
}

function getAt(obj, p) {
  const ts = (p.match(/[^.[\]]+|\[\d+\]/g) || []).map((t) => (t[0] === "[" ? Number(t.slice(1, -1)) : t));
  return ts.reduce((o, t) => (o == null ? undefined : o[t]), obj);
}

async function timing(page, files) {
  for (const f of files) {
    const { body, marks } = await open(page, f);
    assert.equal(body.status, "OK", `${f}: ${body.error}`);
    const want = evidenceBoxes(body.evidence);
    const got = await drawnBoxes(page);
    assert.equal(got.boxes, want.boxes, `${f}: boxes drawn`);
    const pages = body.evidence.pages;
    const ocr = pages.filter((p) => p.source === "ocr").length;
    const bytes = pages.map((p) => (p.image ? Math.floor((p.image.length - 22) * 0.75) : 0));
    log(
      `${path.basename(f)}: ${pages.length} pages (${ocr} OCR), ${got.boxes} boxes for ${got.fields} fields (evidence: ${want.boxes} / ${want.fields}); ` +
        `file chosen → boxes drawn ${(marks.boxesDrawnAt - marks.chosenAt).toFixed(0)} ms, of which API ${(marks.apiReturnedAt - marks.chosenAt).toFixed(0)} ms and ` +
        `API returned → boxes drawn ${(marks.boxesDrawnAt - marks.apiReturnedAt).toFixed(0)} ms; page PNG mean ${(bytes.reduce((a, b) => a + b, 0) / bytes.length / 1024).toFixed(1)} KiB, max ${(Math.max(...bytes) / 1024).toFixed(1)} KiB`,
    );
    await page.screenshot({ path: path.join(OUT, `timing-${path.basename(f, ".pdf")}.png`) });
  }
}

async function test(page, base) {
  // Errors are messages, never a blank page: a wrong key first, then a file that is not a PDF.
  await page.fill("#api-key", "wrong-key-0000000");
  let r = await open(page, PDF);
  assert.equal(r.body.status, "NO_PERMISSION");
  assert.match(await page.textContent("#message"), /NO_PERMISSION/);
  assert.ok(await page.isVisible("#message"));
  await page.fill("#api-key", API_KEY);
  r = await open(page, NOT_PDF);
  assert.equal(r.body.status, "PARAMETER_ERROR");
  assert.match(await page.textContent("#message"), /PARAMETER_ERROR.*not a PDF/);
  await page.screenshot({ path: path.join(OUT, "review-error.png") });

  // The report.
  const { body, marks } = await open(page, PDF);
  assert.equal(body.status, "OK", body.error);
  assert.ok(await page.isHidden("#message"), "no error message after a good upload");
  const ev = body.evidence;
  const want = evidenceBoxes(ev);
  const got = await drawnBoxes(page);
  log(`boxes drawn ${got.boxes} (fields ${got.fields}); evidence: ${want.boxes} boxes on ${want.fields} fields of ${Object.keys(ev.fields).length}`);
  assert.equal(got.boxes, want.boxes, "one drawn box per evidence box");
  assert.equal(got.fields, want.fields, "every field with boxes has a drawn box");
  assert.equal(got.invisible, 0, "every box has a size on screen");
  log(`file chosen → boxes drawn ${(marks.boxesDrawnAt - marks.chosenAt).toFixed(0)} ms (API returned → boxes drawn ${(marks.boxesDrawnAt - marks.apiReturnedAt).toFixed(0)} ms)`);

  // Page images: PNGs at the service's screen resolution (96 DPI by default).
  for (const p of ev.pages) {
    assert.ok(p.image && p.image.startsWith("data:image/png;base64,"), `page ${p.page} image`);
  }
  await page.waitForFunction(() => {
    const img = document.querySelector(".page img");
    return img && img.complete && img.naturalWidth > 0;
  });
  const natural = await page.evaluate(() => {
    const img = document.querySelector(".page img");
    return [img.naturalWidth, img.naturalHeight];
  });
  assert.ok(Math.abs(natural[0] - (ev.pages[0].width * 96) / 72) <= 1, `image width ${natural[0]}`);

  // The summary strip.
  const stat = (k) => page.textContent(`[data-stat="${k}"] b`);
  assert.equal(await stat("pages"), String(ev.pages.length));
  assert.equal(await stat("fields"), String(Object.keys(ev.fields).length));
  assert.equal(await stat("flagged"), String(ev.review.length));
  await page.screenshot({ path: path.join(OUT, "review-loaded.png") });

  // Clicking a box selects its field; clicking a field in the list selects its box.
  const anyBox = page.locator("#pages .box").nth(Math.floor(got.boxes / 2));
  const boxPath = await anyBox.getAttribute("data-path");
  await anyBox.scrollIntoViewIfNeeded();
  await anyBox.click({ force: true });
  assert.equal(await page.textContent("#ed-path"), boxPath);
  assert.ok(await page.locator(`#lists .item.selected[data-path="${boxPath}"]`).count() > 0, "list follows the box");

  // The flagged list, by keyboard.
  assert.ok(ev.review.length >= 2, `E2E_PDF must have at least two flagged fields (has ${ev.review.length})`);
  await page.locator("#pages").focus();
  await page.keyboard.press("j");
  assert.equal(await page.textContent("#ed-path"), ev.review[0]);
  await page.screenshot({ path: path.join(OUT, "review-flagged.png") });
  await page.keyboard.press("j");
  assert.equal(await page.textContent("#ed-path"), ev.review[1]);
  await page.keyboard.press("k");
  assert.equal(await page.textContent("#ed-path"), ev.review[0]);
  const selectedBoxes = await page.locator("#pages .box.selected").count();
  if (ev.fields[ev.review[0]]) {
    assert.equal(selectedBoxes, ev.fields[ev.review[0]].boxes.length, "the selected field's boxes are highlighted");
  }

  // Accept the first flagged field with `a` (moves on to the next), then edit a flagged leaf.
  await page.keyboard.press("a");
  assert.equal(await page.textContent("#ed-path"), ev.review[1]);
  const target = ev.review.slice(1).find((p) => ev.fields[p]) || Object.keys(ev.fields)[0];
  await page.locator(`#lists .review .item[data-path="${target}"]`).first().click().catch(async () => {
    await page.locator(`#lists .item[data-path="${target}"]`).first().click();
  });
  assert.equal(await page.textContent("#ed-path"), target);
  const old = String(getAt(body.result, target));
  const corrected = `${old}校`;
  await page.keyboard.press("e");
  assert.equal(await page.getAttribute("#ed-value", "readonly"), null, "editing");
  await page.fill("#ed-value", corrected);
  await page.keyboard.press("Enter");
  assert.equal(await stat("corrected"), "1");
  assert.ok(await page.locator(`#pages .box.corrected[data-path="${target}"]`).count() > 0 || ev.fields[target].boxes.length === 0);
  await page.click("#accept-unflagged");
  const unflagged = Object.keys(ev.fields).filter((p) => !ev.review.some((r) => p === r || p.startsWith(`${r}.`) || p.startsWith(`${r}[`)));
  await page.screenshot({ path: path.join(OUT, "review-edited.png") });

  // Export: the corrected result and the one change.
  const dl = page.waitForEvent("download");
  await page.click("#export");
  const file = path.join(OUT, "export.json");
  await (await dl).saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  assert.deepEqual(exported.changes, [{ path: target, old, new: corrected }]);
  const expected = structuredClone(body.result);
  const ts = (target.match(/[^.[\]]+|\[\d+\]/g) || []).map((t) => (t[0] === "[" ? Number(t.slice(1, -1)) : t));
  ts.slice(0, -1).reduce((o, t) => o[t], expected)[ts[ts.length - 1]] = corrected;
  assert.deepEqual(exported.result, expected, "the exported result is the API's with exactly the one change");
  assert.ok(exported.accepted.length >= unflagged.length, "accept all unflagged");
  assert.ok(!exported.pending.includes(ev.review[0]) && !exported.pending.includes(target));
  log(`export: 1 change at ${target}, ${exported.accepted.length} accepted, ${exported.pending.length} pending`);
  assert.ok(base);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const inputs = process.env.E2E_TIMING ? process.env.E2E_TIMING.split(",") : [PDF, NOT_PDF];
  for (const f of [BIN, ...inputs]) {
    if (!existsSync(f)) throw new Error(`${f} is missing (make build; corpus/ci comes from make corpus)`);
  }
  const watchdog = setTimeout(() => {
    console.error(`[e2e] FAILED: not done within ${RUN_LIMIT_MS / 1000} s`);
    if (server) server.kill("SIGTERM");
    process.exit(1);
  }, RUN_LIMIT_MS);
  watchdog.unref();
  const { base, child } = await startServer();
  const { context, profile } = await launch();
  const errors = [];
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && !/status of 40\d/.test(m.text()) && errors.push(m.text()));
    await page.goto(`${base}/review`);
    assert.ok(await page.isVisible("#api-key"), "the page asks for the API key the server requires");
    if (process.env.E2E_TIMING) {
      await page.fill("#api-key", API_KEY);
      await timing(page, process.env.E2E_TIMING.split(","));
    } else {
      await test(page, base);
    }
    assert.deepEqual(errors, [], "no script errors in the page");
    log("ok");
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    child.kill("SIGTERM");
  }
}

main().catch((e) => {
  console.error("[e2e] FAILED:", e);
  writeFileSync(path.join(OUT, "failure.txt"), String(e && e.stack ? e.stack : e));
  process.exit(1);
});
