// Guests of an external network in a real browser: the sponsor invites one from the
// Guests page (a refused address first), the guest opens the link on a phone in dark
// mode, chooses a password, lands in the supplier network alone and is marked as a
// guest; the sponsor ends their access and the guest is out at their next page. And a
// guest whose access period runs out is out within seconds, with nobody acting.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import {
  assertNoPageProblems,
  checkAccessibility,
  newContext,
  screenshot,
  sharedNetwork,
  signIn,
  useHearth,
} from './support/index.mjs';

const hearth = useHearth('guests');
// A colleague who is not in the supplier network: a guest must never see her.
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });

test('a sponsor invites a guest, who sees the supplier network alone, and ends their access', async (t) => {
  const admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);
  const staffOnly = 'Quarterly numbers, for staff only';
  await page.getByLabel('Write a post').fill(staffOnly);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await page.locator('article.post').filter({ hasText: staffOnly }).first().waitFor();

  await page.goto('/networks');
  await page.getByLabel('Name', { exact: true }).fill('Suppliers');
  await page.getByLabel("Guests' e-mail domain (optional)").fill('supplier.example');
  await page.getByRole('button', { name: 'Create network' }).click();
  await page.getByText('The external network was created.').waitFor();
  await page.getByRole('region', { name: 'Suppliers' }).getByRole('link', { name: 'Guests' }).click();
  await page.getByRole('heading', { level: 1, name: 'Guests of Suppliers' }).waitFor();
  const guestsPath = new URL(page.url()).pathname;

  const email = page.getByLabel("The guest's e-mail address");
  await email.fill('gus@elsewhere.example');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByRole('alert').getByText('Guests of this network must have an address at supplier.example').waitFor();
  await page.getByLabel("The guest's e-mail address").fill('gus@supplier.example');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByText('An invitation was sent to gus@supplier.example').waitFor();
  const link = (await page.locator('code.secret').textContent()).trim();
  assert.match(link, /\/invite\//);
  await screenshot(page, 'guests-invited');
  await checkAccessibility(page, 'guests-invited');
  // The refused address answered 422, as a refused form does.
  assertNoPageProblems(context, { allow: [/status of 422/] });

  const guestContext = await newContext(hearth.browser, hearth.server, {
    viewport: { width: 390, height: 844 },
    colorScheme: 'dark',
  });
  t.after(() => guestContext.close());
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await guest.getByText('gus@supplier.example').waitFor();
  await checkAccessibility(guest, 'guests-invitation');
  await guest.getByLabel('Your name').fill('Gus Ferreira');
  await guest.getByLabel('Choose a password').fill('delivery window 42');
  await guest.getByRole('button', { name: 'Create account' }).click();
  await guest.waitForURL((url) => url.pathname === '/');

  const words = 'The trucks arrive at nine on Tuesday';
  await guest.getByLabel('Write a post').fill(words);
  await guest.getByRole('button', { name: 'Post', exact: true }).click();
  const post = guest.locator('article.post').filter({ hasText: words }).first();
  await post.waitFor();
  await post.locator('.badge.guest', { hasText: 'Guest' }).waitFor();
  assert.equal(await guest.getByText(staffOnly).count(), 0, "the company's post shows to a guest");
  await guest.goto('/people');
  // The sponsor is a member of the network; a colleague who is not stays unseen.
  await guest.getByRole('link', { name: admin.name }).first().waitFor();
  assert.equal(await guest.getByText(bea.name).count(), 0, 'the company directory shows to a guest');
  await guest.goto('/');
  await screenshot(guest, 'guests-guest-home-phone-dark');
  await checkAccessibility(guest, 'guests-guest-home-phone-dark');
  const overflow = await guest.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 390 px screen`);

  // The sponsor sees them, and ends their access: they are out at their next page.
  await page.goto(guestsPath);
  await page.locator('li.guest').filter({ hasText: 'Gus Ferreira' }).waitFor();
  await page.getByText('Sponsor: ').first().waitFor();
  await page.getByRole('button', { name: 'End access now for Gus Ferreira' }).click();
  await page.getByText("The guest's access ended.").waitFor();
  await checkAccessibility(page, 'guests-ended');
  await guest.goto('/');
  await guest.waitForURL((url) => url.pathname === '/sign-in');
  assertNoPageProblems(guestContext);
});

/**
 * Makes a guest's access period run out now, as the passing of their days would: the
 * server's clock cannot be moved from here, so the end moves instead. Python's own
 * sqlite3 writes to the running server's database, which allows another writer.
 */
function endPeriodOf(email) {
  const database = path.join(hearth.server.dataDir, 'hearth.db');
  execFileSync('python3', [
    '-c',
    `import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
with db:
    changed = db.execute(
        "UPDATE guests SET access_until = 0 WHERE user_id = (SELECT id FROM users WHERE email = ?)",
        (sys.argv[2],),
    ).rowcount
assert changed == 1, changed`,
    database,
    email,
  ]);
}

test("a guest whose access period runs out is signed out by the server's own round", async (t) => {
  const admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);
  await page.goto('/networks');
  await page.getByLabel('Name', { exact: true }).fill('Couriers');
  await page.getByRole('button', { name: 'Create network' }).click();
  await page.getByText('The external network was created.').waitFor();
  await page.getByRole('region', { name: 'Couriers' }).getByRole('link', { name: 'Guests' }).click();
  await page.getByLabel("The guest's e-mail address").fill('eva@couriers.example');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  const link = (await page.locator('code.secret').textContent()).trim();
  const guestsPath = new URL(page.url()).pathname;

  const guestContext = await newContext(hearth.browser, hearth.server);
  t.after(() => guestContext.close());
  const guest = await guestContext.newPage();
  await guest.goto(link);
  await guest.getByLabel('Your name').fill('Eva Rocha');
  await guest.getByLabel('Choose a password').fill('parcel window 17');
  await guest.getByRole('button', { name: 'Create account' }).click();
  await guest.waitForURL((url) => url.pathname === '/');

  endPeriodOf('eva@couriers.example');
  // The round runs every 15 seconds; her next page after it is the sign-in.
  const deadline = Date.now() + 45_000;
  for (;;) {
    await guest.goto('/');
    if (new URL(guest.url()).pathname === '/sign-in') break;
    assert.ok(Date.now() < deadline, 'the guest is still in 45 s after her access ran out');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  await page.goto(guestsPath);
  await page.locator('li.guest').filter({ hasText: 'Eva Rocha' }).getByText('access ended').waitFor();
  await page.getByRole('button', { name: 'Extend access for Eva Rocha' }).waitFor();
  assertNoPageProblems(guestContext);
  assertNoPageProblems(context);
});
