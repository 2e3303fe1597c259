// The harness of the story: configuration from the environment, the browser,
// numbered steps with a screenshot each, and the few assertions the story
// needs (playwright-core ships no `expect`; @playwright/test would download
// its own runner and browsers, which is what this folder avoids).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// Generous: the machine is shared and the stack runs under -race.
export const TIMEOUT = 30_000;
// Events travel documents → broker → tasks/notifications; pages show the
// result once it has arrived.
export const EVENTUAL = 90_000;

export function config(env = process.env) {
  const need = (name) => {
    if (!env[name]) throw new Error(`${name} is not set (see README.md)`);
    return env[name];
  };
  const users = {
    drafter: 'ubnd.chuyenvien', leader: 'ubnd.lanhdao', clerk: 'ubnd.vanthu',
    recipient: 'stttt.lanhdao', reporter: 'stttt.chuyenvien',
  };
  // STORY_USERS=drafter=a,leader=b… overrides some of the seed's usernames.
  for (const pair of (env.STORY_USERS || '').split(',').filter(Boolean)) {
    const [role, name] = pair.split('=');
    if (!(role in users) || !name) throw new Error(`STORY_USERS: bad entry ${pair}`);
    users[role] = name;
  }
  return {
    base: need('STORY_BASE_URL').replace(/\/$/, ''),
    password: need('STORY_PASSWORD'),
    unitId: need('STORY_RECIPIENT_UNIT'), // the recipient unit (STTTT in the seed)
    shots: need('STORY_SCREENSHOTS'),
    chromium: env.CHROMIUM_PATH || '/usr/bin/chromium',
    users,
  };
}

export async function launch(cfg) {
  mkdirSync(cfg.shots, { recursive: true });
  return chromium.launch({
    executablePath: cfg.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// A browser context per person: its own cookies, as separate browsers
// would have. Vietnamese locale and the province's time zone.
export async function person(browser, cfg, viewport = { width: 1280, height: 900 }) {
  const ctx = await browser.newContext({
    baseURL: cfg.base, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
  });
  ctx.setDefaultTimeout(TIMEOUT);
  ctx.setDefaultNavigationTimeout(TIMEOUT);
  // The page that navigated last is the one a failure screenshot shows
  // when the error does not name one (a click that timed out, say).
  ctx.on('page', (p) => {
    lastPage = p;
    p.on('framenavigated', (f) => { if (f === p.mainFrame()) lastPage = p; });
  });
  return ctx;
}
let lastPage;

// steps runs the story's steps in order, each ending in a full-page
// screenshot "NN-name.png". The first failure stops the story (later steps
// depend on it), with a screenshot and the page's text for the log.
export async function steps(cfg, list) {
  let n = 0;
  for (const [name, fn] of list) {
    n++;
    const file = join(cfg.shots, `${String(n).padStart(2, '0')}-${name}.png`);
    let page;
    const started = Date.now();
    try {
      page = await fn();
      await page.screenshot({ path: file, fullPage: true });
      console.log(`ok   ${n} ${name} (${Date.now() - started} ms) ${file}`);
    } catch (err) {
      console.log(`FAIL ${n} ${name}: ${err.stack || err}`);
      const current = err.page || page || lastPage;
      if (current) {
        const failed = file.replace(/\.png$/, '-FAILED.png');
        await current.screenshot({ path: failed, fullPage: true }).catch(() => {});
        console.log(`     at ${current.url()}, screenshot ${failed}`);
        const text = await current.locator('body').innerText().catch(() => '');
        console.log(`     page text:\n${text.slice(0, 4000)}`);
      }
      return false;
    }
  }
  return true;
}

// fail carries the page into steps' report.
export function fail(page, message) {
  const err = new Error(message);
  err.page = page;
  return err;
}

export async function visible(page, locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  } catch {
    throw fail(page, `not visible: ${what}`);
  }
}

export async function hasText(page, locator, text, what) {
  await visible(page, locator, what);
  const got = (await locator.first().innerText()).trim();
  const ok = text instanceof RegExp ? text.test(got) : got === text;
  if (!ok) throw fail(page, `${what}: got ${JSON.stringify(got)}, want ${text}`);
}

// eventually reloads the page until check() holds: the console renders what
// the services know when it is asked, and events arrive asynchronously.
export async function eventually(page, what, check) {
  const end = Date.now() + EVENTUAL;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw fail(page, `not within ${EVENTUAL / 1000}s: ${what}`);
    await page.waitForTimeout(1000);
    await page.reload();
  }
}
