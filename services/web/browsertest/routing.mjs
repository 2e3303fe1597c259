// Routing (chuyển xử lý) of one incoming document in a real browser (issue
// 18): the clerk forwards it to the Chánh Văn phòng, who proposes to the
// Chủ tịch, who forwards it to a Phó Chủ tịch, whose bút phê gives STTTT
// the lead and SNV the document for information; STTTT's head assigns its
// division, whose head assigns a specialist; the specialist returns it
// with a reason (back one step) and gets it again; SNV's leader reads it
// from the for-information box; the timeline shows every step. The
// specialist then reports through the task page on the task that came to
// them with the assign (the direction's task, delegated by the routing).
// Run by pkg/tests/e2e/browser_routing_test.go with ROUTING_* settings.
import { config, launch, person, steps, hasText, fail, visible, eventually } from './lib.mjs';
import { flash, loginPage, taskPage } from './pages.mjs';

const cfg = config();
const env = process.env;
const ids = JSON.parse(env.ROUTING_IDS); // usernames and unit short names → ids
const docPath = `/documents/${env.ROUTING_DOCUMENT}`;
const due = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);

const browser = await launch(cfg);
const pages = {};
const as = async (who) => {
  if (!pages[who]) pages[who] = await loginPage.login(await person(browser, cfg), who, cfg.password);
  await pages[who].goto(docPath);
  await visible(pages[who], pages[who].getByRole('heading', { name: 'Chuyển xử lý' }), `the routing section for ${who}`);
  return pages[who];
};
const button = (page, name) => page.getByRole('button', { name, exact: true }).click();
// lastStep checks the timeline's newest step.
const lastStep = async (page, kind, text) => {
  const step = page.locator('ol.timeline li.step').last();
  await visible(page, step, 'the newest routing step');
  if (await step.getAttribute('data-kind') !== kind) throw fail(page, `newest step is ${await step.getAttribute('data-kind')}, want ${kind}`);
  if (text && !(await step.innerText()).includes(text)) throw fail(page, `newest step lacks ${text}: ${await step.innerText()}`);
};

