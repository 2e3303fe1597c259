// Sổ văn bản and Thống kê in a real browser (issue 18): the clerk filters
// the incoming register by period and by kind, downloads it as a
// spreadsheet and as a printable PDF; the leader opens the statistics of
// the year. The Go test (pkg/tests/e2e/browser_registers_test.go) reads the
// files back with tools that did not write them and checks the figures the
// page showed (REG_OUT/statistics.json) against the API.
// Settings: REG_OUT (folder for the files), REG_TODAY and REG_YESTERDAY
// (dd/mm/yyyy in Viet Nam), REG_YEAR, REG_ALL and REG_DECISIONS (how many
// documents the register holds in all and of kind decision).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { config, launch, person, steps, fail, hasText, visible } from './lib.mjs';
import { loginPage } from './pages.mjs';

const cfg = config();
const env = process.env;
const out = env.REG_OUT;
const all = Number(env.REG_ALL);
const decisions = Number(env.REG_DECISIONS);

const browser = await launch(cfg);
let clerk, leader;

// filter fills the register's form as a clerk would and shows it.
const filter = async (p, { from = '', to = '', kind = '' }) => {
  await p.goto('/registers');
  await visible(p, p.getByRole('heading', { name: 'Sổ văn bản' }), 'the register page');
  await p.getByLabel('Sổ', { exact: true }).selectOption('incoming');
  await p.getByLabel('Năm', { exact: true }).fill(env.REG_YEAR);
  await p.getByLabel('Từ ngày', { exact: true }).fill(from);
  await p.getByLabel('Đến ngày', { exact: true }).fill(to);
  await p.getByLabel('Loại văn bản', { exact: true }).selectOption(kind);
  await p.getByRole('button', { name: 'Xem', exact: true }).click();
  await p.waitForLoadState('load');
  await visible(p, p.getByRole('heading', { name: 'Sổ văn bản' }), 'the register after filtering');
};
const rows = (p) => p.locator('table.register tbody tr');
const expectRows = async (p, n, what) => {
  const got = await rows(p).count();
  if (got !== n) throw fail(p, `${what}: ${got} rows, want ${n}`);
};
// download clicks a link and keeps the file it gives as name.
const download = async (p, link, name) => {
  const [file] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: link, exact: true }).click()]);
  const path = join(out, name);
  await file.saveAs(path);
  if (await file.failure()) throw fail(p, `download ${link}: ${await file.failure()}`);
  return path;
};

const ok = await steps(cfg, [
  ['register-of-the-period', async () => {
    clerk = await loginPage.login(await person(browser, cfg), cfg.users.clerk, cfg.password);
    await filter(clerk, { from: env.REG_TODAY, to: env.REG_TODAY });
    await expectRows(clerk, all, 'today\'s incoming register');
    // The columns of Decree 30's register of incoming documents.
    const head = (await clerk.locator('table.register thead').innerText()).replace(/\s+/g, ' ').trim();
    for (const col of ['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung']) {
      if (!head.includes(col)) throw fail(clerk, `the register lacks the column ${col}: ${head}`);
    }
    // Numbers in order, each row dated today.
    const numbers = await clerk.locator('table.register td[data-label="Số đến"]').allInnerTexts();
    const sorted = [...numbers].map(Number).sort((a, b) => a - b);
    if (numbers.map(Number).join() !== sorted.join()) throw fail(clerk, `incoming numbers out of order: ${numbers}`);
    for (const d of await clerk.locator('table.register td[data-label="Ngày đến"]').allInnerTexts()) {
      if (d.trim() !== env.REG_TODAY) throw fail(clerk, `a row arrived ${d}, not ${env.REG_TODAY}`);
    }
    await hasText(clerk, clerk.locator('main p.muted').first(), new RegExp(`năm ${env.REG_YEAR} · ${all} văn bản`), 'the register\'s count');
    return clerk;
  }],
  ['register-of-a-past-period', async () => {
    if (!env.REG_YESTERDAY) return clerk; // the first of January: no earlier day this year
    await filter(clerk, { from: `01/01/${env.REG_YEAR}`, to: env.REG_YESTERDAY });
    await expectRows(clerk, 0, 'the register before today');
    await visible(clerk, clerk.getByText('Sổ chưa có văn bản nào khớp điều kiện.'), 'the empty register\'s message');
    return clerk;
  }],
  ['register-by-kind', async () => {
    await filter(clerk, { from: env.REG_TODAY, kind: 'decision' });
    await expectRows(clerk, decisions, 'the decisions');
    for (const t of await clerk.locator('table.register td[data-label="Tên loại và trích yếu nội dung"]').allInnerTexts()) {
      if (!t.startsWith('Quyết định ')) throw fail(clerk, `a row of another kind: ${t}`);
    }
    const selected = await clerk.getByLabel('Loại văn bản', { exact: true }).inputValue();
    if (selected !== 'decision') throw fail(clerk, `the kind filter shows ${selected} after filtering`);
    await download(clerk, 'Tải Excel', 'decisions.xlsx');
    return clerk;
  }],
  ['register-printed', async () => {
    await filter(clerk, {});
    await expectRows(clerk, all, 'the whole year');
    await download(clerk, 'In sổ (PDF)', 'register.pdf');
    await download(clerk, 'Tải Excel', 'register.xlsx');
    return clerk;
  }],
  ['statistics', async () => {
    leader = await loginPage.login(await person(browser, cfg), cfg.users.leader, cfg.password);
    await leader.getByRole('link', { name: 'Thống kê', exact: true }).click();
    await visible(leader, leader.getByRole('heading', { name: 'Thống kê văn bản' }), 'the statistics page');
    const cells = async (table) => {
      const got = {};
      for (const r of await leader.locator(`table.${table} tbody tr`).all()) {
        const th = r.locator('th');
        if (await th.count() === 0) continue;
        got[(await th.innerText()).trim()] = (await r.locator('td.n').allInnerTexts()).map((s) => s.trim());
      }
      return got;
    };
    const seen = {
      from: await leader.getByLabel('Từ ngày', { exact: true }).inputValue(),
      to: await leader.getByLabel('Đến ngày', { exact: true }).inputValue(),
      received: (await leader.locator('[data-received]').innerText()).trim(),
      sent: (await leader.locator('[data-sent]').innerText()).trim(),
      share: (await leader.locator('[data-share]').innerText()).trim(),
      channels: await cells('statistics'),
      kinds: await cells('by-kind'),
      urgencies: await cells('by-urgency'),
      handling: await cells('handling'),
      text: await leader.locator('main').innerText(),
    };
    writeFileSync(join(out, 'statistics.json'), JSON.stringify(seen, null, 2));
    await leader.locator('table.by-kind').scrollIntoViewIfNeeded();
    return leader;
  }],
]);
await browser.close();
if (!ok) process.exit(1);
