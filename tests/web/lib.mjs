// Helpers of the browser tests: a real `passerelle-hub serve` on loopback with its own event file,
// accounts made with `passerelle-hub account add`, check-ins uploaded through the kiosks' API as an
// enrolled kiosk would, and Debian's Chromium driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PASSWORD = 'correct horse battery staple';
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 768 }, wall: { width: 1920, height: 1080 } };

export function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

// --- time ----------------------------------------------------------------------------------

// A time zone in which it is now between 07:00 and 19:00, so that the event's day is today there
// and a B2B session of today fits in it whatever the hour of the run.
const ZONES = ['Pacific/Auckland', 'Asia/Tokyo', 'Asia/Kolkata', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu'];

export function localParts(ms, timezone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), hhmm: `${parts.hour}:${parts.minute}` };
}

export function daytimeZone(now = Date.now()) {
  for (const zone of ZONES) {
    const { hour } = localParts(now, zone);
    if (hour >= 7 && hour < 19) return zone;
  }
  return 'Europe/Paris';
}

// --- the event -----------------------------------------------------------------------------

// People of the test events. Names with accents, and one that looks like HTML: it must show as text.
export const PEOPLE = [
  ['T-01', 'Renée', 'Dupont', 'Acme Énergie', 'FR', 'Energy', 'sme'],
  ['T-02', 'Jan', 'Peeters', 'Beta Logistics', 'BE', 'Logistics', 'large_company'],
  ['T-03', 'Jürgen', 'Schäfer', 'Universität Aachen', 'DE', 'Research', 'university'],
  ['T-04', 'Sofie', 'Jansen', 'Delta Health BV', 'NL', 'Health', 'sme'],
  ['T-05', 'Łukasz', 'Nowak', 'Gamma Robotics', 'PL', 'ICT', 'sme'],
  ['T-06', '<img src=x onerror=alert(1)>', 'Mallory', '<b>Bold</b> Org', 'LU', 'ICT', 'support_organisation'],
  ['T-07', 'Anke', 'Vos', 'Epsilon Research', 'NL', 'Research', 'research_centre'],
  ['T-08', 'Marc', 'Lefèvre', 'Zeta Agro', 'BE', 'Agrifood', 'sme'],
  ['T-09', 'Ingrid', 'Møller', 'Eta Wind A/S', 'DK', 'Energy', 'large_company'],
  ['T-10', 'Paolo', 'Ricci', 'Theta Materials', 'IT', 'Materials', 'sme'],
  ['T-11', 'Hanna', 'Berg', 'Iota Software', 'DE', 'ICT', 'sme'],
  ['T-12', 'Chloé', 'Martin', 'Kappa Foods', 'FR', 'Agrifood', 'sme'],
];

export function fullName(externalId) {
  const person = PEOPLE.find((p) => p[0] === externalId);
  return person[1] + ' ' + person[2];
}

