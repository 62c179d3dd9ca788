// Browser test of the wallboard: Debian's chromium driven by playwright-core.
//
//   WALLBOARD_URL=http://127.0.0.1:PORT WALLBOARD_KEY=ADMIN_KEY \
//     node --test tests/browser/wallboard.test.mjs
//
// Environment:
//   WALLBOARD_URL         a running `ccsim serve` (without it: the mock server)
//   WALLBOARD_KEY         its admin key
//   WALLBOARD_TENANT      the tenant to open (default: the first one listed)
//   WALLBOARD_SCREENSHOT  where to save the screenshot (default build/wallboard.png
//                         under the repository root, build/wallboard-mock.png
//                         against the mock); -es and -1366x768 variants are
//                         saved next to it
// scripts/browser_test.sh starts the server and sets these.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const shotPath = process.env.WALLBOARD_SCREENSHOT
  ? path.resolve(process.env.WALLBOARD_SCREENSHOT)
  : path.join(repoRoot, 'build', process.env.WALLBOARD_URL ? 'wallboard.png' : 'wallboard-mock.png');
const variant = (suffix) => shotPath.replace(/(\.png)?$/i, `-${suffix}.png`);

let base = process.env.WALLBOARD_URL ? process.env.WALLBOARD_URL.replace(/\/+$/, '') : '';
let key = process.env.WALLBOARD_KEY || '';
let tenant = process.env.WALLBOARD_TENANT || '';
let mock = null;
let browser = null;
let page = null;
const pageErrors = [];
const consoleErrors = [];

const api = async (method, p, body) => {
  const res = await fetch(base + p, {
    method,
    headers: { 'X-Api-Key': key, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, ok: res.ok, data, text };
};

const state = () => page.evaluate(() => window.wallboard.state);
const text = async (selector) => (await page.locator(selector).first().textContent()).trim();

before(async () => {
  if (!base) {
    const { startMock } = await import('./mock_server.mjs');
    mock = await startMock({ port: 0, speed: 20, scenario: 'basic', warmup: 600 });
    base = mock.url;
    key = mock.adminKey;
  }
  assert.ok(key, 'WALLBOARD_KEY (the admin key) is needed with WALLBOARD_URL');
  browser = await launch({ locale: 'en-US', viewport: { width: 1920, height: 1080 } });
  page = browser.context.pages()[0] || await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
});

after(async () => {
  if (browser) await browser.close();
  if (mock) await mock.close();
});

test('the wallboard loads and connects to the live stream', { timeout: 60_000 }, async () => {
  const q = new URLSearchParams({ key, lang: 'en' });
  if (tenant) q.set('tenant', tenant);
  const res = await page.goto(`${base}/?${q}`);
  assert.equal(res.status(), 200, 'GET / serves the wallboard');
  await page.locator('#conn[data-conn="live"]').waitFor({ timeout: 20_000 });
  assert.equal(await text('#conn-text'), 'Live');
  assert.ok(!page.url().includes('key='), 'the API key is removed from the address bar');
  const s = await state();
  assert.ok(s.tenant, 'a tenant is selected');
  if (tenant) assert.equal(s.tenant, tenant);
  tenant = s.tenant;
  assert.equal(await page.locator('#tenant-select').inputValue(), tenant);
  await page.locator('#agent-grid .agent').first().waitFor();
  assert.ok(await page.locator('#agent-grid .agent').count() > 0, 'agent tiles are shown');
  assert.ok(await page.locator('#queues .queue-row').count() > 0, 'queues are shown');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await text('#agents-title [data-i18n="agents.title"]'), 'Agents');
  assert.equal(await page.locator('#controls').isVisible(), true, 'the admin key sees the controls');
});

test('numbers update: clock, counters and time in state', { timeout: 60_000 }, async () => {
  const s0 = await state();
  const clock0 = await text('#sim-clock');
  const offered0 = await text('#kpi-offered .kpi-value');
  // the server's clock moves and messages keep coming
  await page.waitForFunction((n) => window.wallboard.state.messages >= n, s0.messages + 4, { timeout: 15_000 });
  const s1 = await state();
  assert.ok(s1.now_s > s0.now_s, `now_s advances (${s0.now_s} -> ${s1.now_s})`);
  assert.notEqual(await text('#sim-clock'), clock0, 'the simulated clock on the page moves');
  // calls are offered (at speed 20 a scenario offers several per wall second)
  await page.waitForFunction((v) => document.querySelector('#kpi-offered .kpi-value').textContent !== v,
    offered0, { timeout: 30_000 });
  // time in state ticks locally between messages
  const tile = page.locator('#agent-grid .agent').first();
  const t0 = await tile.locator('.a-time').textContent();
  assert.match(t0, /^\d+:\d\d(:\d\d)?$/, 'time in state looks like m:ss');
  await page.waitForFunction((v) => document.querySelector('#agent-grid .agent .a-time').textContent !== v,
    t0, { timeout: 10_000 });
  // the chart has at least one bucket drawn
  await page.locator('#chart .offered-bar, #chart .answered-line[d^="M"]').first().waitFor({ timeout: 30_000 });
});

test('an agent tile changes state after a REST call', { timeout: 90_000 }, async () => {
  const s = await state();
  // An available agent goes on break at once; a busy one only when its call
  // ends (pending), so prefer an idle one.
  const order = ['available', 'wrap_up', 'on_call', 'reserved'];
  const agents = s.agents.filter((a) => order.includes(a.state)).sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));
  assert.ok(agents.length, 'some agent is logged in and not on break');
  const agent = agents[0];
  const tile = page.locator(`#agent-grid .agent[data-agent-id="${agent.id}"]`);
  assert.notEqual(await tile.getAttribute('data-state'), 'break');

  const r = await api('POST', `/api/tenants/${encodeURIComponent(tenant)}/agents/${agent.id}/state`, { state: 'break', reason: 'coffee' });
  assert.ok(r.ok, `POST .../agents/${agent.id}/state break answers 2xx (got ${r.status} ${r.text})`);
  await page.locator(`#agent-grid .agent[data-agent-id="${agent.id}"][data-state="break"]`).waitFor({ timeout: 45_000 });
  assert.match(await tile.getAttribute('class'), /\bs-break\b/);
  assert.equal(await tile.locator('.a-state').textContent(), 'Break');
  assert.match(await tile.locator('.a-detail').textContent(), /coffee/i, 'the break reason is shown');

  // and back: the tile follows again
  const back = await api('POST', `/api/tenants/${encodeURIComponent(tenant)}/agents/${agent.id}/state`, { state: 'available' });
  assert.ok(back.ok, `POST state available answers 2xx (got ${back.status} ${back.text})`);
  await page.waitForFunction((id) => {
    const t = document.querySelector(`#agent-grid .agent[data-agent-id="${id}"]`);
    return t && t.dataset.state !== 'break';
  }, agent.id, { timeout: 20_000 });
});

