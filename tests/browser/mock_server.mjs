#!/usr/bin/env node
// A stand-in for `ccsim serve`, for developing and testing the wallboard
// without the C++ server. It speaks the wallboard protocol (see README.md):
// static files from web/ui at `/`, the REST calls the page and the browser
// test use, and a WebSocket at `/ws` with snapshot/update/error messages.
// The "simulation" is a crude M/M/c-ish queue per tenant: good enough to make
// every panel move, not a model of anything.
//
//   node tests/browser/mock_server.mjs [--port N] [--speed X] [--admin-key K]
//                                      [--scenario multi|basic] [--seed N]
//
// Prints `admin key: K` and `listening on http://127.0.0.1:PORT` like ccsim.
// Tenant keys for testing the non-admin path: `tenant-key-<tenant>`.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const uiRoot = path.resolve(here, '../../web/ui');

function parseArgs(argv) {
  const o = { port: 8080, speed: 20, adminKey: 'mock-admin-key', scenario: 'multi', seed: 7, warmup: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = argv[i + 1];
    if (a === '--port') { o.port = Number(v); i++; }
    else if (a === '--speed') { o.speed = Number(v); i++; }
    else if (a === '--admin-key') { o.adminKey = v; i++; }
    else if (a === '--scenario') { o.scenario = v; i++; }
    else if (a === '--seed') { o.seed = Number(v); i++; }
    else if (a === '--warmup') { o.warmup = Number(v); i++; }
  }
  return o;
}

// ------------------------------------------------------------- tiny sim
function rng(seed) {  // mulberry32
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ana', 'Luis', 'María', 'Jorge', 'Lucía', 'Carlos', 'Sofía', 'Diego', 'Elena', 'Pablo',
  'Carmen', 'Javier', 'Laura', 'Miguel', 'Paula', 'Andrés', 'Isabel', 'Raúl', 'Marta', 'Tomás',
  'Noah', 'Emma', 'Liam', 'Olivia', 'Mateo', 'Valeria', 'Hugo', 'Julia', 'Iker', 'Nora',
  'Adrián', 'Irene', 'Bruno', 'Alba', 'Daniel', 'Sara', 'Marco', 'Clara', 'Óscar', 'Eva'];

const SCENARIOS = {
  basic: [
    { name: 'acme', sl: 20, target: 0.8, maxQueue: 0,
      types: [{ name: 'sales', rate: 180, talk: 180, wrap: 0, patience: 0 }],
      agents: [{ type: 'rep', skills: ['sales'], count: 10 }] },
  ],
  multi: [
    { name: 'telco', sl: 20, target: 0.8, maxQueue: 0,
      types: [
        { name: 'new_contract', rate: 120, talk: 230, wrap: 30, patience: 180 },
        { name: 'upgrade', rate: 90, talk: 230, wrap: 30, patience: 180 },
        { name: 'billing', rate: 210, talk: 230, wrap: 30, patience: 180 },
        { name: 'cancel', rate: 60, talk: 230, wrap: 30, patience: 180 }],
      agents: [
        { type: 'expert', skills: ['new_contract', 'upgrade', 'billing', 'cancel'], count: 6 },
        { type: 'sales', skills: ['new_contract', 'upgrade'], count: 12 },
        { type: 'service', skills: ['billing', 'upgrade'], count: 14 },
        { type: 'retention', skills: ['cancel', 'billing'], count: 8 }] },
    { name: 'bank', sl: 30, target: 0.9, maxQueue: 0,
      types: [
        { name: 'loan', rate: 60, talk: 230, wrap: 45, patience: 240 },
        { name: 'card', rate: 80, talk: 230, wrap: 45, patience: 240 },
        { name: 'account', rate: 90, talk: 230, wrap: 45, patience: 240 },
        { name: 'fraud', rate: 20, talk: 230, wrap: 45, patience: 240 }],
      agents: [
        { type: 'advisor', skills: ['loan', 'card', 'account', 'fraud'], count: 4 },
        { type: 'lending', skills: ['loan', 'account'], count: 7 },
        { type: 'cards', skills: ['card', 'fraud'], count: 6 },
        { type: 'general', skills: ['account', 'card'], count: 7 }] },
    { name: 'travel', sl: 20, target: 0.8, maxQueue: 60,
      types: [
        { name: 'booking', rate: 200, talk: 230, wrap: 15, patience: 120 },
        { name: 'change', rate: 150, talk: 230, wrap: 15, patience: 120 },
        { name: 'complaint', rate: 80, talk: 230, wrap: 15, patience: 120 },
        { name: 'info', rate: 70, talk: 230, wrap: 15, patience: 120 }],
      agents: [
        { type: 'senior', skills: ['booking', 'change', 'complaint', 'info'], count: 6 },
        { type: 'booking_desk', skills: ['booking', 'change', 'info'], count: 14 },
        { type: 'care', skills: ['complaint', 'change'], count: 8 },
        { type: 'info_desk', skills: ['info', 'booking'], count: 8 }] },
  ],
};

