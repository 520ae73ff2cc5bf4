// axe-core on HTML pages in Debian's chromium, driven by puppeteer-core (no browser download).
// Usage: node axe.mjs CHROMIUM PAGE.html...   Prints one JSON object: {page: [violation...]}.
// Checks WCAG 2.0-2.2 A and AA and axe's best-practice rules.
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
  }
  await page.close();
}
try {
  await Promise.all([worker(), worker(), worker()]);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
const sorted = Object.fromEntries(Object.keys(found).sort().map((k) => [k, found[k]]));
process.stdout.write(JSON.stringify(sorted, null, 1) + "\n");
