// One object per console page: how a person finds and works its fields
// (by their visible Vietnamese labels, so a missing label fails the story)
// and what the page must show.
import { TIMEOUT, eventually, fail, hasText, visible } from './lib.mjs';

// focused describes the element with the keyboard focus: its id and the
// text of its label.
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const label = el && el.labels && el.labels[0] ? el.labels[0].textContent.trim() : '';
    return { id: el ? el.id : '', tag: el ? el.tagName : '', label, text: el ? el.textContent.trim() : '' };
  });
}

async function expectFocus(page, label) {
  // A page's autofocus is applied at the browser's next rendering step
  // after load, which on a busy machine can come after goto has returned:
  // give it that long before reading where the focus is.
  const end = Date.now() + TIMEOUT;
  let f = await focused(page);
  while (f.label !== label && Date.now() < end) {
    await page.waitForTimeout(50);
    f = await focused(page);
  }
  if (f.label !== label) throw fail(page, `keyboard focus is on ${JSON.stringify(f)}, want the field labelled ${JSON.stringify(label)}`);
}

// flash waits for the success message the console shows after an action;
// matched by text, so the previous page's message does not count.
export async function flash(page, text) {
  await visible(page, page.locator('.flash.ok', { hasText: text }), `success message "${text}"`);
}

export const loginPage = {
  // login uses the keyboard only: the username field has the focus on
  // arrival, Tab goes to the password, Enter submits.
  async login(ctx, username, password) {
    const page = await ctx.newPage();
    await page.goto('/login');
    await visible(page, page.getByRole('heading', { name: 'Đăng nhập' }), 'the login heading');
    await expectFocus(page, 'Tên đăng nhập');
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await expectFocus(page, 'Mật khẩu');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/', { timeout: TIMEOUT });
    await visible(page, page.getByRole('heading', { name: 'Việc của tôi' }), `the dashboard after ${username} logs in`);
    // The session cookie is httpOnly: scripts on the page cannot read it.
    const cookies = await ctx.cookies();
    const session = cookies.find((c) => c.name === 'eoffice_session');
    if (!session || !session.httpOnly) throw fail(page, `no httpOnly session cookie: ${JSON.stringify(cookies.map((c) => c.name))}`);
    if ((await page.evaluate(() => document.cookie)).includes('eoffice_session')) {
      throw fail(page, 'document.cookie shows the session cookie');
    }
    return page;
  },
};

export const draftPage = {
  async create(page, doc) {
    await page.goto('/outgoing');
    await page.getByRole('link', { name: '+ Soạn dự thảo' }).click();
    await visible(page, page.getByRole('heading', { name: 'Soạn dự thảo văn bản' }), 'the draft form');
    await page.getByLabel('Loại văn bản', { exact: true }).selectOption(doc.kind);
    await page.getByLabel('Trích yếu', { exact: true }).fill(doc.summary);
    await page.getByLabel('Nội dung', { exact: true }).fill(doc.body);
    await page.getByLabel('Độ khẩn', { exact: true }).selectOption(doc.urgency);
    await page.getByLabel('Hạn xử lý', { exact: true }).fill(doc.due);
    await page.locator(`fieldset.picker input[name="recipients"][value="${doc.recipient}"]`).check();
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await flash(page, 'Đã lưu dự thảo.');
    if (!/^\/documents\/[^/]+$/.test(new URL(page.url()).pathname)) throw fail(page, `the draft did not open its page: ${page.url()}`);
    return new URL(page.url()).pathname;
  },
};

export const documentPage = {
  async status(page, code, label) {
    await hasText(page, page.locator(`.tags .status-${code}`), label, 'the document status');
  },
  async act(page, button, success) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await flash(page, success);
  },
};

export const dashboardPage = {
  // taskRow waits for the task in "open within deadline" on the unit's
  // dashboard; the task is made from the issued document's event.
  async taskRow(page, summary) {
    const row = page.locator('.class-open_within_deadline li', { hasText: summary });
    await eventually(page, `the task "${summary}" in "Đang thực hiện trong hạn" on the dashboard`, () => row.first().isVisible());
    return row.first();
  },
  async noHorizontalScroll(page) {
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, width: window.innerWidth,
    }));
    if (scroll > width) throw fail(page, `the page scrolls sideways: ${scroll}px wide in a ${width}px viewport`);
  },
  // skipLink: the first Tab on a page reaches the "skip to content" link.
  async skipLink(page) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.text !== 'Bỏ qua, đến nội dung chính') throw fail(page, `first Tab focuses ${JSON.stringify(f)}, not the skip link`);
  },
};

export const taskPage = {
  // status matches a tag's whole text: "Đang thực hiện" is the status,
  // "Đang thực hiện trong hạn" the follow-up class next to it.
  async status(page, text) {
    await visible(page, page.locator('article .tags').getByText(text, { exact: true }), `task status "${text}"`);
  },
  // report fills the report form with the keyboard only, from its first
  // field: every Tab must land on the next labelled field.
  async report(page, r) {
    await page.getByLabel('Tiến độ (%)', { exact: true }).focus();
    await expectFocus(page, 'Tiến độ (%)');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(String(r.progress));
    await page.keyboard.press('Tab');
    await expectFocus(page, 'Tóm tắt');
    await page.keyboard.type(r.summary);
    await page.keyboard.press('Tab');
    await expectFocus(page, 'Kết quả');
    await page.keyboard.type(r.result);
    await page.keyboard.press('Tab');
    await expectFocus(page, 'Đây là báo cáo hoàn thành nhiệm vụ');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.text !== 'Gửi báo cáo') throw fail(page, `after the checkbox Tab focuses ${JSON.stringify(f)}, not "Gửi báo cáo"`);
    await page.keyboard.press('Enter');
    await flash(page, 'Đã gửi báo cáo.');
  },
  reportItem(page, summary) {
    return page.locator('section[aria-labelledby="h-reports"] .timeline li', { hasText: summary });
  },
  async review(page, summary, comment) {
    const item = this.reportItem(page, summary);
    await visible(page, item, `the report "${summary}" with a review form`);
    await item.getByLabel('Đạt', { exact: true }).check();
    await item.getByLabel('Nhận xét', { exact: true }).fill(comment);
    await item.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await flash(page, 'Đã chấp nhận báo cáo.');
  },
};

export const scoreboardPage = {
  // expectCompletedOnTime reads the unit's "completed on time" cell for
  // tasks due from…to (dd/mm/yyyy; the page's default is this year, which a
  // due date 30 days ahead can leave); rows carry data-unit-id, cells
  // data-class.
  async expectCompletedOnTime(page, unitId, want, from, to) {
    const resp = await page.goto(`/scoreboard?${new URLSearchParams({ from, to })}`);
    if (!resp || resp.status() !== 200) throw fail(page, `GET /scoreboard answered ${resp && resp.status()}`);
    const cell = page.locator(`[data-unit-id="${unitId}"] [data-class="completed_on_time"]`);
    await eventually(page, `the scoreboard counts ${want} completed on time for unit ${unitId}`,
      async () => (await cell.first().innerText({ timeout: 2000 })).trim() === String(want));
  },
};
