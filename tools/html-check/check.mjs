// Opens a page written by `herald extract --format html` in headless
// Chromium and checks what a reader relies on: the page renders with
// entities and event cards, nothing is logged as an error, nothing is
// fetched from outside the file, and clicking an event card highlights its
// trigger and every one of its arguments in the text (a second click clears
// them). Usage: node check.mjs PAGE.html [SCREENSHOT.png]
import { chromium } from "playwright-core";
import path from "node:path";

const [pagePath, screenshot] = process.argv.slice(2);
if (!pagePath) {
  console.error("usage: node check.mjs PAGE.html [SCREENSHOT.png]");
  process.exit(2);
}
const failures = [];
const check = (ok, message) => { if (!ok) { failures.push(message); } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") {
      failures.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) {
      failures.push(`external request: ${r.url()}`);
    }
  });
  await page.goto("file://" + path.resolve(pagePath), { waitUntil: "load" });

  const text = page.locator("section.doc .text").first();
  check(await text.isVisible(), "the first document's text is not visible");
  const box = await text.boundingBox();
  check(box && box.height > 50, "the text has no height");
  const marks = await page.locator("section.doc mark.ent").count();
  const cards = await page.locator(".card").count();
  check(marks > 0, "no entity is marked");
  check(cards > 0, "no event card");

  // The first card with arguments: click it, see them in the text.
  const card = page.locator(".card:has(li)").first();
  const trigger = await card.getAttribute("data-t");
  const argumentKeys = (await card.getAttribute("data-a")).split(" ").filter(Boolean);
  await card.click();
  check(await card.evaluate((el) => el.classList.contains("active")), "the clicked card is not active");
  check(await page.locator(`.text .seg.hl-t[data-k~="${trigger}"]`).count() > 0,
    `trigger ${trigger} is not highlighted after the click`);
  for (const key of argumentKeys) {
    check(await page.locator(`.text .seg.hl-a[data-k~="${key}"]`).count() > 0,
      `argument ${key} is not highlighted after the click`);
  }
  const color = await page.locator(`.text .seg.hl-t[data-k~="${trigger}"]`).first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  check(color !== "rgba(0, 0, 0, 0)", "the highlighted trigger has no background");
  if (screenshot) {
    await page.screenshot({ path: screenshot });
  }
  await card.click();
  check(await page.locator(".text .hl-a, .text .hl-t").count() === 0,
    "a second click does not clear the highlight");

  // Clicking a trigger in the text selects its card.
  const seg = page.locator(".text .seg.trigger").first();
  const key = await seg.getAttribute("data-trig");
  await seg.click();
  check(await page.locator(`.card.active[data-t="${key}"]`).count() === 1,
    "clicking a trigger does not select its card");

  console.log(`${pagePath}: ${marks} entity marks, ${cards} event cards, ` +
    `card ${trigger} highlights its trigger and ${argumentKeys.length} arguments`);
} finally {
  await browser.close();
}
if (failures.length > 0) {
  for (const failure of failures) { console.error(`FAIL ${failure}`); }
  process.exit(1);
}
console.log("ok");