function participantsCsv() {
  const header = 'external_id,first_name,last_name,email,organisation,country,region,sector,organisation_type,language,role,tags,ticket_codes,status';
  const quote = (text) => (/[",]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text);
  const rows = PEOPLE.map(([id, first, last, org, country, sector, type], i) =>
    [id, first, last, `p${i + 1}@example.org`, org, country, '', sector, type, 'en', '', 'b2b', `TKT-${id}`, 'registered'].map(quote).join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}

// The event's config: today in `timezone`, an entrance, an in/out hall, and optionally a [b2b]
// session of 5-minute slots starting at `b2bStart` (HH:MM) with `slots` slots and 4 tables; a
// scan counts for a meeting only within its slot (no early or late minutes), so that rounds differ.
function eventToml({ name, timezone, day, b2bStart, slots }) {
  let toml = `[event]\nname = "${name}"\nvenue = "Test venue"\ntimezone = "${timezone}"\ndays = ["${day}"]\n\n`;
  toml += '[[checkpoint]]\nname = "Entrance"\nrule = "once_per_day"\n\n[[checkpoint]]\nname = "Hall"\nrule = "in_out"\n\n';
  if (b2bStart) {
    toml += `[b2b]\nday = "${day}"\nstart = "${b2bStart}"\nslot_minutes = 5\npause_minutes = 0\nmorning_slots = ${slots}\ntables = 4\nearly_minutes = 0\nlate_minutes = 0\n\n`;
    toml += '[[b2b.area]]\nname = "Hall A"\nfirst_table = 1\nlast_table = 4\n\n';
    toml += '[[checkpoint]]\nname = "B2B tables"\nkind = "b2b_area"\narea = "Hall A"\n';
  }
  return toml;
}

// --- the hub -------------------------------------------------------------------------------

export class Hub {
  constructor({ binary, dir, sourceDir, sessionTtl = '' }) {
    this.binary = binary;
    this.dir = dir;
    this.db = path.join(dir, 'hub.db');
    this.process = null;
    this.port = 0;
    this.url = '';
    this.device = null;
    this.seq = 0;
    this.env = { ...process.env, PASSERELLE_CLOCK_SET: 'no' };
    // The pages of this source tree, whatever the binary was built with.
    this.serveArgs = ['--web-dir', path.join(sourceDir, 'assets', 'web'), ...(sessionTtl ? ['--session-ttl', sessionTtl] : [])];
  }

  // Runs `passerelle-hub --db FILE args...`; stdin optional. Throws unless the status is `expect`.
  cli(args, { input, expect = 0 } = {}) {
    const run = spawnSync(this.binary, ['--db', this.db, ...args], { input: input ?? '', env: this.env, encoding: 'utf8', timeout: 60000 });
    if (run.status !== expect) {
      throw new Error(`passerelle-hub ${args.join(' ')}: exit ${run.status} (wanted ${expect})\n${run.stdout}\n${run.stderr}`);
    }
    return run.stdout;
  }

  // Adds an event (the next id) from the config above, with PEOPLE registered.
  addEvent(options) {
    const file = path.join(this.dir, `event-${crypto.randomBytes(3).toString('hex')}.toml`);
    fs.writeFileSync(file, eventToml(options));
    const out = this.cli(['init', '--event-config', file]);
    const id = Number(/created event (\d+)/.exec(out)[1]);
    const csv = path.join(this.dir, 'participants.csv');
    fs.writeFileSync(csv, participantsCsv());
    this.cli(['import', 'participants', csv, '--event', String(id)]);
    return id;
  }

  importSchedule(eventId, rows) {
    const csv = path.join(this.dir, 'schedule.csv');
    fs.writeFileSync(csv, 'a,b,start,location\n' + rows.map((r) => [r.a, r.b, r.start, r.table].join(',')).join('\n') + '\n');
    this.cli(['import', 'schedule', csv, '--event', String(eventId)]);
  }

  addAccount(name, events, password = PASSWORD) {
    this.cli(['account', 'add', name, ...events.flatMap((e) => ['--event', String(e)])], { input: password + '\n' });
  }

  // Starts serve on 127.0.0.1 (a free port the first time, the same port after a restart).
  async start() {
    const log = fs.openSync(path.join(this.dir, 'serve.log'), 'a');
    const child = spawn(this.binary, ['--db', this.db, 'serve', '--listen', `127.0.0.1:${this.port}`, ...this.serveArgs], { env: this.env, stdio: ['ignore', 'pipe', log] });
    fs.closeSync(log);
    this.process = child;
    const line = await new Promise((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error('serve printed no "listening on" line in 30 s; log:\n' + this.log())), 30000);
      child.stdout.on('data', (chunk) => {
        text += chunk;
        const end = text.indexOf('\n');
        if (end >= 0) {
          clearTimeout(timer);
          resolve(text.slice(0, end));
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited (${code}) before listening; log:\n` + this.log()));
      });
    });
    const match = /^listening on (https?:\/\/[^\s]+):(\d+)$/.exec(line.trim());
    check(match, 'serve said ' + line);
    this.url = `${match[1]}:${match[2]}`;
    this.port = Number(match[2]);
    child.stdout.resume();
    return this;
  }

  async stop() {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // SIGKILL if it has not stopped in 20 s (a timer cleared at once otherwise: a pending one
    // would keep this process alive).
    const killer = setTimeout(() => child.kill('SIGKILL'), 20000);
    await exited;
    clearTimeout(killer);
  }

  log() {
    try {
      return fs.readFileSync(path.join(this.dir, 'serve.log'), 'utf8');
    } catch (error) {
      return '';
    }
  }

  async request(method, route, { body, token, headers = {} } = {}) {
    const answer = await fetch(this.url + route, {
      method,
      redirect: 'manual',
      headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: 'Bearer ' + token } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await answer.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch (error) {
      json = null;
    }
    return { status: answer.status, json, text, headers: answer.headers };
  }

  // Enrols a kiosk as a kiosk does: a code from `enrol`, then POST /v1/enrol.
  async enrol(eventId, name = 'Door 1') {
    const out = this.cli(['enrol', '--hub-url', this.url, '--event', String(eventId), '--name', name]);
    const code = out.split('\n')[0].split(' ')[2];
    const answer = await this.request('POST', '/v1/enrol', { body: { code, name: 'test-kiosk', previous_device_ids: [], kiosk_time_ms: Date.now() } });
    check(answer.status === 200, `enrol answered ${answer.status} ${answer.text}`);
    this.device = { id: answer.json.device_id, token: answer.json.token, event: eventId, timezone: null };
    this.seq = 0;
    return this.device;
  }

  // Uploads entries as the enrolled kiosk: [{participant, checkpoint, kind}], kind "checkin" by
  // default ("meeting_held" for a scan at a B2B table).
  async upload(items, timezone) {
    check(this.device, 'no kiosk enrolled');
    // The kiosk's clock is 40 ms behind the hub's, and it knows it (offset = hub minus kiosk).
    const offsetMs = 40;
    const now = Date.now() - offsetMs;
    const entries = items.map((item) => ({
      uuid: crypto.randomUUID(),
      device: this.device.id,
      seq: ++this.seq,
      event: this.device.event,
      kind: item.kind || 'checkin',
      outcome: 'accepted',
      participant: item.participant,
      checkpoint: item.checkpoint || 'Entrance',
      code: `TKT-${item.participant}`,
      operator: '',
      wall_ms: now,
      monotonic_ns: now * 1000,
      local_day: localParts(now, timezone).day,
    }));
    const answer = await this.request('POST', '/v1/upload', {
      token: this.device.token,
      body: { device_id: this.device.id, kiosk_time_ms: now, clock_offset_ms: offsetMs, entries },
    });
    check(answer.status === 200, `upload answered ${answer.status} ${answer.text}`);
    for (const status of answer.json.statuses) check(status.status === 'stored', `entry ${status.uuid}: ${status.status} ${status.reason || ''}`);
    return answer.json;
  }
}

// --- the browser ---------------------------------------------------------------------------

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30000 });
}

// A page that records what would fail a test silently: script errors, CSP violations, failed
// requests of the hub's own assets. `storageState` (another context's) starts it logged in.
export async function newPage(browser, size = SIZES.desktop, { storageState } = {}) {
  const context = await browser.newContext({ viewport: size, locale: 'en-GB', ...(storageState ? { storageState } : {}) });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push('script error: ' + error.message));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !/status of 40[13]|net::ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_INCOMPLETE_CHUNKED_ENCODING/.test(text)) {
      page.problems.push('console error: ' + text);
    }
  });
  page.on('dialog', (dialog) => {
    page.problems.push('a dialog opened: ' + dialog.message());
    dialog.dismiss();
  });
  return { context, page };
}

export function noProblems(page) {
  check(page.problems.length === 0, 'the page reported:\n  ' + page.problems.join('\n  '));
}

export async function login(page, hub, name, { password = PASSWORD, next = '' } = {}) {
  await page.goto(hub.url + '/login' + (next ? '?next=' + encodeURIComponent(next) : ''));
  await page.fill('#name', name);
  await page.fill('#password', password);
  await page.click('#submit');
  // Done when the hub sent the browser on: to `next`, or back to the form with a reason.
  await page.waitForURL((url) => url.pathname !== '/login' || url.searchParams.has('error'), { timeout: 15000 });
  await page.waitForLoadState('load');
}

export async function text(page, selector) {
  return ((await page.textContent(selector)) || '').trim();
}

// Waits (up to `timeout` ms) until the element's text satisfies `wanted` (a string or RegExp).
export async function waitText(page, selector, wanted, timeout = 10000) {
  try {
    await page.waitForFunction(
      ([sel, source, flags, plain]) => {
        const node = document.querySelector(sel);
        if (!node) return false;
        const value = node.textContent.trim();
        return plain !== null ? value === plain : new RegExp(source, flags).test(value);
      },
      wanted instanceof RegExp ? [selector, wanted.source, wanted.flags, null] : [selector, '', '', String(wanted)],
      { timeout, polling: 100 },
    );
  } catch (error) {
    const now = await page.textContent(selector).catch(() => '(no such element)');
    throw new Error(`${selector} never showed ${wanted} within ${timeout} ms; it shows ${JSON.stringify((now || '').trim())}`);
  }
}
