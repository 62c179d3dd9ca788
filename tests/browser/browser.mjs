// Launches Debian's chromium through playwright-core (never a downloaded
// browser). Shared by the test and by screenshot.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  throw new Error(`no chromium found (tried ${candidates.join(', ')}); apt-get install -y chromium`);
}

// A persistent context on a fresh, throw-away profile directory.
export async function launch({ locale = 'en-US', viewport = { width: 1920, height: 1080 } } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccsim-wallboard-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale,
    timeout: 60_000,
  });
  const close = async () => {
    try { await context.close(); } finally { fs.rmSync(userDataDir, { recursive: true, force: true }); }
  };
  return { context, close };
}
