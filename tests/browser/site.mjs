// Loads the public MOU page `moulint report site` writes in headless
// Chromium and prints what a reader gets, as JSON, for tests/report.rs to
// assert on: the title, the tables, the links (and whether each local one
// opens a page), console messages and page errors, and any request that
// was not for a local file.
//
// usage: node site.mjs SITE_DIR
import { chromium } from "playwright-core";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const [dir] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.MOULINT_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = await browser.newPage();
const console_ = [];
const errors = [];
const blocked = [];
page.on("console", (m) => console_.push(`${m.type()}: ${m.text()}`));
page.on("pageerror", (e) => errors.push(String(e)));
page.on("request", (r) => {
  if (!r.url().startsWith("file:")) blocked.push(r.url());
});

const visit = async (name) => {
  await page.goto("file://" + resolve(join(dir, name)));
  return page.evaluate(() => {
    const text = (e) => (e ? e.textContent.replace(/\s+/g, " ").trim() : null);
    return {
      title: document.title,
      h1: text(document.querySelector("h1")),
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null,
      scripts: document.querySelectorAll("script").length,
      tables: [...document.querySelectorAll("table")].map((t) => ({
        class: t.className,
        caption: text(t.querySelector("caption")),
        rows: t.querySelectorAll("tbody tr").length,
        visible: t.getBoundingClientRect().height > 0,
      })),
      links: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")),
      notRead: [...document.querySelectorAll("ul.not-read li")].map(text),
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
};

await page.setViewportSize({ width: 1000, height: 1200 });
const index = await visit("index.html");
const pages = {};
for (const href of index.links.filter((h) => /^mou-[a-z0-9-]+\.html$/.test(h))) {
  if (!(href in pages)) pages[href] = existsSync(join(dir, href)) ? await visit(href) : null;
}
console.log(JSON.stringify({ index, pages, console: console_, errors, blocked }));
await browser.close();
