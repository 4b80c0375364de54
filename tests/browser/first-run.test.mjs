// The first hour of a new Hearth: the operator opens the set-up link, creates the
// network and their account, signs out and back in. The tests run in order and share
// one server, because the set-up link works only once.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertNoPageProblems,
  assertSignedInAs,
  checkAccessibility,
  defaultAdmin,
  newContext,
  openSetUp,
  screenshot,
  signIn,
  signOut,
  submitSetUp,
  submitSignIn,
  useHearth,
} from './support/index.mjs';

const hearth = useHearth('first-run');
const admin = defaultAdmin;
let networkIsSetUp = false;

function needsSetUp() {
  assert.ok(networkIsSetUp, 'needs the set-up test (the first in this file) to have passed');
}

test('the set-up link creates the network and signs the first administrator in', async (t) => {
  const { browser, server } = hearth;
  const context = await newContext(browser, server);
  t.after(() => context.close());
  const page = await context.newPage();

  await openSetUp(page, server);
  await screenshot(page, 'setup');
  await checkAccessibility(page, 'setup');

  await submitSetUp(page, server, admin);
  networkIsSetUp = true;
  await assertSignedInAs(page, admin.name);
  await screenshot(page, 'home');
  await checkAccessibility(page, 'home');

  assertNoPageProblems(context);
});

test('signing out leads to the sign-in page, and home needs signing in again', async (t) => {
  needsSetUp();
  const { browser, server } = hearth;
  const context = await newContext(browser, server);
  t.after(() => context.close());
  const page = await signIn(context, server, admin.email, admin.password);

  await signOut(page, server);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await screenshot(page, 'sign-in');
  await checkAccessibility(page, 'sign-in');

  await page.goto('/');
  await page.waitForURL('/sign-in');

  assertNoPageProblems(context);
});

test('the administrator signs in again with their e-mail address and password', async (t) => {
  needsSetUp();
  const { browser, server } = hearth;
  const context = await newContext(browser, server);
  t.after(() => context.close());

  const page = await signIn(context, server, admin.email, admin.password);
  await assertSignedInAs(page, admin.name);

  assertNoPageProblems(context);
});

test('a wrong password is refused with an alert and leaves the person signed out', async (t) => {
  needsSetUp();
  const { browser, server } = hearth;
  const context = await newContext(browser, server);
  t.after(() => context.close());
  const page = await context.newPage();

  await page.goto('/sign-in');
  await submitSignIn(page, admin.email, 'not the right pass phrase');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.notEqual((await alert.innerText()).trim(), '', 'the alert says nothing');
  await screenshot(page, 'sign-in-refused');
  await checkAccessibility(page, 'sign-in-refused');

  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  await page.goto('/');
  await page.waitForURL('/sign-in');

  // The refused form comes back with status 401, which Chromium logs as a failed load.
  assertNoPageProblems(context, { allow: [/status of 401 \(Unauthorized\) \(\S+\/sign-in\)$/] });
});
