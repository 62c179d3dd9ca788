// ccsim wallboard. Plain script, no framework, no build step.
//
// Talks to `ccsim serve`: REST for tenants and controls (X-Api-Key header),
// a WebSocket at /ws for a snapshot and then ~4 updates per second.
// Rendering updates existing DOM nodes in place (nothing is rebuilt on every
// message), so nothing flickers; time-in-state and wait counters tick locally
// between messages from an estimate of the simulated clock.
(function () {
  'use strict';

  const I18N = window.CCSIM_I18N || { en: {} };
  const EVENT_KINDS = window.CCSIM_EVENT_KINDS || {};
  const STATES = ['available', 'reserved', 'on_call', 'wrap_up', 'break', 'offline'];
  const SPEEDS = [0.5, 1, 2, 5, 10, 20, 50, 100];
  const MAX_EVENTS = 60;
  const CHART_MINUTES = 60;
  const STALL_MS = 5000;
  // Dispatcher bookkeeping that says nothing to a supervisor: not in the ticker.
  const TICKER_HIDDEN = new Set(['agent_ready', 'agent_withdrawn']);
  // Agent moves that only follow a call (assigned, answered, ended, wrap-up
  // over) repeat the call events: the tile shows them. Breaks, logins and
  // logouts stay in the ticker.
  const CALL_FLOW_MOVE = /(^|[\s:])(available|reserved|on_call|wrap_up)\s*->\s*(available|reserved|on_call|wrap_up)\s*$/;
  const shownInTicker = (e) => !TICKER_HIDDEN.has(e.kind) &&
    !(e.kind === 'agent_state_changed' && CALL_FLOW_MOVE.test(String(e.text || '')));
  // Time in state (s) after which a tile is marked as long (red outline).
  const LONG_STATE_S = { reserved: 30, on_call: 900, wrap_up: 120, break: 900 };

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  const SVGNS = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs) => {
    const e = document.createElementNS(SVGNS, tag);
    if (attrs) for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  };
  const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };
  const setAttr = (node, name, value) => { if (node.getAttribute(name) !== value) node.setAttribute(name, value); };
  const num = (v) => (typeof v === 'number' && isFinite(v) ? v : null);

  // ------------------------------------------------------------- settings
  const params = new URLSearchParams(location.search);
  const store = {
    get(k) { try { return sessionStorage.getItem('ccsim.' + k); } catch (e) { return null; } },
    set(k, v) { try { if (v == null) sessionStorage.removeItem('ccsim.' + k); else sessionStorage.setItem('ccsim.' + k, v); } catch (e) { /* private mode */ } },
    getLocal(k) { try { return localStorage.getItem('ccsim.' + k); } catch (e) { return null; } },
    setLocal(k, v) { try { localStorage.setItem('ccsim.' + k, v); } catch (e) { /* private mode */ } },
  };

  function pickLanguage() {
    const supported = Object.keys(I18N);
    const norm = (l) => (l || '').toLowerCase().split(/[-_]/)[0];
    const fromUrl = norm(params.get('lang'));
    if (supported.includes(fromUrl)) return fromUrl;
    const saved = norm(store.getLocal('lang'));
    if (supported.includes(saved)) return saved;
    const nav = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]);
    for (const l of nav) if (supported.includes(norm(l))) return norm(l);
    return 'en';
  }

  // ------------------------------------------------------------- state
  const S = {
    lang: pickLanguage(),
    key: null,
    tenant: null,
    tenants: [],
    admin: false,
    // simulated clock estimate: now = base + (perf - wall) / 1000 * rate
    clock: { base: null, wall: 0, rate: 1, shown: null },
    speed: 1,
    paused: false,
    slThreshold: 20,
    slTarget: 0.8,
    agents: new Map(),        // id -> {data, tile refs}
    queues: [],
    queueRows: new Map(),     // call_type -> refs
    queueMsgWall: 0,
    kpis: {},
    minutes: new Map(),       // start_s -> bucket
    lastSeq: -1,
    alerts: [],
    received: 0,
  };

  // ------------------------------------------------------------- i18n
  function t(key, vars) {
    let s = (I18N[S.lang] && I18N[S.lang][key]);
    if (s == null) s = (I18N.en && I18N.en[key]);
    if (s == null) s = key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] != null ? vars[k] : m));
    return s;
  }
  let nf0, nf1, pf0;
  function makeFormats() {
    nf0 = new Intl.NumberFormat(S.lang, { maximumFractionDigits: 0 });
    nf1 = new Intl.NumberFormat(S.lang, { maximumFractionDigits: 1 });
    pf0 = new Intl.NumberFormat(S.lang, { style: 'percent', maximumFractionDigits: 0 });
  }
  makeFormats();
  const fmtInt = (v) => (num(v) == null ? '—' : nf0.format(v));
  const fmtPct = (v) => (num(v) == null ? '—' : pf0.format(v));
  function fmtDur(s) { // 0:42, 12:05, 1:02:03
    if (num(s) == null) return '—';
    s = Math.max(0, Math.floor(s));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    const p2 = (x) => String(x).padStart(2, '0');
    return h ? `${h}:${p2(m)}:${p2(sec)}` : `${m}:${p2(sec)}`;
  }
  function fmtClock(s) {
    if (num(s) == null) return '--:--:--';
    s = Math.max(0, Math.floor(s));
    const p2 = (x) => String(x).padStart(2, '0');
    return `${p2(Math.floor(s / 3600))}:${p2(Math.floor((s % 3600) / 60))}:${p2(s % 60)}`;
  }
  function fmtSecs(s) { // ASA-like: "12 s" below two minutes, else m:ss
    if (num(s) == null) return '—';
    return s < 120 ? `${nf0.format(Math.round(s))} s` : fmtDur(s);
  }
  function humanize(name) { return String(name || '').replace(/_/g, ' '); }
  function stateLabel(st) { return I18N[S.lang] && I18N[S.lang]['state.' + st] ? t('state.' + st) : humanize(st); }

  function applyLanguage() {
    makeFormats();
    document.documentElement.lang = S.lang;
    for (const n of document.querySelectorAll('[data-i18n]')) setText(n, t(n.dataset.i18n));
    for (const n of document.querySelectorAll('[data-i18n-title]')) n.title = t(n.dataset.i18nTitle);
    for (const b of document.querySelectorAll('.lang-switch button')) b.setAttribute('aria-pressed', String(b.dataset.lang === S.lang));
    document.title = `ccsim · ${t('app.title')}${S.tenant ? ' · ' + S.tenant : ''}`;
    renderAll();
    renderConn();
  }
  function setLanguage(lang) {
    if (!I18N[lang] || lang === S.lang) return;
    S.lang = lang;
    store.setLocal('lang', lang);
    const u = new URL(location.href);
    if (u.searchParams.has('lang')) { u.searchParams.set('lang', lang); history.replaceState(null, '', u); }
    applyLanguage();
  }

  // ------------------------------------------------------------- clock
  // The simulated clock advances at `speed` between messages. Shown values
  // never step back by small amounts (network jitter), but a big correction
  // (speed change, reconnect) is taken as it is.
  function onServerTime(nowS, speed) {
    const wall = performance.now();
    const c = S.clock;
    if (c.base != null && wall - c.wall > 150) {
      // A server that freezes the clock while paused: follow what it does.
      c.rate = nowS === c.base ? 0 : speed;
    } else c.rate = speed;
    c.base = nowS;
    c.wall = wall;
  }
  function simNow() {
    const c = S.clock;
    if (c.base == null) return null;
    let v = c.base + ((performance.now() - c.wall) / 1000) * c.rate;
    if (c.shown != null && v < c.shown && c.shown - v < Math.max(2, 2 * S.speed)) v = c.shown;
    c.shown = v;
    return v;
  }

  // ------------------------------------------------------------- REST
  async function api(method, path, body) {
    const opts = { method, headers: { 'X-Api-Key': S.key || '' }, cache: 'no-store' };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    const res = await fetch(path, opts);
    let data = null;
    try { data = await res.json(); } catch (e) { /* empty or not JSON */ }
    return { status: res.status, ok: res.ok, data };
  }

  let toastTimer = 0;
  function toast(msg) {
    const n = $('toast');
    n.textContent = msg;
    n.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { n.hidden = true; }, 5000);
  }

  // ------------------------------------------------------------- sign-in
  function showSignin(errorKey) {
    closeSocket();
    setConn('offline');
    $('signin').hidden = false;
    $('signin-key').value = S.key || '';
    $('signin-tenant').value = S.tenant || params.get('tenant') || '';
    const err = $('signin-error');
    err.hidden = !errorKey;
    if (errorKey) { err.dataset.i18n = errorKey; err.textContent = t(errorKey); } else delete err.dataset.i18n;
    setTimeout(() => $('signin-key').focus(), 0);
  }

  $('signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    S.key = $('signin-key').value.trim();
    const ten = $('signin-tenant').value.trim();
    store.set('key', S.key);
    if (ten) { S.tenant = ten; store.set('tenant', ten); }
    $('signin').hidden = true;
    start();
  });

  $('signout').addEventListener('click', () => {
    store.set('key', null);
    S.key = null;
    closeSocket();
    resetBoard();
    showSignin(null);
  });

  // ------------------------------------------------------------- start-up
  let startRetry = 0, startTimer = 0;
  async function start() {
    clearTimeout(startTimer);
    if (!S.key) { showSignin(null); return; }
    setConn('connecting');
    let r;
    try {
      r = await api('GET', '/api/tenants');
    } catch (e) {
      // server not reachable: retry with back-off like the socket does
      scheduleRetry(start);
      return;
    }
    if (r.status === 401) { showSignin('signin.badKey'); return; }
    let names = [];
    if (r.ok && Array.isArray(r.data)) {
      names = r.data.map((x) => (typeof x === 'string' ? x : x && x.name)).filter(Boolean);
    }
    const wanted = S.tenant || params.get('tenant') || store.get('tenant');
    if (!names.length && wanted) names = [wanted];
    if (!names.length) { showSignin('signin.needTenant'); return; }
    S.tenants = names;
    S.tenant = names.includes(wanted) ? wanted : (r.ok ? names[0] : wanted);
    if (!S.tenants.includes(S.tenant)) S.tenants.unshift(S.tenant);
    store.set('tenant', S.tenant);
    fillTenantSelect();

    S.admin = await probeAdmin(r.ok ? names.length : 0);
    $('controls').hidden = !S.admin;
    startRetry = 0;
    applyLanguage();
    connect();
  }

  // Controls are for the admin key only. GET /api/control may answer any key,
  // so: a "can_control" flag if the server sends one; else a key that lists
  // several tenants is the admin's; else ask POST /api/control with an empty
  // body, which changes nothing (admin: 400/422 "give paused or speed",
  // tenant key: 403).
  async function probeAdmin(listed) {
    try {
      const c = await api('GET', '/api/control');
      if (!c.ok) return false;
      if (c.data) applyControl(c.data);
      if (c.data && typeof c.data.can_control === 'boolean') return c.data.can_control;
      if (listed > 1) return true;
      const p = await api('POST', '/api/control', {});
      return p.status !== 401 && p.status !== 403;
    } catch (e) {
      return false;
    }
  }

  function fillTenantSelect() {
    const sel = $('tenant-select');
    const have = [...sel.options].map((o) => o.value).join('\n');
    if (have !== S.tenants.join('\n')) {
      sel.textContent = '';
      for (const n of S.tenants) sel.appendChild(el('option', null, n)).value = n;
    }
    sel.value = S.tenant;
    sel.disabled = S.tenants.length < 2;
  }

  $('tenant-select').addEventListener('change', (e) => {
    const name = e.target.value;
    if (name === S.tenant) return;
    S.tenant = name;
    store.set('tenant', name);
    const u = new URL(location.href);
    u.searchParams.set('tenant', name);
    history.replaceState(null, '', u);
    document.title = `ccsim · ${t('app.title')} · ${name}`;
    closeSocket();
    resetBoard();
    connect();
  });

  // ------------------------------------------------------------- controls
  function applyControl(c) {
    if (typeof c.paused === 'boolean') S.paused = c.paused;
    if (num(c.speed) != null) S.speed = c.speed;
    renderControls();
  }
  function renderControls() {
    const btn = $('pause-btn');
    setAttr(btn, 'data-paused', String(S.paused));
    const lab = $('pause-label');
    lab.dataset.i18n = S.paused ? 'resume' : 'pause';
    setText(lab, t(lab.dataset.i18n));
    $('paused-banner').hidden = !S.paused;
    const sel = $('speed-select');
    const list = SPEEDS.includes(S.speed) ? SPEEDS : [...SPEEDS, S.speed].sort((a, b) => a - b);
    const want = list.join(',');
    if (sel.dataset.list !== want) {
      sel.textContent = '';
      for (const v of list) sel.appendChild(el('option', null, `×${nf1.format(v)}`)).value = String(v);
      sel.dataset.list = want;
    }
    if (document.activeElement !== sel) sel.value = String(S.speed);
    setText($('speed-badge'), `×${nf1.format(S.speed)}`);
  }
  async function postControl(body) {
    try {
      const r = await api('POST', '/api/control', body);
      if (r.ok) { if (r.data) applyControl(r.data); return; }
      if (r.status === 403 || r.status === 401) { S.admin = false; $('controls').hidden = true; }
      toast(t('control.failed', { detail: (r.data && (r.data.detail || r.data.error)) || r.status }));
    } catch (e) {
      toast(t('control.failed', { detail: e.message }));
    }
    renderControls();
  }
  $('pause-btn').addEventListener('click', () => postControl({ paused: !S.paused }));
  $('speed-select').addEventListener('change', (e) => postControl({ speed: Number(e.target.value) }));

  for (const b of document.querySelectorAll('.lang-switch button')) {
    b.addEventListener('click', () => setLanguage(b.dataset.lang));
  }

  // ------------------------------------------------------------- socket
  let ws = null, attempt = 0, retryTimer = 0, retryAt = 0, lastMsgWall = 0, connState = 'connecting', connDetail = '';

  function wsUrl() {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${location.host}/ws?tenant=${encodeURIComponent(S.tenant)}&key=${encodeURIComponent(S.key)}`;
  }

  function connect() {
    clearTimeout(retryTimer);
    closeSocket();
    setConn('connecting');
    let sock;
    try { sock = new WebSocket(wsUrl()); } catch (e) { scheduleReconnect(); return; }
    ws = sock;
    let fatal = false;
    sock.onmessage = (ev) => {
      if (ws !== sock) return;
      let msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      lastMsgWall = performance.now();
      if (msg.type === 'error') {
        fatal = handleServerError(msg);
        return;
      }
      if (msg.type === 'snapshot') {
        applySnapshot(msg);
        attempt = 0;
        setConn('live');
      } else if (msg.type === 'update') {
        if (S.clock.base == null) return; // an update before any snapshot: ignore
        applyUpdate(msg);
        if (connState !== 'live') setConn('live');
      }
    };
    sock.onclose = () => {
      if (ws !== sock) return;
      ws = null;
      if (fatal) return;
      scheduleReconnect();
    };
    sock.onerror = () => { /* onclose follows */ };
  }

  function closeSocket() {
    if (ws) {
      const s = ws;
      ws = null;
      s.onmessage = s.onclose = s.onerror = null;
      try { s.close(); } catch (e) { /* already closed */ }
    }
  }

  // Returns true when reconnecting makes no sense (bad key, unknown tenant).
  function handleServerError(msg) {
    const code = String(msg.error || '');
    const detail = msg.detail || code;
    if (/forbidden/i.test(code)) {
      showSignin('signin.forbidden');
      return true;
    }
    if (/unauth|api_key|bad_key|invalid_key/i.test(code)) {
      showSignin('signin.badKey');
      return true;
    }
    if (/tenant/i.test(code)) {
      setConn('error', detail);
      // maybe the list changed: reload it (and the selector) after a while
      scheduleRetry(start);
      return true;
    }
    connDetail = detail;
    return false;
  }

  function backoffMs(n) {
    const base = Math.min(30000, 1000 * Math.pow(2, n));
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }
  function scheduleReconnect() {
    const delay = backoffMs(attempt++);
    retryAt = performance.now() + delay;
    setConn('reconnecting');
    clearTimeout(retryTimer);
    retryTimer = setTimeout(async () => {
      // A socket refused at the handshake gives no reason: ask the REST API
      // whether the key is still good before trying again.
      try {
        const r = await api('GET', '/api/tenants');
        if (r.status === 401) { showSignin('signin.badKey'); return; }
      } catch (e) { scheduleReconnect(); return; }
      connect();
    }, delay);
  }
  function scheduleRetry(fn) {
    const delay = backoffMs(startRetry++);
    retryAt = performance.now() + delay;
    if (connState !== 'error') setConn('reconnecting');
    clearTimeout(startTimer);
    startTimer = setTimeout(fn, delay);
  }

  function setConn(state, detail) {
    connState = state;
    if (detail != null) connDetail = detail;
    renderConn();
  }
  function renderConn() {
    const n = $('conn');
    let text;
    let state = connState;
    const now = performance.now();
    if (state === 'live' && lastMsgWall && now - lastMsgWall > STALL_MS) state = 'stalled';
    switch (state) {
      case 'live': text = t('conn.live'); break;
      case 'stalled': text = t('conn.stalled', { s: Math.floor((now - lastMsgWall) / 1000) }); break;
      case 'reconnecting': text = t('conn.reconnecting', { s: Math.max(0, Math.ceil((retryAt - now) / 1000)) }); break;
      case 'error': text = t('conn.error', { detail: connDetail }); break;
      case 'offline': text = t('conn.offline'); break;
      default: text = t('conn.connecting');
    }
    setAttr(n, 'data-conn', state);
    setAttr(document.body, 'data-conn', state); // the board dims while its data is stale
    setText($('conn-text'), text);
    const title = state === 'reconnecting' || state === 'error' ? t('conn.retryNow') : '';
    if (n.title !== title) n.title = title;
  }
  $('conn').addEventListener('click', () => {
    if (connState === 'reconnecting' || connState === 'error') {
      attempt = 0;
      clearTimeout(startTimer);
      if (connState === 'error' || !S.tenants.length) start(); else connect();
    }
  });
  window.addEventListener('online', () => { if (connState === 'reconnecting') { attempt = 0; connect(); } });

  // ------------------------------------------------------------- messages
  function applyCommon(m) {
    if (num(m.speed) != null) S.speed = m.speed;
    if (typeof m.paused === 'boolean') S.paused = m.paused;
    if (num(m.now_s) != null) onServerTime(m.now_s, S.speed);
    if (num(m.service_level_threshold_s) != null) S.slThreshold = m.service_level_threshold_s;
    if (num(m.service_level_target) != null) S.slTarget = m.service_level_target;
    if (Array.isArray(m.queues)) { S.queues = m.queues; S.queueMsgWall = performance.now(); }
    if (m.kpis) S.kpis = m.kpis;
    if (Array.isArray(m.alerts)) S.alerts = m.alerts;
    if (Array.isArray(m.minutes)) for (const b of m.minutes) if (b && num(b.start_s) != null) S.minutes.set(b.start_s, b);
    // keep the chart's window (and a little more)
    if (S.minutes.size > CHART_MINUTES + 5) {
      const keys = [...S.minutes.keys()].sort((a, b) => a - b);
      for (const k of keys.slice(0, keys.length - CHART_MINUTES - 5)) S.minutes.delete(k);
    }
    S.received++;
  }

  function applySnapshot(m) {
    resetBoard(true);
    S.clock.shown = null;
    applyCommon(m);
    for (const a of m.agents || []) upsertAgent(a, false);
    sortAgentTiles();
    addEvents(m.events || [], false);
    renderAll();
    layoutAgents();
  }

  function applyUpdate(m) {
    applyCommon(m);
    let added = false;
    for (const a of m.agents || []) added = upsertAgent(a, true) || added;
    for (const id of m.removed_agents || []) removeAgent(id);
    if (added) { sortAgentTiles(); layoutAgents(); }
    addEvents(m.events || [], true);
    renderAll();
  }

  function resetBoard(keepConn) {
    S.agents.clear();
    $('agent-grid').textContent = '';
    S.queues = [];
    S.queueRows.clear();
    $('queues').textContent = '';
    S.minutes.clear();
    S.kpis = {};
    S.alerts = [];
    S.lastSeq = -1;
    $('events').textContent = '';
    S.clock.base = null;
    S.clock.shown = null;
    if (!keepConn) lastMsgWall = 0;
    renderAll();
  }

  // ------------------------------------------------------------- agents
  const PHONE_ICON = 'M3.6 1.5 5.7 1l1.2 3-1.5 1.2a8 8 0 0 0 4.4 4.4l1.2-1.5 3 1.2-.5 2.1c-.2.7-.8 1.1-1.5 1.1C6.3 12.4 2.6 8.7 2.5 3c0-.7.4-1.3 1.1-1.5z';

  function makeTile(id) {
    const tile = el('div', 'agent');
    tile.dataset.agentId = String(id);
    const refs = {
      tile,
      name: el('span', 'a-name'),
      type: el('span', 'a-type'),
      state: el('span', 'a-state'),
      time: el('span', 'a-time'),
      detail: el('span', 'a-detail'),
      handled: el('span', 'a-handled'),
      handledN: el('span'),
    };
    const icon = svg('svg', { class: 'icon', viewBox: '0 0 16 16', 'aria-hidden': 'true' });
    icon.appendChild(svg('path', { d: PHONE_ICON }));
    refs.handled.append(icon, refs.handledN);
    tile.append(refs.name, refs.type, refs.state, refs.time, refs.detail, refs.handled);
    return refs;
  }

  // Returns true when the agent is new.
  function upsertAgent(a, animate) {
    if (!a || a.id == null) return false;
    let rec = S.agents.get(a.id);
    const isNew = !rec;
    if (isNew) {
      rec = { data: {}, refs: makeTile(a.id) };
      S.agents.set(a.id, rec);
      $('agent-grid').appendChild(rec.refs.tile);
    }
    const prevState = rec.data.state;
    rec.data = Object.assign({}, rec.data, a);
    renderAgent(rec);
    if (animate && !isNew && prevState !== rec.data.state) {
      const tile = rec.refs.tile;
      tile.classList.remove('flash');
      void tile.offsetWidth; // restart the animation
      tile.classList.add('flash');
    }
    return isNew;
  }
  function removeAgent(id) {
    const rec = S.agents.get(id);
    if (!rec) return;
    rec.refs.tile.remove();
    S.agents.delete(id);
    layoutAgents();
  }
  function sortAgentTiles() {
    const recs = [...S.agents.entries()].sort((x, y) => {
      const a = x[0], b = y[0];
      return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
    });
    const grid = $('agent-grid');
    let prev = null;
    for (const [, rec] of recs) {
      const want = prev ? prev.nextSibling : grid.firstChild;
      if (want !== rec.refs.tile) grid.insertBefore(rec.refs.tile, want);
      prev = rec.refs.tile;
    }
  }

  function renderAgent(rec) {
    const a = rec.data, r = rec.refs;
    const st = STATES.includes(a.state) ? a.state : 'offline';
    const keep = ['long', 'flash', 'pending'].filter((c) => r.tile.classList.contains(c));
    const cls = [`agent`, `s-${st}`, ...keep].join(' ');
    if (r.tile.className !== cls) r.tile.className = cls;
    setAttr(r.tile, 'data-state', String(a.state));
    setText(r.name, a.name || `#${a.id}`);
    setText(r.type, a.type ? humanize(a.type) : '');
    setText(r.state, stateLabel(a.state));
    let detail;
    if (a.state === 'break') detail = a.break_reason ? humanize(a.break_reason) : '';
    else if (a.call != null && (a.state === 'on_call' || a.state === 'reserved' || a.state === 'wrap_up')) detail = t('agents.call', { id: `#${a.call}` });
    else detail = '';
    // a break or logout asked for while busy: it starts when the call ends
    const pending = a.pending_break ? t('agents.pendingBreak') : a.pending_logout ? t('agents.pendingLogout') : '';
    if (pending) detail = detail ? `${pending} · ${detail}` : pending;
    r.tile.classList.toggle('pending', !!pending);
    setText(r.detail, detail);
    setText(r.handledN, fmtInt(a.calls_handled));
    if (r.handled.title !== t('agents.handled')) r.handled.title = t('agents.handled');
    r.tile.title = `${a.name || a.id} · ${humanize(a.type || '')} · ${stateLabel(a.state)}${detail ? ' · ' + detail : ''}`;
    tickAgent(rec, simNow());
  }
  function tickAgent(rec, now) {
    const a = rec.data, r = rec.refs;
    if (now == null || num(a.state_since_s) == null) { setText(r.time, '—'); return; }
    const inState = Math.max(0, now - a.state_since_s);
    setText(r.time, fmtDur(inState));
    const lim = LONG_STATE_S[a.state];
    const long = lim != null && inState > lim;
    if (r.tile.classList.contains('long') !== long) r.tile.classList.toggle('long', long);
  }

  // Chooses columns and tile size so that every tile fits the panel when it can.
  let lastLayout = '';
  function layoutAgents() {
    const grid = $('agent-grid');
    const n = S.agents.size;
    $('agents-empty').hidden = n > 0 || S.clock.base == null;
    const W = grid.clientWidth, H = grid.clientHeight;
    if (!W || !H || !n) return;
    const gap = Math.max(5, Math.round(W / 260));
    const ratio = 0.62; // preferred tile height / width
    const minW = 90, maxW = 340, minH = 56;
    let best = null, densest = null;
    for (let cols = 1; cols <= n; cols++) {
      const w = (W - gap * (cols - 1)) / cols;
      if (w > maxW && cols < n) continue;
      if (w < minW) break;
      const rows = Math.ceil(n / cols);
      const hFit = (H - gap * (rows - 1)) / rows;
      const h = Math.max(minH, Math.min(w * ratio, hFit));
      const cand = { cols, rows, w, h, hFit, fits: hFit >= minH, score: Math.min(w, h / ratio) };
      if (cand.fits && (!best || cand.score > best.score)) best = cand;
      densest = cand;
    }
    if (best) {
      best.h = Math.min(best.w * 0.85, best.hFit); // fill the panel's height
    } else if (densest) {
      best = densest; // too many to fit: smallest tiles, the panel scrolls
    } else {
      const cols = Math.max(1, Math.floor((W + gap) / (minW + gap)));
      best = { cols, w: (W - gap * (cols - 1)) / cols, h: minH };
    }
    const fs = Math.max(11, Math.min(22, Math.min(best.w / 12.5, best.h / 6.2)));
    const key = `${best.cols}|${Math.round(best.h)}|${fs.toFixed(1)}|${gap}`;
    if (key === lastLayout) return;
    lastLayout = key;
    grid.style.setProperty('--cols', best.cols);
    grid.style.setProperty('--tile-h', `${Math.floor(best.h)}px`);
    grid.style.setProperty('--tile-fs', `${fs.toFixed(1)}px`);
    grid.style.setProperty('--tile-gap', `${gap}px`);
    grid.classList.toggle('compact', best.w < 150 || best.h < 84);
  }
  if (window.ResizeObserver) new ResizeObserver(() => layoutAgents()).observe($('agent-grid'));
  else window.addEventListener('resize', layoutAgents);

  function renderLegend() {
    const ul = $('state-legend');
    const counts = Object.fromEntries(STATES.map((s) => [s, 0]));
    for (const { data } of S.agents.values()) counts[STATES.includes(data.state) ? data.state : 'offline']++;
    if (!ul.childElementCount) {
      for (const s of STATES) {
        const li = el('li', `st st-${s}`);
        li.dataset.state = s;
        li.append(el('span', 'swatch'), el('span', 'lbl'), el('span', 'n'));
        ul.appendChild(li);
      }
    }
    for (const li of ul.children) {
      const s = li.dataset.state;
      setText(li.querySelector('.lbl'), stateLabel(s));
      setText(li.querySelector('.n'), fmtInt(counts[s]));
      li.classList.toggle('zero', counts[s] === 0);
    }
    const logged = S.agents.size - counts.offline;
    setText($('agents-count'), S.agents.size ? `${fmtInt(logged)} / ${fmtInt(S.agents.size)}` : '');
    return { counts, logged };
  }

  // ------------------------------------------------------------- KPIs
  function level(v, good, warn, higherIsBetter) {
    if (num(v) == null) return 'none';
    if (higherIsBetter) return v >= good ? 'good' : v >= warn ? 'warn' : 'bad';
    return v <= good ? 'good' : v <= warn ? 'warn' : 'bad';
  }
  function kpi(id, value, sub, lvl) {
    const card = $(id);
    setText(card.querySelector('.kpi-value'), value);
    setText(card.querySelector('.kpi-sub'), sub || '\u00a0');
    setAttr(card, 'data-level', lvl || 'none');
  }

  function renderKpis(agentStats) {
    const k = S.kpis || {};
    const have = S.clock.base != null;
    // service level gauge
    const sl = have && k.offered ? num(k.service_level) : null; // no calls yet: no service level
    const card = $('kpi-sl');
    const target = S.slTarget;
    const lvl = sl == null || !k.offered ? 'none' : level(sl, target, target - 0.1, true);
    setAttr(card, 'data-level', lvl);
    const pct = sl == null ? 0 : Math.max(0, Math.min(1, sl)) * 100;
    setAttr($('gauge-value'), 'stroke-dasharray', `${pct.toFixed(2)} 100`);
    setText($('gauge-number'), sl == null ? '—' : fmtPct(sl));
    // target tick on the arc: centre (110,112), radius 90, angle pi..0
    const ang = Math.PI * (1 - Math.max(0, Math.min(1, target)));
    const x1 = 110 + 74 * Math.cos(ang), y1 = 112 - 74 * Math.sin(ang);
    const x2 = 110 + 106 * Math.cos(ang), y2 = 112 - 106 * Math.sin(ang);
    const tg = $('gauge-target');
    setAttr(tg, 'x1', x1.toFixed(1)); setAttr(tg, 'y1', y1.toFixed(1));
    setAttr(tg, 'x2', x2.toFixed(1)); setAttr(tg, 'y2', y2.toFixed(1));
    setText($('sl-target'), t('kpi.slTarget', { target: fmtPct(target), s: fmtInt(S.slThreshold) }));
    setText($('sl-answered'), have && num(k.service_level_answered) != null ? t('kpi.slAnswered', { v: fmtPct(k.service_level_answered) }) : '\u00a0');

    const waiting = have ? S.queues.reduce((s, q) => s + (num(q.waiting) || 0), 0) : null;
    kpi('kpi-waiting', fmtInt(waiting), have ? t('kpi.inSystem', { v: fmtInt(k.in_system) }) : '',
      waiting == null ? 'none' : waiting === 0 ? 'good' : level(waiting, 2, 8, false));

    tickLongest();

    const { counts, logged } = agentStats;
    kpi('kpi-avail', have ? fmtInt(counts.available) : '—', have ? t('kpi.loggedIn', { v: fmtInt(logged) }) : '',
      !have ? 'none' : counts.available > 0 ? 'good' : waiting > 0 ? 'bad' : 'warn');
    kpi('kpi-offered', have ? fmtInt(k.offered) : '—', have && k.rejected ? t('kpi.rejected', { v: fmtInt(k.rejected) }) : '', 'none');
    kpi('kpi-answered', have ? fmtInt(k.answered) : '—', have ? t('kpi.asaSub', { v: fmtSecs(k.asa) }) : '', 'none');
    kpi('kpi-abandoned', have ? fmtInt(k.abandoned) : '—', have ? t('kpi.abandonRate', { v: fmtPct(k.abandon_rate) }) : '',
      have ? level(k.abandon_rate, 0.03, 0.08, false) : 'none');
    kpi('kpi-occupancy', have ? fmtPct(k.occupancy) : '—', have ? t('kpi.aht', { v: fmtDur(k.aht) }) : '',
      have ? (k.occupancy > 0.95 ? 'bad' : k.occupancy > 0.9 ? 'warn' : 'none') : 'none');
  }

  // Longest wait: server value plus the time since that message (while calls wait).
  function queueElapsed() {
    if (!S.queueMsgWall || S.clock.base == null) return 0;
    return ((performance.now() - S.queueMsgWall) / 1000) * S.clock.rate;
  }
  function tickLongest() {
    const have = S.clock.base != null;
    let longest = null;
    if (have) {
      const extra = queueElapsed();
      longest = 0;
      for (const q of S.queues) if ((q.waiting || 0) > 0) longest = Math.max(longest, (num(q.oldest_wait_s) || 0) + extra);
    }
    kpi('kpi-longest', longest == null ? '—' : fmtDur(longest), have ? t('kpi.threshold', { s: fmtInt(S.slThreshold) }) : '',
      longest == null ? 'none' : level(longest, S.slThreshold, 3 * S.slThreshold, false));
  }

  // ------------------------------------------------------------- alerts
  function renderAlerts() {
    const box = $('alerts');
    const active = (S.alerts || []).filter((a) => a && a.active);
    const want = active.length ? active.map((a) => a.name + '|' + (a.detail || '')).join('\n') : (S.clock.base != null ? 'ok' : '');
    const key = want + '|' + S.lang;
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    box.textContent = '';
    if (!active.length) {
      if (S.clock.base != null) box.appendChild(el('span', 'alert-chip ok', t('alerts.none')));
      return;
    }
    for (const a of active) {
      const label = I18N[S.lang] && I18N[S.lang]['alerts.' + a.name] ? t('alerts.' + a.name) : humanize(a.name);
      const chip = el('span', 'alert-chip', label);
      chip.title = a.detail || '';
      chip.dataset.alert = a.name;
      box.appendChild(chip);
    }
  }

  // ------------------------------------------------------------- queues
  function renderQueues() {
    const list = $('queues');
    const seen = new Set();
    let i = 0;
    for (const q of S.queues) {
      const name = String(q.call_type);
      seen.add(name);
      let r = S.queueRows.get(name);
      if (!r) {
        r = { row: el('div', 'queue-row') };
        r.row.dataset.callType = name;
        const main = el('div', 'q-main');
        r.name = el('span', 'q-name', humanize(name));
        r.waiting = el('span', 'q-waiting');
        r.longest = el('span', 'q-longest');
        r.sl = el('span', 'q-sl');
        r.asa = el('span', 'q-asa');
        main.append(r.name, r.waiting, r.longest, r.sl, r.asa);
        const foot = el('div', 'q-foot');
        r.dots = el('div', 'q-dots');
        r.more = el('span', 'q-more');
        r.counts = el('span', 'q-counts');
        foot.append(r.dots, r.counts);
        r.row.append(main, foot);
        S.queueRows.set(name, r);
      }
      if (list.children[i] !== r.row) list.insertBefore(r.row, list.children[i] || null);
      i++;
      r.q = q;
      const w = num(q.waiting) || 0;
      setText(r.waiting, fmtInt(w));
      r.waiting.classList.toggle('zero', w === 0);
      setText(r.sl, fmtPct(num(q.offered) ? q.service_level : null));
      setAttr(r.sl, 'data-level', num(q.offered) ? level(q.service_level, S.slTarget, S.slTarget - 0.1, true) : 'none');
      setText(r.asa, num(q.answered) ? fmtSecs(q.asa) : '—');
      setText(r.counts, t('queues.counts', { o: fmtInt(q.offered), a: fmtInt(q.answered), b: fmtInt(q.abandoned) }));
    }
    for (const [name, r] of S.queueRows) {
      if (!seen.has(name)) { r.row.remove(); S.queueRows.delete(name); }
    }
    tickQueues();
  }
  // Waiting-call dots and the longest wait tick locally.
  function tickQueues() {
    const extra = queueElapsed();
    const th = S.slThreshold || 20;
    for (const r of S.queueRows.values()) {
      const q = r.q;
      const w = num(q.waiting) || 0;
      const longest = w ? (num(q.oldest_wait_s) || 0) + extra : null;
      setText(r.longest, longest == null ? '—' : fmtDur(longest));
      setAttr(r.longest, 'data-level', longest == null ? 'none' : level(longest, th, 3 * th, false));
      // one dot per waiting call (oldest first), coloured by its wait
      const calls = Array.isArray(q.calls) && q.calls.length ? q.calls : null;
      const maxDots = Math.max(4, Math.floor((r.dots.clientWidth || 200) / 13) - 3);
      const shown = Math.min(w, maxDots);
      while (r.dots.childElementCount - (r.more.parentNode ? 1 : 0) > shown) {
        const last = r.more.parentNode ? r.more.previousSibling : r.dots.lastChild;
        last.remove();
      }
      while (r.dots.childElementCount - (r.more.parentNode ? 1 : 0) < shown) {
        r.dots.insertBefore(el('span', 'q-dot'), r.more.parentNode ? r.more : null);
      }
      const dots = r.dots.children;
      for (let i = 0; i < shown; i++) {
        const ws = calls && calls[i] ? (num(calls[i].wait_s) || 0) + extra : (longest || 0);
        const c = ws > 3 * th ? 'q-dot bad' : ws > th ? 'q-dot warn' : 'q-dot';
        if (dots[i].className !== c) dots[i].className = c;
      }
      if (w > shown) {
        setText(r.more, t('queues.more', { n: fmtInt(w - shown) }));
        if (!r.more.parentNode) r.dots.appendChild(r.more);
      } else if (r.more.parentNode) r.more.remove();
    }
  }

  // ------------------------------------------------------------- chart
  const chart = { svg: $('chart'), w: 0, h: 0, built: false, key: '' };
  function buildChart() {
    const s = chart.svg;
    s.textContent = '';
    chart.gGrid = svg('g', { class: 'grid' });
    chart.gAxis = svg('g', { class: 'axis' });
    chart.current = svg('rect', { class: 'current' });
    chart.gBars = svg('g', { class: 'offered' });
    chart.gAband = svg('g', { class: 'abandoned' });
    chart.answered = svg('path', { class: 'answered-line' });
    chart.gDots = svg('g', { class: 'answered-dots' });
    chart.empty = svg('text', { class: 'empty-text', 'text-anchor': 'middle' });
    s.append(chart.gGrid, chart.current, chart.gBars, chart.gAband, chart.answered, chart.gDots, chart.gAxis, chart.empty);
    chart.built = true;
  }
  function niceMax(v) {
    if (v <= 4) return 4;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }
  function renderChart() {
    if (!chart.built) buildChart();
    const box = $('chart-box');
    const W = box.clientWidth, H = box.clientHeight;
    if (!W || !H) return;
    if (W !== chart.w || H !== chart.h) {
      chart.w = W; chart.h = H;
      setAttr(chart.svg, 'viewBox', `0 0 ${W} ${H}`);
      chart.key = '';
    }
    const buckets = [...S.minutes.values()].sort((a, b) => a.start_s - b.start_s);
    const key = JSON.stringify(buckets.slice(-CHART_MINUTES)) + S.lang + W + 'x' + H;
    if (key === chart.key) return;
    chart.key = key;

    const padL = 34, padR = 8, padT = 8, padB = 22;
    const iw = W - padL - padR, ih = H - padT - padB;
    const last = buckets.length ? buckets[buckets.length - 1].start_s : 0;
    const first = last - (CHART_MINUTES - 1) * 60;
    const shown = buckets.filter((b) => b.start_s >= first);
    let maxV = 0;
    for (const b of shown) maxV = Math.max(maxV, b.offered || 0, b.answered || 0, b.abandoned || 0);
    const ymax = niceMax(maxV);
    const slot = iw / CHART_MINUTES;
    const xOf = (start) => padL + ((start - first) / 60 + 0.5) * slot;
    const yOf = (v) => padT + ih - (v / ymax) * ih;

    // grid + y labels
    chart.gGrid.textContent = '';
    chart.gAxis.textContent = '';
    const ticks = ymax % 4 === 0 ? 4 : 5;
    for (let i = 0; i <= ticks; i++) {
      const v = (ymax / ticks) * i;
      const y = Math.round(yOf(v)) + 0.5;
      chart.gGrid.appendChild(svg('line', { x1: padL, x2: W - padR, y1: y, y2: y, class: i === 0 ? 'base' : '' }));
      const tx = svg('text', { x: padL - 6, y: y + 4, 'text-anchor': 'end' });
      tx.textContent = nf0.format(v);
      chart.gAxis.appendChild(tx);
    }
    // x labels every 10 simulated minutes, "now" at the right
    if (buckets.length) {
      for (let s = Math.max(0, Math.ceil(first / 600) * 600); s <= last - 300; s += 600) {
        const tx = svg('text', { x: xOf(s), y: H - 5, 'text-anchor': 'middle' });
        tx.textContent = fmtClock(s).slice(0, 5);
        chart.gAxis.appendChild(tx);
      }
      const now = svg('text', { x: W - padR, y: H - 5, 'text-anchor': 'end', class: 'now' });
      now.textContent = t('chart.now');
      chart.gAxis.appendChild(now);
    }
    // the minute in progress is shaded
    if (buckets.length) {
      setAttr(chart.current, 'x', (xOf(last) - slot / 2).toFixed(1));
      setAttr(chart.current, 'y', padT);
      setAttr(chart.current, 'width', slot.toFixed(1));
      setAttr(chart.current, 'height', ih);
    } else setAttr(chart.current, 'width', 0);

    // offered: bars; abandoned: red bars in front of them; answered: a line with points
    chart.gBars.textContent = '';
    chart.gAband.textContent = '';
    chart.gDots.textContent = '';
    const bw = Math.max(2, slot * 0.7);
    const abw = Math.max(2, slot * 0.36);
    const y0 = yOf(0);
    const rect = (g, cls, cx, w, v) => {
      const y = yOf(v);
      g.appendChild(svg('rect', {
        class: cls, x: (cx - w / 2).toFixed(1), y: y.toFixed(1), width: w.toFixed(1),
        height: Math.max(1, y0 - y).toFixed(1), rx: Math.min(2, w / 4).toFixed(1),
      }));
    };
    for (const b of shown) {
      const cx = xOf(b.start_s);
      if (b.offered) rect(chart.gBars, 'offered-bar' + (b.start_s === last ? ' now' : ''), cx, bw, b.offered);
      if (b.abandoned) rect(chart.gAband, 'abandoned-bar', cx, abw, b.abandoned);
    }
    const pa = shown.map((b) => [xOf(b.start_s), yOf(b.answered || 0)]);
    setAttr(chart.answered, 'd', pa.map((q, i) => `${i ? 'L' : 'M'}${q[0].toFixed(1)},${q[1].toFixed(1)}`).join(''));
    if (slot >= 9) {
      for (const q of pa) chart.gDots.appendChild(svg('circle', { class: 'answered-dot', cx: q[0].toFixed(1), cy: q[1].toFixed(1), r: Math.min(3.5, slot / 5).toFixed(1) }));
    }
    setAttr(chart.empty, 'x', padL + iw / 2);
    setAttr(chart.empty, 'y', padT + ih / 2);
    setText(chart.empty, buckets.length || S.clock.base == null ? '' : t('chart.empty'));
  }
  if (window.ResizeObserver) new ResizeObserver(() => renderChart()).observe($('chart-box'));

  // ------------------------------------------------------------- events
  function eventKindClass(kind) {
    const k = String(kind || '').toLowerCase();
    if (/abandon|reject|fail|error|alert|cancel|timeout/.test(k)) return 'k-bad';
    if (/break|logout|offline/.test(k)) return 'k-warn';
    if (/answer|assign|ended|complete|available|login|connect/.test(k)) return 'k-good';
    if (/arriv|offer|queue|new|create/.test(k)) return 'k-info';
    return '';
  }
  function eventKindLabel(kind) {
    const m = EVENT_KINDS[S.lang] || {};
    return m[kind] || humanize(kind);
  }
  function addEvents(events, animate) {
    const ol = $('events');
    const fresh = events.filter((e) => e && (num(e.seq) == null || e.seq > S.lastSeq));
    if (!fresh.length) return;
    for (const e of fresh) if (num(e.seq) != null && e.seq > S.lastSeq) S.lastSeq = e.seq;
    // keep only what can be shown
    const batch = fresh.filter(shownInTicker).slice(-MAX_EVENTS);
    const frag = document.createDocumentFragment();
    for (let i = batch.length - 1; i >= 0; i--) { // newest first
      const e = batch[i];
      const li = el('li', animate ? 'new' : '');
      li.dataset.kind = e.kind || '';
      li._ev = e;
      const kind = el('span', `ev-kind ${eventKindClass(e.kind)}`, eventKindLabel(e.kind));
      li.append(el('span', 'ev-time', fmtClock(e.at_s)), kind, el('span', 'ev-text', e.text || ''));
      li.title = e.text || '';
      frag.appendChild(li);
    }
    ol.insertBefore(frag, ol.firstChild);
    while (ol.childElementCount > MAX_EVENTS) ol.lastChild.remove();
  }
  function relabelEvents() {
    for (const li of $('events').children) {
      const k = li.querySelector('.ev-kind');
      if (k && li._ev) setText(k, eventKindLabel(li._ev.kind));
    }
  }

  // ------------------------------------------------------------- render
  function renderAll() {
    for (const rec of S.agents.values()) renderAgent(rec);
    const stats = renderLegend();
    renderKpis(stats);
    renderQueues();
    renderChart();
    renderAlerts();
    renderControls();
    relabelEvents();
    $('events-empty').hidden = $('events').childElementCount > 0 || S.clock.base == null;
    $('agents-empty').hidden = S.agents.size > 0 || S.clock.base == null;
  }

  // Local ticking between messages: ~10 times a second, only text that changed.
  let lastTick = 0;
  function frame(ts) {
    if (ts - lastTick >= 100) {
      lastTick = ts;
      // While the data is stale (socket down or silent) the counters stop:
      // ticking on would pretend the board is live.
      const fresh = connState === 'live' && performance.now() - lastMsgWall <= STALL_MS;
      const now = fresh ? simNow() : null;
      if (fresh || S.clock.base == null) setText($('sim-clock'), fmtClock(now));
      if (now != null) {
        for (const rec of S.agents.values()) tickAgent(rec, now);
        tickQueues();
        tickLongest();
      }
      if (connState === 'live' || connState === 'reconnecting') renderConn();
    }
    requestAnimationFrame(frame);
  }
  // rAF stops in background tabs; keep the connection text honest anyway
  setInterval(() => { if (document.hidden) renderConn(); }, 1000);

  // ------------------------------------------------------------- test hook
  // Small read-only view for the browser test and for debugging in the console.
  window.wallboard = {
    get state() {
      return {
        tenant: S.tenant, lang: S.lang, admin: S.admin, conn: connState, now_s: S.clock.base,
        speed: S.speed, paused: S.paused, messages: S.received,
        agents: [...S.agents.values()].map((r) => Object.assign({}, r.data)),
      };
    },
    setLanguage,
    dropConnection() { if (ws) ws.close(); },
    reconnectNow() { attempt = 0; connect(); },
  };

  // ------------------------------------------------------------- boot
  (function boot() {
    const urlKey = params.get('key');
    if (urlKey) store.set('key', urlKey);
    const urlTenant = params.get('tenant');
    if (urlTenant) store.set('tenant', urlTenant);
    S.key = store.get('key');
    S.tenant = urlTenant || store.get('tenant');
    // don't leave the key in the address bar (or in screenshots of it)
    if (urlKey) {
      const u = new URL(location.href);
      u.searchParams.delete('key');
      history.replaceState(null, '', u);
    }
    applyLanguage();
    requestAnimationFrame(frame);
    start();
  })();
})();
