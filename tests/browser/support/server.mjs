// A real Hearth server for one test file: the built binary, a fresh SQLite database
// in a temporary folder, and a port the kernel picks, so test files can run side by
// side without sharing anything.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { logDir, repoRoot } from './paths.mjs';

// The debug build `cargo build -p hearth --bin hearth` makes, unless HEARTH_BIN says.
export const hearthBin =
  process.env.HEARTH_BIN ?? path.join(path.resolve(repoRoot, process.env.CARGO_TARGET_DIR ?? 'target'), 'debug/hearth');

// Generous: the machine is small and shared, and the first start migrates the schema.
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Starts `hearth serve` on an empty data folder and waits until it has printed its
 * address and its one-time set-up link. Call `stop()` when done (e.g. in `after`).
 * With `demo`, starts `hearth demo` instead, which seeds the demo company (weeks of
 * history, counted for the dashboards) and prints no set-up link.
 *
 * `label` names the log file, target/browser-tests/<label>.log, which holds the
 * server's standard output and error: look there when a test fails oddly.
 */
export async function startServer({ label = 'hearth', demo = false } = {}) {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'hearth-browser-'));
  await fsp.mkdir(logDir, { recursive: true });
  const logPath = path.join(logDir, `${label}.log`);
  const log = fs.createWriteStream(logPath);

  const command = demo ? 'demo' : 'serve';
  const child = spawn(hearthBin, [command, '--listen', '127.0.0.1:0', '--data-dir', dataDir], {
    // No hearth.toml in the temporary folder, so only the flags above configure it.
    cwd: dataDir,
    env: { ...serverEnv(), ...UNLIMITED_CONTENT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If the test process dies without calling stop(), do not leave a server behind.
  const killOnExit = () => {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);

  // 'close' comes after the output pipes are drained, so the log can end then.
  const closed = new Promise((resolve) => child.once('close', resolve));
  readline.createInterface({ input: child.stderr }).on('line', (line) => log.write(`${line}\n`));
  const stdout = readline.createInterface({ input: child.stdout });
  stdout.on('line', (line) => log.write(`${line}\n`));

  async function stop() {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await closed;
    clearTimeout(timer);
    await new Promise((resolve) => log.end(resolve));
    await fsp.rm(dataDir, { recursive: true, force: true });
  }

  try {
    const { url, setupLink } = await withTimeout(
      announcement(child, stdout, logPath, demo),
      STARTUP_TIMEOUT_MS,
      `hearth ${command} did not print its address and set-up link within ${STARTUP_TIMEOUT_MS} ms; see ${logPath}`,
    );
    return {
      url,
      setupLink,
      dataDir,
      logPath,
      stop,
      /** Runs `hearth admin …` on this server's database (allowed while it runs). */
      admin: (args, options) => runHearth(['admin', ...args, '--data-dir', dataDir], { cwd: dataDir, ...options }),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Resolves with the address and set-up link the server prints on start-up. A fresh
 * data folder has no network yet, so the link always comes; the demo has a network,
 * and is ready once it has said where it lives.
 */
function announcement(child, stdout, logPath, demo) {
  return new Promise((resolve, reject) => {
    let url;
    stdout.on('line', (line) => {
      url ??= line.match(/^Hearth is listening on (\S+)/)?.[1];
      if (demo && url && line.startsWith('The demo lives in ')) resolve({ url, setupLink: null });
      const setupLink = line.match(/^\s*(https?:\/\/\S+\/setup\?token=\S+)\s*$/)?.[1];
      if (url && setupLink) resolve({ url, setupLink });
    });
    child.once('error', (err) => reject(cannotRun(err)));
    child.once('exit', (code, signal) =>
      reject(new Error(`hearth serve exited (${signal ?? `code ${code}`}) before it was ready; see ${logPath}`)),
    );
  });
}

/** Runs the hearth binary to completion and returns its standard output. */
export function runHearth(args, { cwd = repoRoot, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(hearthBin, args, { cwd, env: serverEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', (err) => reject(cannotRun(err)));
    child.once('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`hearth ${args.join(' ')} failed (code ${code}):\n${stderr}`));
    });
    child.stdin.end(input ?? '');
  });
}

// Tests create content in bursts, faster than one person may; the limits have tests
// of their own (crates/hearth/tests/http/limits.rs).
const UNLIMITED_CONTENT = {
  HEARTH_LIMITS_POSTS_PER_MINUTE: '0',
  HEARTH_LIMITS_REPLIES_PER_MINUTE: '0',
  HEARTH_LIMITS_CHAT_MESSAGES_PER_MINUTE: '0',
  HEARTH_LIMITS_REACTIONS_PER_MINUTE: '0',
};

// A developer's HEARTH_* settings (say HEARTH_DATABASE_URL) would point the server
// at a shared database, so none of them reach it.
function serverEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('HEARTH_')));
}

function cannotRun(err) {
  return new Error(
    `cannot run ${hearthBin} (${err.code ?? err.message}); build it with ` +
      '`cargo build -p hearth --bin hearth` or point HEARTH_BIN at a hearth binary',
  );
}

async function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
