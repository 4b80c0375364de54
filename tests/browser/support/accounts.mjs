// The steps most browser tests start with: set up the network through the one-time
// link, sign in and out, add people. Locators go by role and label, as a screen
// reader would, so they survive changes to classes and layout.

import assert from 'node:assert/strict';
import { newContext } from './browser.mjs';

/** The first administrator, unless a test passes its own. */
export const defaultAdmin = Object.freeze({
  company: 'Acme Cooperative',
  name: 'Ana Lima',
  email: 'ana@example.com',
  password: 'a long pass phrase',
});

/**
 * Sets the network up through the server's one-time link (it works once per server)
 * and returns the administrator, with a context and page signed in as them.
 */
export async function setUpNetwork(browser, server, admin = defaultAdmin) {
  const context = await newContext(browser, server);
  const page = await context.newPage();
  await openSetUp(page, server);
  await submitSetUp(page, server, admin);
  return { admin, context, page };
}

/** Opens the set-up form from the link the server printed. */
export async function openSetUp(page, server) {
  await page.goto(server.setupLink);
  await page.getByRole('button', { name: 'Create network' }).waitFor();
}

/** Fills the open set-up form and waits until it lands on the home page, signed in. */
export async function submitSetUp(page, server, admin) {
  await page.getByLabel('Company name').fill(admin.company);
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Your e-mail address').fill(admin.email);
  await page.getByLabel('Choose a password').fill(admin.password);
  await page.getByRole('button', { name: 'Create network' }).click();
  await page.waitForURL(urlOf(server, '/'));
  await assertSignedInAs(page, admin.name);
}

/** Signs in through the sign-in form in a new page of `context`, and returns the page. */
export async function signIn(context, server, email, password) {
  const page = await context.newPage();
  await page.goto(urlOf(server, '/sign-in'));
  await submitSignIn(page, email, password);
  await page.waitForURL(urlOf(server, '/'));
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
  return page;
}

/** Fills and sends the open sign-in form, without expecting it to succeed. */
export async function submitSignIn(page, email, password) {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page, server) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(urlOf(server, '/sign-in'));
}

/** Waits until the header's account menu shows the person's name. */
export async function assertSignedInAs(page, name) {
  const account = page.getByRole('navigation', { name: 'Account' });
  await account.getByText(name, { exact: true }).waitFor();
  assert.ok(await account.getByRole('button', { name: 'Sign out', exact: true }).isVisible(), 'no "Sign out" button');
}

/**
 * Adds a person to the (already set-up) network with `hearth admin create-user`,
 * which is quicker than the browser when a test just needs someone to be there.
 */
export async function createPerson(server, { email, name, password, admin = false }) {
  const args = ['create-user', '--email', email, '--name', name, '--password-stdin'];
  if (admin) args.push('--admin');
  await server.admin(args, { input: `${password}\n` });
  return { email, name, password };
}

function urlOf(server, pathname) {
  return new URL(pathname, server.url).href;
}

/**
 * For a test file whose tests share one network: returns `ready()`, which sets the
 * network up and adds `people` the first time any test calls it (the set-up link works
 * once per server), runs `afterSetUp(page)` on the administrator's page, and resolves
 * to the administrator.
 */
export function sharedNetwork(hearth, { people = [], afterSetUp } = {}) {
  let settingUp;
  return function ready() {
    settingUp ??= (async () => {
      const { admin, context, page } = await setUpNetwork(hearth.browser, hearth.server);
      if (afterSetUp) await afterSetUp(page);
      await context.close();
      for (const person of people) await createPerson(hearth.server, person);
      return admin;
    })();
    return settingUp;
  };
}
