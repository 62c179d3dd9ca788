#!/usr/bin/env node
// Takes wallboard screenshots for a look by eye.
//   node tests/browser/screenshot.mjs [--url URL --key KEY] [--tenant T]
//        [--lang en|es] [--size 1920x1080] [--wait 6] [--out file.png]
// Without --url it starts the mock server (tests/browser/mock_server.mjs).
import { launch } from './browser.mjs';
import { startMock } from './mock_server.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const [w, h] = (args.size || '1920x1080').split('x').map(Number);
let mock = null;
let url = args.url, key = args.key;
if (!url) {
  mock = await startMock({ port: 0, speed: Number(args.speed || 20), scenario: args.scenario || 'multi', warmup: Number(args.warmup || 2400) });
  url = mock.url; key = mock.adminKey;
}
const { context, close } = await launch({ viewport: { width: w, height: h }, locale: args.lang === 'es' ? 'es-ES' : 'en-US' });
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.error('console:', m.text()); });
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  const q = new URLSearchParams({ key });
  if (args.tenant) q.set('tenant', args.tenant);
  if (args.lang) q.set('lang', args.lang);
  await page.goto(`${url}/?${q}`);
  await page.waitForTimeout(Number(args.wait || 6) * 1000);
  const out = args.out || `/tmp/wallboard-${w}x${h}.png`;
  await page.screenshot({ path: out });
  console.log(out);
} finally {
  await close();
  if (mock) await mock.close();
}