class Tenant {
  constructor(cfg, rand, world) {
    this.cfg = cfg; this.rand = rand; this.world = world;
    this.name = cfg.name;
    this.agents = new Map();
    this.dirty = new Set();
    this.removed = [];
    this.events = [];
    this.seq = 0;
    this.calls = new Map();
    this.queues = new Map();
    this.minutes = [];
    this.k = { offered: 0, answered: 0, abandoned: 0, rejected: 0, inSL: 0, waitSum: 0, handleSum: 0, handled: 0 };
    for (const t of cfg.types) {
      this.queues.set(t.name, { type: t, waiting: [], offered: 0, answered: 0, abandoned: 0, inSL: 0, waitSum: 0,
        next: this.exp(3600 / t.rate) });
    }
    let n = 0;
    for (const g of cfg.agents) {
      for (let i = 0; i < g.count; i++) {
        const id = ++n;
        this.agents.set(id, { id, name: `${FIRST[(id - 1) % FIRST.length]}${id > FIRST.length ? ' ' + Math.ceil(id / FIRST.length) : ''}`,
          type: g.type, skills: g.skills, state: 'available', state_since_s: 0, call: null, break_reason: '',
          calls_handled: 0, pending: null, until: Infinity });
      }
    }
  }
  exp(mean) { return -Math.log(1 - this.rand()) * mean; }
  event(at, kind, text) {
    this.events.push({ seq: ++this.seq, at_s: round(at), kind, text });
    if (this.events.length > 1000) this.events.shift();
  }
  bucket(at) {
    const start = Math.floor(at / 60) * 60;
    let b = this.minutes[this.minutes.length - 1];
    if (!b || b.start_s !== start) {
      b = { start_s: start, offered: 0, answered: 0, abandoned: 0 };
      this.minutes.push(b);
      if (this.minutes.length > 60) this.minutes.shift();
    }
    return b;
  }
  setState(a, state, at, extra = {}) {
    a.state = state; a.state_since_s = round(at);
    Object.assign(a, extra);
    this.dirty.add(a.id);
  }
  // Moves every timer due up to `now`, in time order.
  advance(now, paused) {
    for (;;) {
      let when = now, what = null;
      if (!paused) for (const q of this.queues.values()) if (q.next < when) { when = q.next; what = ['arrive', q]; }
      for (const a of this.agents.values()) if (a.until < when) { when = a.until; what = ['agent', a]; }
      for (const q of this.queues.values())
        for (const c of q.waiting) if (c.leaves < when) { when = c.leaves; what = ['abandon', q, c]; }
      if (!what) break;
      if (what[0] === 'arrive') this.arrive(what[1], when);
      else if (what[0] === 'agent') this.agentTimer(what[1], when);
      else this.abandon(what[1], what[2], when);
    }
  }
  arrive(q, at) {
    q.next = at + this.exp(3600 / q.type.rate);
    const id = this.world.nextCall++;
    const call = { id, type: q.type.name, arrived: at, leaves: q.type.patience ? at + this.exp(q.type.patience) : Infinity };
    const waitingNow = [...this.queues.values()].reduce((s, x) => s + x.waiting.length, 0);
    if (this.cfg.maxQueue && waitingNow >= this.cfg.maxQueue) {
      this.k.rejected++;
      this.event(at, 'call_rejected', `Call ${id} (${q.type.name}) rejected: queue full`);
      return;
    }
    q.offered++; this.k.offered++; this.bucket(at).offered++;
    this.event(at, 'call_arrived', `Call ${id} (${q.type.name}) arrived`);
    const agent = this.freeAgent(q.type.name);
    if (agent) this.reserve(agent, call, q, at);
    else q.waiting.push(call);
  }
  freeAgent(type) {
    let best = null;
    for (const a of this.agents.values())
      if (a.state === 'available' && a.skills.includes(type) && (!best || a.state_since_s < best.state_since_s)) best = a;
    return best;
  }
  reserve(a, call, q, at) {
    const wait = at - call.arrived;
    q.answered++; q.waitSum += wait; this.k.answered++; this.k.waitSum += wait;
    if (wait <= this.cfg.sl) { q.inSL++; this.k.inSL++; }
    this.bucket(at).answered++;
    this.setState(a, 'reserved', at, { call: call.id });
    a.until = at + 2 + this.rand() * 3;
    a.talk = this.exp(q.type.talk); a.wrap = q.type.wrap; a.callType = q.type.name;
    this.event(at, 'call_assigned', `Call ${call.id} (${q.type.name}) offered to ${a.name} after ${Math.round(wait)} s`);
  }
  agentTimer(a, at) {
    if (a.state === 'reserved') {
      this.setState(a, 'on_call', at); a.until = at + a.talk;
      this.event(at, 'call_answered', `${a.name} answered call ${a.call}`);
    } else if (a.state === 'on_call') {
      this.k.handleSum += a.talk + a.wrap; this.k.handled++;
      this.event(at, 'call_ended', `Call ${a.call} ended (${a.name}, ${Math.round(a.talk)} s)`);
      a.calls_handled++;
      if (a.wrap > 0) { this.setState(a, 'wrap_up', at, { call: a.call }); a.until = at + a.wrap; }
      else this.afterCall(a, at);
    } else if (a.state === 'wrap_up') {
      this.afterCall(a, at);
    } else if (a.state === 'break' && a.break_reason === 'auto') {
      this.makeAvailable(a, at);
    }
  }
  afterCall(a, at) {
    a.until = Infinity;
    if (a.pending === 'break') {
      this.setState(a, 'break', at, { call: null, break_reason: a.pendingReason, pending: null });
      this.event(at, 'agent_state_changed', `${a.name}: wrap_up -> break (${a.pendingReason})`);
    } else if (a.pending === 'logout') {
      this.setState(a, 'offline', at, { call: null, pending: null });
      this.event(at, 'agent_state_changed', `${a.name}: wrap_up -> offline`);
    } else if (this.rand() < 0.02) {
      this.setState(a, 'break', at, { call: null, break_reason: 'auto' });
      a.until = at + 300 + this.rand() * 300;
      this.event(at, 'agent_state_changed', `${a.name}: available -> break (personal)`);
    } else this.makeAvailable(a, at);
  }
  makeAvailable(a, at) {
    a.until = Infinity;
    this.setState(a, 'available', at, { call: null, break_reason: '' });
    // longest waiting call this agent can take
    let pick = null;
    for (const q of this.queues.values())
      if (a.skills.includes(q.type.name) && q.waiting.length && (!pick || q.waiting[0].arrived < pick[1].arrived)) pick = [q, q.waiting[0]];
    if (pick) { pick[0].waiting.shift(); this.reserve(a, pick[1], pick[0], at); }
  }
  abandon(q, c, at) {
    q.waiting.splice(q.waiting.indexOf(c), 1);
    q.abandoned++; this.k.abandoned++; this.bucket(at).abandoned++;
    this.event(at, 'call_abandoned', `Call ${c.id} (${q.type.name}) abandoned after ${Math.round(at - c.arrived)} s`);
  }
  command(id, body, at) {
    const a = this.agents.get(id);
    if (!a) return [404, { error: 'unknown_agent', detail: `no agent ${id} in ${this.name}` }];
    const busy = ['reserved', 'on_call', 'wrap_up'].includes(a.state);
    const st = body.state;
    if (st === 'break') {
      if (a.state === 'offline') return [409, { error: 'illegal_transition', detail: 'agent is offline' }];
      if (busy) { a.pending = 'break'; a.pendingReason = body.reason || 'break'; }
      else {
        a.until = Infinity;
        this.setState(a, 'break', at, { break_reason: body.reason || 'break' });
        this.event(at, 'agent_state_changed', `${a.name} -> break (${a.break_reason})`);
      }
    } else if (st === 'available' || st === 'login') {
      if (busy) return [409, { error: 'illegal_transition', detail: `agent is ${a.state}` }];
      this.makeAvailable(a, at);
      this.event(at, 'agent_state_changed', `${a.name} -> available`);
    } else if (st === 'logout') {
      if (busy) a.pending = 'logout';
      else { a.until = Infinity; this.setState(a, 'offline', at, { break_reason: '' }); this.event(at, 'agent_state_changed', `${a.name} -> offline`); }
    } else return [400, { error: 'bad_state', detail: `unknown state ${st}` }];
    return [200, this.agentJson(a)];
  }
  agentJson(a) {
    return { id: a.id, name: a.name, type: a.type, state: a.state, state_since_s: a.state_since_s, call: a.call,
      break_reason: a.state === 'break' ? a.break_reason : '', calls_handled: a.calls_handled,
      pending_break: a.pending === 'break', pending_logout: a.pending === 'logout' };
  }
  message(type, now) {
    const k = this.k;
    const inSystem = [...this.queues.values()].reduce((s, q) => s + q.waiting.length, 0) +
      [...this.agents.values()].filter((a) => ['reserved', 'on_call'].includes(a.state)).length;
    const logged = [...this.agents.values()].filter((a) => a.state !== 'offline').length;
    const busy = [...this.agents.values()].filter((a) => ['reserved', 'on_call', 'wrap_up'].includes(a.state)).length;
    const queues = [...this.queues.values()].map((q) => ({
      call_type: q.type.name, waiting: q.waiting.length,
      oldest_wait_s: q.waiting.length ? round(now - q.waiting[0].arrived) : 0,
      calls: q.waiting.map((c) => ({ id: c.id, wait_s: round(now - c.arrived) })),
      offered: q.offered, answered: q.answered, abandoned: q.abandoned,
      service_level: q.offered ? q.inSL / q.offered : 0, asa: q.answered ? q.waitSum / q.answered : 0,
    }));
    const sl = k.offered ? k.inSL / k.offered : 0;
    const msg = {
      type, tenant: this.name, now_s: round(now), speed: this.world.speed, paused: this.world.paused,
      service_level_threshold_s: this.cfg.sl, service_level_target: this.cfg.target,
      agents: [], queues,
      kpis: { offered: k.offered, answered: k.answered, abandoned: k.abandoned, rejected: k.rejected, in_system: inSystem,
        service_level: sl, service_level_answered: k.answered ? k.inSL / k.answered : 0,
        asa: k.answered ? k.waitSum / k.answered : 0, abandon_rate: k.offered ? k.abandoned / k.offered : 0,
        occupancy: logged ? busy / logged : 0, aht: k.handled ? k.handleSum / k.handled : 0 },
      minutes: [], events: [],
      alerts: [
        { name: 'service_level', active: k.offered > 20 && sl < this.cfg.target,
          detail: `service level ${(sl * 100).toFixed(1)}% within ${this.cfg.sl} s (target ${this.cfg.target * 100}%)` },
        { name: 'saturation', active: k.rejected > 0 && k.rejected / Math.max(1, k.offered) > 0.05,
          detail: `${k.rejected} of ${k.offered} calls rejected` },
        { name: 'error_rate', active: false, detail: 'not enough requests in the last minute' },
      ],
    };
    return msg;
  }
}

