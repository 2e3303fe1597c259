// The directive story in a real browser (issue 10): a specialist drafts a
// directive, the leader approves, the clerk issues; the recipient unit's
// leader sees the task on the dashboard (also at phone width) and takes it
// on; a specialist of that unit reports it done; the assigner accepts; the
// scoreboard counts it completed on time. A screenshot per step.
// Run by pkg/tests/e2e/browser_test.go; configuration in README.md.
import { config, launch, person, steps, hasText, fail, visible } from './lib.mjs';
import { flash, loginPage, draftPage, documentPage, dashboardPage, taskPage, scoreboardPage } from './pages.mjs';

const cfg = config();
const stamp = new Date().toISOString().slice(11, 19).replaceAll(':', '');
const due = new Date(Date.now() + 30 * 86400_000);
const iso = (d) => d.toISOString().slice(0, 10);
const doc = {
  kind: 'directive', urgency: 'flash', due: iso(due), recipient: cfg.unitId,
  summary: `Về việc tăng cường chuyển đổi số ${stamp}`,
  body: 'Các sở, ngành triển khai kế hoạch chuyển đổi số trong quý.',
};
// The console shows dates as dd/mm/yyyy.
const vn = (isoDay) => `${isoDay.slice(8, 10)}/${isoDay.slice(5, 7)}/${isoDay.slice(0, 4)}`;
const dueVN = vn(doc.due);
const report = { progress: 100, summary: 'Đã triển khai xong kế hoạch chuyển đổi số', result: 'Kế hoạch đã ban hành' };

const browser = await launch(cfg);
console.log(`chromium ${browser.version()}, console ${cfg.base}, screenshots in ${cfg.shots}`);
const login = async (who, viewport) => loginPage.login(await person(browser, cfg, viewport), cfg.users[who], cfg.password);

let drafter, leader, clerk, recipient, reporter, docPath, taskPath;
const ok = await steps(cfg, [
  ['specialist-drafts', async () => {
    drafter = await login('drafter');
    docPath = await draftPage.create(drafter, doc);
    await documentPage.status(drafter, 'draft', 'Dự thảo');
    await hasText(drafter, drafter.locator('h1'), doc.summary, 'the document heading');
    return drafter;
  }],
  ['specialist-submits', async () => {
    await documentPage.act(drafter, 'Trình ký', 'Đã trình ký.');
    await documentPage.status(drafter, 'pending_approval', 'Chờ ký');
    return drafter;
  }],
  ['leader-approves', async () => {
    leader = await login('leader');
    await leader.goto(docPath);
    // The leader signs with their own mark (the head of the UBND: TM.);
    // a mark their position does not give them is refused (403). The
    // console asks for their password to sign.
    await leader.getByLabel('Hình thức ký', { exact: true }).selectOption('');
    await leader.getByLabel('Mật khẩu xác nhận ký', { exact: true }).fill(cfg.password);
    await documentPage.act(leader, 'Ký', 'Đã ký văn bản.');
    await documentPage.status(leader, 'approved', 'Đã ký');
    return leader;
  }],
  ['leader-authorisations', async () => {
    await leader.goto('/authorisations');
    await visible(leader, leader.getByRole('heading', { name: 'Ủy quyền mới' }), 'the authorisation form');
    return leader;
  }],
  ['draft-form', async () => {
    await drafter.goto('/documents/new');
    await drafter.getByLabel('Loại văn bản', { exact: true }).selectOption('decision');
    await visible(drafter, drafter.locator('p.normative'), 'the normative flag of a Quyết định');
    return drafter;
  }],
  ['clerk-issues', async () => {
    clerk = await login('clerk');
    await clerk.goto(docPath);
    await documentPage.act(clerk, 'Cấp số, phát hành', 'Đã cấp số, phát hành văn bản.');
    await documentPage.status(clerk, 'issued', 'Đã phát hành');
    // Issuing gives the number and notation: "12/CT-UBND — summary".
    await hasText(clerk, clerk.locator('h1'), /^\d+\/CT-\S+ — /, 'the issued document heading');
    return clerk;
  }],
  ['issued-pdf', async () => {
    // The service makes and seals the PDF just after the issue: the page
    // says so until then, and then frames it above its signatures.
    for (let i = 0; i < 30 && await clerk.locator('iframe.pdf').count() === 0; i++) {
      await clerk.waitForTimeout(1000);
      await clerk.goto(docPath);
    }
    await visible(clerk, clerk.locator('iframe.pdf'), 'the embedded PDF viewer');
    await visible(clerk, clerk.getByRole('heading', { name: 'Chữ ký số' }), 'the signatures of the PDF');
    await clerk.locator('#h-pdf').scrollIntoViewIfNeeded();
    return clerk;
  }],
  ['recipient-leader-dashboard', async () => {
    recipient = await login('recipient');
    await dashboardPage.skipLink(recipient);
    const row = await dashboardPage.taskRow(recipient, doc.summary);
    const text = await row.innerText();
    if (!text.includes(dueVN) || !text.includes('Hỏa tốc')) {
      throw fail(recipient, `the task row lacks the due date ${dueVN} or "Hỏa tốc": ${JSON.stringify(text)}`);
    }
    taskPath = await row.getByRole('link', { name: doc.summary }).getAttribute('href');
    return recipient;
  }],
  ['recipient-leader-dashboard-phone', async () => {
    const phone = await login('recipient', { width: 390, height: 844 });
    await dashboardPage.taskRow(phone, doc.summary);
    await dashboardPage.noHorizontalScroll(phone);
    return phone;
  }],
  ['recipient-leader-accepts-task', async () => {
    await recipient.goto(taskPath);
    await taskPage.status(recipient, 'Mới giao');
    await recipient.getByRole('button', { name: 'Nhận việc' }).click();
    await flash(recipient, 'Đã nhận việc.');
    await taskPage.status(recipient, 'Đang thực hiện');
    return recipient;
  }],
  ['specialist-reports', async () => {
    reporter = await login('reporter');
    await reporter.goto(taskPath);
    await taskPage.report(reporter, report);
    const item = taskPage.reportItem(reporter, report.summary);
    await hasText(reporter, item, /100%[\s\S]*Báo cáo hoàn thành[\s\S]*Kết quả: Kế hoạch đã ban hành/, 'the report in the timeline');
    await taskPage.status(reporter, 'Chờ đánh giá');
    return reporter;
  }],
  ['assigner-accepts-report', async () => {
    await leader.goto(taskPath);
    await taskPage.review(leader, report.summary, 'Tốt');
    await hasText(leader, leader.locator('article .tags .class-completed_on_time'), 'Hoàn thành đúng hạn', 'the task class');
    await taskPage.status(leader, 'Hoàn thành');
    await hasText(leader, taskPage.reportItem(leader, report.summary).locator('.review-accepted'), 'Đạt', 'the review in the timeline');
    return leader;
  }],
  ['scoreboard-completed-on-time', async () => {
    await scoreboardPage.expectCompletedOnTime(leader, cfg.unitId, 1, vn(iso(new Date())), dueVN);
    return leader;
  }],
]);

await browser.close();
console.log(ok ? 'story passed' : 'story FAILED');
process.exit(ok ? 0 : 1);
