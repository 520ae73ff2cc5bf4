// The HTML edition's search box in Debian's chromium, driven by puppeteer-core.
// Usage: node search.mjs CHROMIUM SITE_URL SITE_FOLDER WORD
// SITE_URL is the site served over HTTP (search needs a server); SITE_FOLDER the same site
// on disk, opened from file:// with and without JavaScript. Prints one JSON object.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];
const [executablePath, siteUrl, siteFolder, word] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "manualctl-search-"));
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  userDataDir: profile,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const out = {};
const visible = (page) =>
  page.$eval("[data-manualctl-search]", (box) => !box.hidden && box.offsetParent !== null);
try {
  const page = await browser.newPage();  // the site's Content-Security-Policy applies
  const blocked = [];
  // Errors in the console (a Content-Security-Policy refusal, a script error) and files
  // the site lacks; the browser's own request for /favicon.ico is not the site's.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) blocked.push(m.text());
  });
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (r.status() >= 400 && path !== "/favicon.ico") blocked.push(`${r.status()} ${path}`);
  });
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(new URL("index.html", siteUrl).href, { waitUntil: "load" });
  await page.waitForSelector("[data-manualctl-search]:not([hidden])", { timeout: 60000 });
  await page.type("#site-search-input", word);
  await page.waitForSelector("[data-search-results] li a", { timeout: 60000 });
  await page.waitForFunction(() => document.querySelector("[data-search-status]").textContent);
  out.status = await page.$eval("[data-search-status]", (e) => e.textContent);
  out.results = await page.$$eval("[data-search-results] li", (items) =>
    items.map((li) => ({
      title: li.querySelector("a").textContent,
      href: li.querySelector("a").getAttribute("href"),
      excerpt: li.querySelector("p").textContent,
    })),
  );
  await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    TAGS,
  );
  out.violations = result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target),
  }));
  await Promise.all([page.waitForNavigation(), page.click("[data-search-results] li a")]);
  out.opened = { path: new URL(page.url()).pathname, h1: await page.$eval("h1", (e) => e.textContent) };
  out.consoleErrors = blocked;

  // From file://, with JavaScript on and off: no search box, and the links work.
  for (const js of [true, false]) {
    const local = await browser.newPage();
    await local.setJavaScriptEnabled(js);
    await local.goto(pathToFileURL(join(siteFolder, "index.html")).href, { waitUntil: "load" });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const shown = await visible(local);
    const links = await local.$$eval("main a[href$='.html']", (as) => as.length);
    await Promise.all([local.waitForNavigation(), local.click("main a[href$='.html']")]);
    const h1 = await local.$eval("h1", (e) => e.textContent);
    out[js ? "fileWithScript" : "fileWithoutScript"] = { searchShown: shown, links, firstLinkOpens: h1 };
    await local.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
