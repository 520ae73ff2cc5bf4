// axe-core on HTML pages in Debian's chromium, driven by puppeteer-core (no browser download).
// Usage: node axe.mjs CHROMIUM PAGE.html...
// Prints one JSON object: {"violations": {page: [violation...]}, "layout": {page: [problem...]}}.
// Checks WCAG 2.0-2.2 A and AA and axe's best-practice rules, then the layout axe cannot
// see, measured in the browser:
//   * at 1280 px, "Next chapter" sits beside "Previous chapter", not under it;
//   * at 1280 px, a contents line's title and source line wrap under the title's start
//     (a hanging indent), not under the number;
//   * at 320 px with WCAG 1.4.12 text spacing (line height 1.5, paragraphs 2 em apart,
//     letters 0.12 em, words 0.16 em), nothing scrolls sideways (WCAG 1.4.10).
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];
const [executablePath, ...pages] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "manualctl-axe-"));
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  userDataDir: profile,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const found = {};
const layout = {};
const SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

function measureWide() {
  const problems = [];
  const prev = document.querySelector(".pager-previous");
  const next = document.querySelector(".pager-next");
  if (prev && next) {
    const [a, b] = [prev.getBoundingClientRect(), next.getBoundingClientRect()];
    if (Math.abs(a.top - b.top) > 1 || b.left < a.right) problems.push("next chapter not beside previous");
  }
  for (const line of document.querySelectorAll(".contents-chapter, .contents-external")) {
    const title = line.querySelector("a");
    if (!title) continue;
    const start = title.getClientRects()[0].left;
    const lefts = [...title.getClientRects()].map((r) => r.left);
    const source = line.querySelector(".source");
    if (source) lefts.push(...[...source.getClientRects()].map((r) => r.left));
    if (lefts.some((left) => Math.abs(left - start) > 1)) {
      problems.push(`contents line not indented under its title: ${line.textContent.trim().slice(0, 60)}`);
    }
  }
  return problems;
}
const queue = [...pages];
async function worker() {
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  await page.setViewport({ width: 1280, height: 900 });
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.evaluate(axeSource);
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
      TAGS,
    );
    found[file] = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
    const problems = await page.evaluate(measureWide);
    await page.setViewport({ width: 320, height: 640 });
    await page.addStyleTag({ content: SPACING });
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (scroll > inner) problems.push(`scrolls sideways at 320 px with text spacing (${scroll} px wide)`);
    await page.setViewport({ width: 1280, height: 900 });
    layout[file] = problems;
  }
  await page.close();
}
try {
  await Promise.all([worker(), worker(), worker()]);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
const sorted = (obj) => Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
process.stdout.write(JSON.stringify({ violations: sorted(found), layout: sorted(layout) }, null, 1) + "\n");
