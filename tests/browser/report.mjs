// Renders a moulint HTML report in headless Chromium and prints what a
// reader would get, as JSON, for tests/report_browser.rs to assert on:
// the DOM as laid out for print, overflow at A4 and Letter widths, the
// PDF page count and page size for each paper, and a PNG screenshot.
//
// usage: node report.mjs REPORT.html OUT_DIR
import { chromium } from "playwright-core";
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const [html, outDir] = process.argv.slice(2);
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
const blocked = [];
page.on("request", (r) => {
  if (!r.url().startsWith("file:")) blocked.push(r.url());
});
await page.goto("file://" + resolve(html));
await page.emulateMedia({ media: "print" });

const dom = await page.evaluate(() => {
  const text = (e) => (e ? e.textContent.replace(/\s+/g, " ").trim() : null);
  const style = (e) => getComputedStyle(e);
  const particulars = {};
  for (const tr of document.querySelectorAll("table.particulars tr")) {
    particulars[text(tr.querySelector("th"))] = text(tr.querySelector("td"));
  }
  const tally = [...document.querySelectorAll("table.tally tr")]
    .slice(1)
    .map((tr) => [...tr.querySelectorAll("td")].map(text));
  const findings = [...document.querySelectorAll("ol.findings > li")].map((li) => ({
    id: li.dataset.id,
    title: text(li.querySelector("strong")),
    del: [...li.querySelectorAll("del")].map(text),
    ins: [...li.querySelectorAll("ins")].map(text),
  }));
  const parts = [...document.querySelectorAll("section.mou > section")].map((s) => ({
    class: s.className,
    provision: s.dataset.provision || null,
    state: s.dataset.state || null,
    heading: text(s.querySelector("h3")),
    headings: s.querySelectorAll("h3").length,
    breakBefore: style(s).breakBefore,
    del: [...s.querySelectorAll("del")].map(text),
    ins: [...s.querySelectorAll("ins")].map(text),
    tables: s.querySelectorAll("table").length,
  }));
  const pageRules = [];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (rule.constructor.name === "CSSPageRule") pageRules.push(rule.cssText);
    }
  }
  return {
    title: document.title,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null,
    scripts: document.querySelectorAll("script").length,
    verdict: text(document.getElementById("verdict")),
    coverBreakAfter: style(document.querySelector("header.cover")).breakAfter,
    particulars,
    tally,
    findings,
    parts,
    pageRules,
  };
});

// Printable widths in CSS pixels: paper width less the 16 mm side margins.
const papers = { A4: 210, Letter: 215.9 };
const print = {};
for (const [format, widthMm] of Object.entries(papers)) {
  const width = Math.floor(((widthMm - 32) * 96) / 25.4);
  await page.setViewportSize({ width, height: 1000 });
  const overflow = await page.evaluate((w) => {
    const wide = [];
    for (const e of document.body.querySelectorAll("*")) {
      const r = e.getBoundingClientRect();
      if (r.right > w + 1) wide.push(`${e.tagName.toLowerCase()}.${e.className}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10) };
  }, width);
  const file = join(outDir, `report-${format}.pdf`);
  await page.pdf({ path: file, format });
  const pdf = readFileSync(file).toString("latin1");
  const pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) || []).length;
  const box = (pdf.match(/\/MediaBox\s*\[([^\]]*)\]/) || [, ""])[1].trim().split(/\s+/).map(Number);
  print[format] = { width, ...overflow, pages, mediaBox: box };
}

await page.emulateMedia({ media: "screen" });
await page.setViewportSize({ width: 1000, height: 1400 });
const png = join(outDir, "report.png");
await page.screenshot({ path: png, fullPage: false });

console.log(JSON.stringify({ dom, print, png: statSync(png).size, blocked }));
await browser.close();