test('pause/resume and speed controls reach the server', { timeout: 60_000 }, async () => {
  const c0 = await api('GET', '/api/control');
  assert.equal(c0.status, 200, 'GET /api/control with the admin key');
  const speed0 = c0.data.speed;
  const btn = page.locator('#pause-btn');
  if (c0.data.paused) {
    await btn.click();
    await page.locator('#pause-btn[data-paused="false"]').waitFor({ timeout: 10_000 });
  }
  await btn.click();
  await page.locator('#pause-btn[data-paused="true"]').waitFor({ timeout: 10_000 });
  assert.equal((await api('GET', '/api/control')).data.paused, true, 'the server is paused');
  assert.equal(await page.locator('#paused-banner').isVisible(), true, 'a paused banner shows');
  await btn.click();
  await page.locator('#pause-btn[data-paused="false"]').waitFor({ timeout: 10_000 });
  assert.equal((await api('GET', '/api/control')).data.paused, false, 'the server runs again');

  const other = speed0 === 10 ? '5' : '10';
  await page.locator('#speed-select').selectOption(other);
  await page.waitForFunction((v) => window.wallboard.state.speed === v, Number(other), { timeout: 10_000 });
  assert.equal((await api('GET', '/api/control')).data.speed, Number(other));
  const r = await api('POST', '/api/control', { speed: speed0 });
  assert.ok(r.ok, 'restore the speed');
  await page.waitForFunction((v) => window.wallboard.state.speed === v, speed0, { timeout: 10_000 });
  assert.equal(await text('#speed-badge'), `×${speed0}`);
});

test('it reconnects when the socket drops', { timeout: 60_000 }, async () => {
  const m0 = (await state()).messages;
  await page.evaluate(() => window.wallboard.dropConnection());
  await page.locator('#conn[data-conn="reconnecting"]').waitFor({ timeout: 5_000 });
  assert.match(await text('#conn-text'), /Reconnecting in \d+ s/);
  await page.locator('#conn[data-conn="live"]').waitFor({ timeout: 20_000 });
  await page.waitForFunction((n) => window.wallboard.state.messages > n + 2, m0, { timeout: 10_000 });
  assert.ok(await page.locator('#agent-grid .agent').count() > 0, 'the board is filled again');
});

