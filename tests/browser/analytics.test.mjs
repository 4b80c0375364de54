// The analytics dashboards in a real browser, on the demo company (weeks of history,
// counted when it was seeded): the network's dashboard in the admin console with its
// charts, figures and CSV downloads, a community's for its managers, and both on a
// phone and in the dark. Every page passes the accessibility check.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertNoPageProblems,
  checkAccessibility,
  newContext,
  screenshot,
  signIn,
  useHearth,
} from './support/index.mjs';

const hearth = useHearth('analytics', { demo: true });
// The demo's network admin, as `hearth demo` prints.
const admin = { email: 'ana.lima@example.com', password: 'hearth-demo' };

async function dashboard(t, options = {}) {
  const context = await newContext(hearth.browser, hearth.server, options);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);
  return { context, page };
}

/** The total shown on the tile labelled `label`, as a number. */
async function tile(page, label) {
  const text = await page.locator('.tile', { hasText: label }).locator('.tile-figure').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

/** A download's content as text. */
async function downloaded(download) {
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

test('an admin reads the network dashboard, changes the period and downloads a figure', async (t) => {
  const { context, page } = await dashboard(t);
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Admin console' }).getByRole('link', { name: 'Analytics' }).click();
  await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();

  // The demo's twelve weeks of history and two of conversations are counted.
  assert.ok((await tile(page, 'Posts')) > 0, 'posts were counted');
  assert.ok((await tile(page, 'Replies')) > 0, 'replies were counted');
  const chart = page.getByRole('img', { name: 'Active people per day' });
  await chart.waitFor();
  // Its figures are a table beside it, folded away until asked for.
  const figures = page.locator('#chart-active').getByText('Show the figures');
  await figures.click();
  const rows = page.locator('#chart-active table tbody tr');
  assert.equal(await rows.count(), 30, 'one row per day of the last 30');

  // Departments of fewer than five people are never shown alone.
  const departments = page.locator('section', { has: page.getByRole('heading', { name: 'Who answers whom, by department' }) });
  const columns = await departments.locator('thead th').allInnerTexts();
  for (const department of ['Engineering', 'Operations', 'Sales', 'Support', 'Marketing']) {
    assert.ok(columns.includes(department), `${department} has five people or more: ${columns}`);
  }
  assert.ok(columns.includes('Other'), `the small departments together: ${columns}`);
  assert.ok(!columns.includes('Finance'), `Finance has two people: ${columns}`);
  await screenshot(page, 'analytics-network');
  await checkAccessibility(page, 'analytics-network');

  await page.getByLabel('Period').selectOption('7');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/days=7/);
  await page.locator('#chart-active').getByText('Show the figures').click();
  assert.equal(await page.locator('#chart-active table tbody tr').count(), 7);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Days as CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^hearth-network-days-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await downloaded(download);
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'day,posts,replies,shares,reactions,messages,active_people');
  assert.equal(lines.length, 8, csv);

  // The admin asks for the week's figures by e-mail, and can stop them again.
  await page.getByRole('button', { name: 'E-mail me every week' }).click();
  await page.getByRole('button', { name: 'Stop the weekly e-mail' }).waitFor();
  await checkAccessibility(page, 'analytics-network-health-email');
  await page.getByRole('button', { name: 'Stop the weekly e-mail' }).click();
  await page.getByRole('button', { name: 'E-mail me every week' }).waitFor();

  // A period that ends before it begins is refused with its reason, on the page.
  await page.getByLabel('From', { exact: true }).fill('2026-11-30');
  await page.getByLabel('To', { exact: true }).fill('2026-11-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('alert').filter({ hasText: 'must not be before the first' }).waitFor();
  await checkAccessibility(page, 'analytics-network-refused');
  assertNoPageProblems(context, { allow: [/status of 422/] });
});

test('the network dashboard shows adoption, announcements read, busy topics and threads across departments', async (t) => {
  const { context, page } = await dashboard(t);
  await page.goto(new URL('/admin/analytics?days=90', hearth.server.url).href);
  await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();

  // Adoption since launch: everyone has an account; people who wrote grow week by week.
  const adoption = page.locator('section', { has: page.getByRole('heading', { name: 'Adoption since launch' }) });
  await adoption.getByRole('img', { name: /^Since launch, by the end of each week/ }).waitFor();
  await adoption.getByText('Show the figures').click();
  const weeks = await adoption.locator('table tbody tr').allInnerTexts();
  assert.ok(weeks.length >= 12, `a row per week since launch: ${weeks.length}`);

  // The admin's company-wide announcements, with how many of the company saw them.
  const announcements = page.locator('section', { has: page.getByRole('heading', { name: 'Announcements read' }) });
  const rows = announcements.locator('table tbody tr');
  assert.ok((await rows.count()) >= 1, 'the period\'s announcements are listed');
  // The newest are the last two weeks' community announcements, which the demo has
  // nobody open; the history's company-wide ones were opened by most colleagues.
  const toDate = await rows.locator('td:last-child').allInnerTexts();
  for (const cell of toDate) {
    assert.match(cell, /^\d+ % \(\d+\)$/, `a share and a count, never names: ${cell}`);
  }
  assert.ok(toDate.some((cell) => cell !== '0 % (0)'), `the demo's colleagues opened some: ${toDate}`);

  // Topics link to their pages; threads across departments are a share.
  const topics = page.locator('section', { has: page.getByRole('heading', { name: 'Busiest topics' }) });
  assert.ok((await topics.locator('.topic-links a').count()) >= 1, 'some topic had five people');
  const across = page.locator('section', { has: page.getByRole('heading', { name: 'Conversations across departments' }) });
  assert.match(await across.locator('p').first().innerText(), /^In \d+ % of the \d+ threads/);

  // Each figure downloads as CSV.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Announcements as CSV' }).click(),
  ]);
  const csv = await downloaded(download);
  assert.match(csv.split('\n')[0], /^published,announcement,audience,read_by_day_1,/);
  await screenshot(page, 'analytics-adoption');
  await checkAccessibility(page, 'analytics-adoption');
  assertNoPageProblems(context);
});

test('a community has its own dashboard, linked from its page', async (t) => {
  const { context, page } = await dashboard(t);
  await page.getByRole('link', { name: 'Communities', exact: true }).first().click();
  await page.locator('main').getByRole('link', { name: 'Engineering' }).first().click();
  await page.getByRole('heading', { name: 'Engineering', level: 1 }).waitFor();
  await page.locator('.community-head').getByRole('link', { name: 'Analytics' }).click();
  await page.getByRole('heading', { name: 'Analytics of Engineering', level: 1 }).waitFor();
  assert.ok((await tile(page, 'Posts')) > 0, 'the community\'s posts were counted');
  await page.getByRole('img', { name: 'Posts, replies, reactions and messages per day' }).waitFor();
  await screenshot(page, 'analytics-community');
  await checkAccessibility(page, 'analytics-community');
  assertNoPageProblems(context);
});

test('the dashboard reads well on a phone and in the dark', async (t) => {
  for (const [label, options] of [
    ['phone', { viewport: { width: 390, height: 844 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const { context, page } = await dashboard(t, options);
    await page.goto(new URL('/admin/analytics', hearth.server.url).href);
    await page.getByRole('img', { name: 'Active people per day' }).waitFor();
    await screenshot(page, `analytics-${label}`);
    await checkAccessibility(page, `analytics-${label}`);
    if (label === 'phone') {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the dashboard is ${overflow}px wider than a 390 px screen`);
    }
    assertNoPageProblems(context);
  }
});
