// External networks in a real browser: an admin creates one and adds a colleague
// from the Networks page; the colleague switches to it from the header, posts there,
// and comes back home, where nothing of it shows; in light and dark, on a phone.

import assert from 'node:assert/strict';
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

const hearth = useHearth('networks');
const bea = { email: 'bea@example.com', name: 'Bea Costa', password: 'another long phrase' };
const ready = sharedNetwork(hearth, { people: [bea] });

test('an admin creates an external network and a colleague works in it with one sign-in', async (t) => {
  const admin = await ready();
  const context = await newContext(hearth.browser, hearth.server);
  t.after(() => context.close());
  const page = await signIn(context, hearth.server, admin.email, admin.password);

  await page.goto('/networks');
  await page.getByLabel('Name', { exact: true }).fill('Suppliers');
  await page.getByLabel('Description').fill('Parts and deliveries with our suppliers');
  await page.getByLabel("Guests' e-mail domain (optional)").fill('https://supplier.example');
  await page.getByRole('button', { name: 'Create network' }).click();
  await page.getByRole('alert').getByText('Enter a domain like supplier.example').waitFor();
  await page.getByLabel("Guests' e-mail domain (optional)").fill('supplier.example');
  await page.getByRole('button', { name: 'Create network' }).click();
  await page.getByText('The external network was created.').waitFor();
  const suppliers = page.getByRole('region', { name: 'Suppliers' });
  await suppliers.getByLabel("A colleague's e-mail address").fill(bea.email);
  await suppliers.getByRole('button', { name: 'Add to the network' }).click();
  await page.getByText('The colleague was added.').waitFor();
  await screenshot(page, 'networks-page');
  await checkAccessibility(page, 'networks-page');
  // The refused domain above answered 422, as a refused form does.
  assertNoPageProblems(context, { allow: [/status of 422/] });

  for (const [label, options] of [
    ['phone', { viewport: { width: 390, height: 844 } }],
    ['dark', { colorScheme: 'dark' }],
  ]) {
    const other = await newContext(hearth.browser, hearth.server, options);
    t.after(() => other.close());
    const own = await signIn(other, hearth.server, bea.email, bea.password);
    const switcher = own.getByRole('combobox', { name: 'Network' });
    await switcher.selectOption({ label: 'Suppliers · external' });
    await own.getByRole('button', { name: 'Switch', exact: true }).click();
    await own.waitForURL((url) => url.pathname === '/');
    assert.equal(
      await own.getByRole('combobox', { name: 'Network' }).inputValue(),
      await switcher.locator('option', { hasText: 'Suppliers' }).getAttribute('value'),
    );
    const words = `Delivery window for ${label}: Tuesday`;
    await own.getByLabel('Write a post').fill(words);
    await own.getByRole('button', { name: 'Post', exact: true }).click();
    await own.locator('article.post').filter({ hasText: words }).first().waitFor();
    await screenshot(own, `networks-external-${label}`);
    await checkAccessibility(own, `networks-external-${label}`);
    if (label === 'phone') {
      const overflow = await own.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 390 px screen`);
    }

    // Home again: the post made there is nowhere to be seen.
    await own.getByRole('combobox', { name: 'Network' }).selectOption({ index: 0 });
    await own.getByRole('button', { name: 'Switch', exact: true }).click();
    await own.waitForURL((url) => url.pathname === '/');
    await own.getByRole('heading', { level: 1 }).first().waitFor();
    assert.equal(await own.getByText(words).count(), 0, 'the external post shows at home');
    assertNoPageProblems(other);
  }
});
