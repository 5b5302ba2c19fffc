// Checks `herald serve`'s page in headless Chromium as a person uses it:
// load a story through the file input (as a drop would), paste another
// into the box, press Run, and see the entities marked and the event cards;
// clicking a card highlights its trigger and arguments. Nothing may be
// fetched from anywhere but the server, and nothing logged as an error.
// Usage: node serve.mjs http://127.0.0.1:PORT/ STORY.txt [SCREENSHOT.png]
import { chromium } from "playwright-core";
import fs from "node:fs";

const [url, storyPath, screenshot] = process.argv.slice(2);
if (!url || !storyPath) {
  console.error("usage: node serve.mjs URL STORY.txt [SCREENSHOT.png]");
  process.exit(2);
}
const story = fs.readFileSync(storyPath, "utf8");
const origin = new URL(url).origin;
const failures = [];
const check = (ok, message) => { if (!ok) { failures.push(message); } };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") {
      failures.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => failures.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(origin + "/") && !r.url().startsWith("data:")) {
      failures.push(`external request: ${r.url()}`);
    }
  });
  await page.goto(url, { waitUntil: "load" });
  check(await page.locator("textarea#story").isVisible(), "no text box");

  // A file chosen (or dropped) fills the box.
  await page.locator("#file").setInputFiles({
    name: "story.txt", mimeType: "text/plain", buffer: Buffer.from("Ruto met Lula in Nairobi."),
  });
  await page.waitForFunction(() => document.getElementById("story").value.includes("Lula"));

  // Paste the story over it and run.
  await page.locator("#story").fill(story);
  await page.locator("#date").fill("2024-03-14");
  await page.locator("#go").click();
  await page.locator("#result section.doc .card").first().waitFor({ timeout: 10000 });

  const marks = await page.locator("#result mark.ent").count();
  const people = await page.locator("#result mark.ent.PERSON").count();
  const cards = await page.locator("#result .card").count();
  check(marks > 0 && people > 0, "no entity marked (or no person)");
  check(cards > 0, "no event card");
  check((await page.locator("#status").textContent()) === "", "the status shows an error");

  const card = page.locator("#result .card:has(li)").first();
  const trigger = await card.getAttribute("data-t");
  const argumentKeys = (await card.getAttribute("data-a")).split(" ").filter(Boolean);
  await card.click();
  check(await page.locator(`.text .seg.hl-t[data-k~="${trigger}"]`).count() > 0,
    `trigger ${trigger} is not highlighted after the click`);
  for (const key of argumentKeys) {
    check(await page.locator(`.text .seg.hl-a[data-k~="${key}"]`).count() > 0,
      `argument ${key} is not highlighted after the click`);
  }
  if (screenshot) {
    await page.locator("#story").evaluate((el) => { el.scrollTop = 0; });
    await page.screenshot({ path: screenshot, fullPage: true });
  }

  // A second run replaces the result and its cards still work.
  await page.locator("#go").click();
  await page.waitForFunction(() => !document.getElementById("go").disabled);
  check(await page.locator("#result section.doc").count() === 1, "a second run added a section");
  await page.locator("#result .card:has(li)").first().click();
  check(await page.locator(".text .hl-t").count() > 0, "cards do not work after a second run");

  // An error is shown, not swallowed.
  await page.evaluate(() => { window.fetch = () => Promise.resolve(new Response('{"error":"the server is busy"}', { status: 503 })); });
  await page.locator("#go").click();
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("busy"));

  console.log(`${url}: ${marks} entity marks (${people} people), ${cards} event cards, ` +
    `card ${trigger} highlights its trigger and ${argumentKeys.length} arguments`);
} finally {
  await browser.close();
}
if (failures.length > 0) {
  for (const failure of failures) { console.error(`FAIL ${failure}`); }
  process.exit(1);
}
console.log("ok");
