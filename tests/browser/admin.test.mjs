// The admin console in a real browser: an admin deactivates someone who left while
// that person has Hearth open, finds the act in the audit log, and every console tab
// passes the accessibility check.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertNoPageProblems,
  checkAccessibility,
  newContext,
  screenshot,
  sharedNetwork,
  signIn,
  submitSignIn,
  useHearth,
} from './support/index.mjs';

const hearth = useHearth('admin');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });

/** The console section whose heading is `name`. */
function section(page, name) {
  return page.locator('section', { has: page.getByRole('heading', { name, exact: true }) });
}

test('an admin deactivates someone who left, and their open session ends', async (t) => {
  const admin = await ready();
  const adminContext = await newContext(hearth.browser, hearth.server);
  const beaContext = await newContext(hearth.browser, hearth.server);
  t.after(() => Promise.all([adminContext.close(), beaContext.close()]));
  const beaPage = await signIn(beaContext, hearth.server, bea.email, bea.password);
  const page = await signIn(adminContext, hearth.server, admin.email, admin.password);

  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { name: 'People', exact: true }).waitFor();
  await screenshot(page, 'admin-people');
  await checkAccessibility(page, 'admin-people');
  await page.locator('main').getByRole('link', { name: bea.name }).click();
  await page.getByRole('heading', { name: bea.name }).waitFor();
  await checkAccessibility(page, 'admin-account');

  const deactivate = section(page, 'Deactivate');
  await deactivate.getByLabel('Reason (kept in the audit log)').fill('Left the company');
  await deactivate.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('status').filter({ hasText: 'Deactivated.' }).waitFor();
  await screenshot(page, 'admin-account-deactivated');

  // Bea's next step finds her signed out, and signing in again says why.
  await beaPage.reload();
  await beaPage.waitForURL(/\/sign-in$/);
  await submitSignIn(beaPage, bea.email, bea.password);
  await beaPage.getByText(/deactivated/).first().waitFor();

  await page.getByRole('link', { name: 'Audit log' }).click();
  const entry = page.locator('main tr', { hasText: 'user.deactivated' });
  await entry.first().waitFor();
  assert.match(await entry.first().innerText(), /Left the company/);
  await screenshot(page, 'admin-audit');
  await checkAccessibility(page, 'admin-audit');

  assertNoPageProblems(adminContext);
});

test('every console tab is accessible, on a phone too', async (t) => {
  const admin = await ready();
  const context = await newContext(hearth.browser, hearth.server, {
    viewport: { width: 360, height: 780 },
  });
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);
  for (const [tab, path] of [
    ['Invitations', '/admin/invitations'],
    ['Moderation', '/admin/moderation'],
    ['Watch list', '/admin/watch-list'],
    ['Usage policy', '/admin/usage-policy'],
    ['Data', '/admin/data'],
  ]) {
    await page.goto(new URL(path, hearth.server.url).href);
    await page
      .getByRole('navigation', { name: 'Admin console' })
      .getByRole('link', { name: tab })
      .waitFor();
    const name = `admin-${tab.toLowerCase().replace(' ', '-')}`;
    await screenshot(page, name);
    await checkAccessibility(page, name);
  }
  assertNoPageProblems(context);
});
