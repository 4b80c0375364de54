// Where the browser tests find the repository and put what they leave behind.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Everything the tests write lands under target/, which git already ignores.
export const targetDir = path.join(repoRoot, 'target');
export const screenshotDir = path.join(targetDir, 'screenshots');
export const logDir = path.join(targetDir, 'browser-tests');