const ok = await steps(cfg, [
  ['clerk-forwards', async () => {
    const p = await as('ubnd.vanthu');
    await p.getByLabel('Chuyển đến', { exact: true }).selectOption(ids['vp.chanh']);
    await p.locator('#forward_note').fill('Kính chuyển Chánh Văn phòng');
    await button(p, 'Chuyển');
    await flash(p, 'Đã chuyển văn bản.');
    await lastStep(p, 'forward', 'Ngô Văn Chánh');
    if (await p.locator('form.route-forward').count() !== 0) throw fail(p, 'the clerk may still forward it');
    return p;
  }],
  ['office-head-proposes', async () => {
    const p = await as('vp.chanh');
    await p.getByLabel('Trình lãnh đạo', { exact: true }).selectOption(ids['ubnd.lanhdao']);
    await p.getByLabel('Nội dung đề xuất', { exact: true }).fill('Đề xuất giao Sở TTTT chủ trì');
    await button(p, 'Đề xuất');
    await flash(p, 'Đã gửi đề xuất.');
    await lastStep(p, 'propose', 'Đề xuất giao Sở TTTT chủ trì');
    return p;
  }],
  ['chairman-forwards', async () => {
    const p = await as('ubnd.lanhdao');
    await p.getByLabel('Chuyển đến', { exact: true }).selectOption(ids['ubnd.pct']);
    await p.locator('#forward_note').fill('Giao đồng chí Phó Chủ tịch');
    await button(p, 'Chuyển');
    await flash(p, 'Đã chuyển văn bản.');
    return p;
  }],
  ['vice-chairman-directs', async () => {
    const p = await as('ubnd.pct');
    await p.locator('form.route-direct').getByLabel('Đơn vị/cá nhân chủ trì', { exact: true }).selectOption(`unit:${ids.STTTT}`);
    await p.locator(`fieldset.informed input[value="${ids.SNV}"]`).check();
    await p.getByLabel('Hạn xử lý (để trống: không giao nhiệm vụ)', { exact: true }).fill(due);
    await p.getByLabel('Bút phê', { exact: true }).fill('Giao Sở TTTT chủ trì, báo cáo UBND tỉnh');
    await button(p, 'Bút phê và phân công');
    await flash(p, 'Đã phân công xử lý');
    await lastStep(p, 'direct', 'để biết: Sở Nội vụ');
    return p;
  }],
  ['department-assigns-division', async () => {
    const p = await as('stttt.lanhdao');
    await p.getByLabel('Giao phòng, đơn vị', { exact: true }).selectOption(ids.BCVT);
    await p.getByLabel('Ý kiến', { exact: true }).fill('Phòng BCVT tham mưu');
    await button(p, 'Giao xử lý');
    await flash(p, 'Đã giao xử lý.');
    return p;
  }],
  ['division-assigns-specialist', async () => {
    const p = await as('bcvt.lanhdao');
    await p.getByLabel('hoặc giao chuyên viên', { exact: true }).selectOption(ids['bcvt.cv']);
    await button(p, 'Giao xử lý');
    await flash(p, 'Đã giao xử lý.');
    return p;
  }],
  ['specialist-returns', async () => {
    const p = await as('bcvt.cv');
    await p.getByLabel('Lý do trả lại', { exact: true }).fill('Đề nghị bổ sung số liệu');
    await button(p, 'Trả lại');
    await flash(p, 'Đã trả lại văn bản.');
    await lastStep(p, 'return', 'Đề nghị bổ sung số liệu');
    await hasText(p, p.locator('ol.timeline li.step').last().locator('.to'), /Trịnh Thị Trưởng/, 'returned to the division head');
    return p;
  }],
  ['division-assigns-again', async () => {
    const p = await as('bcvt.lanhdao');
    await p.getByLabel('hoặc giao chuyên viên', { exact: true }).selectOption(ids['bcvt.cv']);
    await p.getByLabel('Ý kiến', { exact: true }).fill('Đã bổ sung, đề nghị xử lý');
    await button(p, 'Giao xử lý');
    await flash(p, 'Đã giao xử lý.');
    return p;
  }],
  ['informed-reads', async () => {
    const p = await as('snv.lanhdao');
    await p.goto('/for_information');
    await visible(p, p.locator(`a[href="${docPath}"]`), 'the document in the for-information box');
    await p.goto(docPath);
    await button(p, 'Đã xem');
    await flash(p, 'Đã đánh dấu đã xem.');
    await p.goto('/for_information');
    if (await p.locator(`a[href="${docPath}"]`).count() !== 0) throw fail(p, 'read, still in the box');
    return p;
  }],
  ['specialist-reports', async () => {
    const p = await as('bcvt.cv');
    await p.goto('/tasks');
    // The division's task (theirs as its member) and their own, marked.
    const row = p.locator('tr', { hasText: 'triển khai nền tảng số' }).filter({ hasText: 'Giao cho tôi' });
    await eventually(p, 'the assigned task in the specialist\'s tasks', async () => (await row.count()) === 1);
    await row.locator('a[href^="/tasks/"]').click();
    await taskPage.status(p, 'Mới giao');
    await taskPage.report(p, { progress: 100, summary: 'Đã triển khai nền tảng số', result: 'Báo cáo UBND tỉnh' });
    await taskPage.status(p, 'Chờ đánh giá');
    return p;
  }],
  ['timeline', async () => {
    const p = await as('ubnd.lanhdao');
    const kinds = await p.locator('ol.timeline li.step').evaluateAll((els) => els.map((e) => e.dataset.kind));
    const want = ['forward', 'propose', 'forward', 'direct', 'assign', 'assign', 'return', 'assign', 'read'];
    if (JSON.stringify(kinds) !== JSON.stringify(want)) throw fail(p, `timeline ${kinds}, want ${want}`);
    for (const text of ['Lê Văn Cường', 'Ngô Văn Chánh', 'Trần Thị Bình', 'Lương Văn Phó', 'Phạm Minh Dũng', 'Trịnh Thị Trưởng', 'Đinh Văn Viên', 'Võ Văn Giang']) {
      await visible(p, p.locator('ol.timeline', { hasText: text }), `${text} in the timeline`);
    }
    return p;
  }],
]);
await browser.close();
process.exit(ok ? 0 : 1);