function round(x) { return Math.round(x * 1000) / 1000; }

class World {
  constructor(opts) {
    this.speed = opts.speed; this.paused = false; this.nextCall = 1;
    this.simBase = 0; this.wallBase = Date.now();
    const rand = rng(opts.seed);
    this.tenants = new Map(SCENARIOS[opts.scenario].map((c) => [c.name, new Tenant(c, rand, this)]));
    // --warmup S: start S simulated seconds in, so every panel has something to show
    this.simBase = opts.warmup || 0;
    for (const t of this.tenants.values()) t.advance(this.simBase, false);
  }
  now() { return this.simBase + (Date.now() - this.wallBase) / 1000 * this.speed; }
  setSpeed(s) { this.simBase = this.now(); this.wallBase = Date.now(); this.speed = s; }
  tick() { const n = this.now(); for (const t of this.tenants.values()) t.advance(n, this.paused); }
}

// ------------------------------------------------------------- http + ws
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

export function startMock(opts = {}) {
  opts = { ...parseArgs([]), ...opts };
  const world = new World(opts);
  const tenantKey = (name) => `tenant-key-${name}`;
  const auth = (key) => {
    if (key === opts.adminKey) return { admin: true };
    for (const name of world.tenants.keys()) if (key === tenantKey(name)) return { admin: false, tenant: name };
    return null;
  };
  const json = (res, code, body) => {
    res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const readBody = (req) => new Promise((resolve) => {
    let s = ''; req.on('data', (d) => { s += d; }); req.on('end', () => { try { resolve(JSON.parse(s || '{}')); } catch { resolve(null); } });
  });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const p = url.pathname;
    if (p.startsWith('/api/')) {
      const who = auth(req.headers['x-api-key']);
      if (!who) return json(res, 401, { error: 'unauthorized', detail: 'missing or unknown API key' });
      world.tick();
      if (p === '/api/tenants' && req.method === 'GET') {
        const list = [...world.tenants.values()].filter((t) => who.admin || t.name === who.tenant)
          .map((t) => ({ name: t.name, agents: t.agents.size, call_types: t.cfg.types.map((x) => x.name) }));
        return json(res, 200, list);
      }
      if (p === '/api/control') {
        // like ccsim: any key may read, only the admin key may change
        if (req.method === 'POST') {
          if (!who.admin) return json(res, 403, { error: 'forbidden', detail: 'this needs the admin key' });
          const b = await readBody(req);
          if (!b) return json(res, 400, { error: 'bad_json', detail: 'body is not JSON' });
          if (typeof b.paused !== 'boolean' && typeof b.speed !== 'number')
            return json(res, 400, { error: 'missing_field', detail: 'give "paused" (true/false) and/or "speed"' });
          if (typeof b.paused === 'boolean') world.paused = b.paused;
          if (typeof b.speed === 'number') {
            if (!(b.speed > 0 && b.speed <= 1000)) return json(res, 400, { error: 'bad_speed', detail: 'speed in (0, 1000]' });
            world.setSpeed(b.speed);
          }
        }
        return json(res, 200, { paused: world.paused, speed: world.speed });
      }
      const k = p.match(/^\/api\/tenants\/([^/]+)\/keys$/);
      if (k && req.method === 'POST') {
        if (!who.admin) return json(res, 403, { error: 'forbidden', detail: 'this needs the admin key' });
        const t = world.tenants.get(decodeURIComponent(k[1]));
        if (!t) return json(res, 404, { error: 'unknown_tenant', detail: k[1] });
        return json(res, 201, { tenant: t.name, api_key: tenantKey(t.name) });
      }
      const m = p.match(/^\/api\/tenants\/([^/]+)\/agents\/(\d+)\/state$/);
      if (m && req.method === 'POST') {
        const t = world.tenants.get(decodeURIComponent(m[1]));
        if (!t) return json(res, 404, { error: 'unknown_tenant', detail: m[1] });
        if (!who.admin && who.tenant !== t.name) return json(res, 403, { error: 'forbidden', detail: 'other tenant' });
        const b = await readBody(req);
        if (!b) return json(res, 400, { error: 'bad_json', detail: 'body is not JSON' });
        const [code, body] = t.command(Number(m[2]), b, world.now());
        return json(res, code, body);
      }
      return json(res, 404, { error: 'not_found', detail: p });
    }
    // static
    let rel = decodeURIComponent(p === '/' ? '/index.html' : p);
    const file = path.resolve(uiRoot, '.' + rel);
    if (!file.startsWith(uiRoot + path.sep)) { res.writeHead(403); return res.end(); }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }); return res.end('not found'); }
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(data);
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname !== '/ws') { socket.destroy(); return; }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const who = auth(url.searchParams.get('key'));
      const t = world.tenants.get(url.searchParams.get('tenant'));
      const fail = (error, detail) => { ws.send(JSON.stringify({ type: 'error', error, detail })); ws.close(1008, error); };
      if (!who) return fail('unauthorized', 'missing or unknown API key');
      if (!t) return fail('unknown_tenant', `no tenant ${url.searchParams.get('tenant')}`);
      if (!who.admin && who.tenant !== t.name) return fail('forbidden', 'key is not for this tenant');
      world.tick();
      const snap = t.message('snapshot', world.now());
      snap.agents = [...t.agents.values()].map((a) => t.agentJson(a));
      snap.minutes = t.minutes.map((b) => ({ ...b }));
      snap.events = t.events.slice(-50);
      ws.send(JSON.stringify(snap));
      let lastSeq = t.seq;
      let sentAgents = new Map(snap.agents.map((a) => [a.id, JSON.stringify(a)]));
      const timer = setInterval(() => {
        world.tick();
        const u = t.message('update', world.now());
        for (const a of t.agents.values()) {
          const j = t.agentJson(a), s = JSON.stringify(j);
          if (sentAgents.get(a.id) !== s) { u.agents.push(j); sentAgents.set(a.id, s); }
        }
        u.removed_agents = [];
        u.minutes = t.minutes.slice(-2).map((b) => ({ ...b }));
        u.events = t.events.filter((e) => e.seq > lastSeq);
        lastSeq = t.seq;
        ws.send(JSON.stringify(u));
      }, 250);
      ws.on('close', () => clearInterval(timer));
    });
  });

  // keep the world moving even without clients
  const tick = setInterval(() => world.tick(), 100);
  return new Promise((resolve) => {
    server.listen(opts.port, '127.0.0.1', () => {
      const port = server.address().port;
      resolve({ port, url: `http://127.0.0.1:${port}`, adminKey: opts.adminKey, world,
        close: () => new Promise((r) => { clearInterval(tick); for (const c of wss.clients) c.terminate(); server.close(() => r()); }) });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const m = await startMock(opts);
  console.log(`admin key: ${m.adminKey}`);
  console.log(`listening on ${m.url}`);
}