test('saves a screenshot', { timeout: 60_000 }, async () => {
  fs.mkdirSync(path.dirname(shotPath), { recursive: true });
  await page.waitForTimeout(1500); // let a few updates and the transitions settle
  await page.screenshot({ path: shotPath });
  assert.ok(fs.statSync(shotPath).size > 20_000, `${shotPath} is a real picture`);
  console.log(`screenshot: ${shotPath}`);
  // a laptop-sized one too
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.waitForTimeout(800);
  const laptop = variant('1366x768');
  await page.screenshot({ path: laptop });
  console.log(`screenshot: ${laptop}`);
  await page.setViewportSize({ width: 1920, height: 1080 });
});

test('labels switch to Spanish', { timeout: 60_000 }, async () => {
  await page.locator('.topbar .lang-switch button[data-lang="es"]').click();
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  assert.equal(await text('#agents-title [data-i18n="agents.title"]'), 'Agentes');
  assert.equal(await text('#kpi-sl .kpi-label'), 'Nivel de servicio');
  assert.equal(await text('#conn-text'), 'En vivo');
  assert.equal(await text('#queues-title'), 'Colas');
  const spanish = new Set(['Desconectado', 'Disponible', 'Timbrando', 'En llamada', 'Posllamada', 'Pausa']);
  const labels = await page.locator('#agent-grid .agent .a-state').allTextContents();
  assert.ok(labels.length && labels.every((l) => spanish.has(l)), `agent states in Spanish: ${[...new Set(labels)]}`);
  assert.match(await text('#pause-label'), /^(Pausar|Reanudar)$/);
  await page.waitForTimeout(600);
  const es = variant('es');
  await page.screenshot({ path: es });
  console.log(`screenshot: ${es}`);
  // and back to English
  await page.locator('.topbar .lang-switch button[data-lang="en"]').click();
  assert.equal(await text('#agents-title [data-i18n="agents.title"]'), 'Agents');
});

test("a Spanish browser gets Spanish labels by default", { timeout: 60_000 }, async () => {
  const es = await launch({ locale: 'es-MX', viewport: { width: 1280, height: 800 } });
  try {
    const p = es.context.pages()[0] || await es.context.newPage();
    const q = new URLSearchParams({ key, tenant });
    await p.goto(`${base}/?${q}`);
    await p.locator('#conn[data-conn="live"]').waitFor({ timeout: 20_000 });
    assert.equal(await p.locator('html').getAttribute('lang'), 'es');
    assert.equal(await p.locator('#agents-title [data-i18n="agents.title"]').textContent(), 'Agentes');
  } finally {
    await es.close();
  }
});

test('a tenant key sees its own tenant, without the controls', { timeout: 60_000 }, async () => {
  // POST /api/tenants/{t}/keys issues a fresh key for the tenant (admin only).
  const r = await api('POST', `/api/tenants/${encodeURIComponent(tenant)}/keys`);
  assert.ok(r.ok && r.data && r.data.api_key, `a tenant key is issued (got ${r.status} ${r.text})`);
  const p = await browser.context.newPage();
  p.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await p.goto(`${base}/?${new URLSearchParams({ key: r.data.api_key, tenant, lang: 'en' })}`);
    await p.locator('#conn[data-conn="live"]').waitFor({ timeout: 20_000 });
    assert.equal(await p.evaluate(() => window.wallboard.state.tenant), tenant);
    assert.equal(await p.evaluate(() => window.wallboard.state.admin), false);
    assert.equal(await p.locator('#controls').isVisible(), false, 'no pause/speed controls for a tenant key');
    assert.ok(await p.locator('#agent-grid .agent').count() > 0);
  } finally {
    await p.close();
  }
});

test('no script errors on the page', () => {
  assert.deepEqual(pageErrors, [], 'uncaught exceptions');
  // Chromium logs every 4xx answer ("Failed to load resource"): the page
  // expects some (the admin probe of POST /api/control answers 400 or 403), and
  // a dropped socket may log a network error. Anything else is a bug.
  const unexpected = consoleErrors.filter((m) => !/Failed to load resource|WebSocket|ERR_CONNECTION|net::/i.test(m));
  assert.deepEqual(unexpected, [], 'console errors');
});
