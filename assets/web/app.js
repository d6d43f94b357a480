// Shared code of the organisers' pages (docs/LIVE_VIEW.md): the session, the JSON routes, the live
// stream, safe DOM building and formatting in the event's time zone.
//
// Every text that comes from the hub (names of participants, organisations, kiosks, checkpoints)
// is put in the page as text (textContent, createTextNode), never parsed as HTML.

export const LOCALE = 'en-GB';

// --- DOM -------------------------------------------------------------------------------------

// el('td', {className: 'num'}, 'text', otherNode): an element with properties and children.
// Properties are set as DOM properties (never innerHTML); `attrs` sets attributes; `data` dataset.
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  applyProps(node, props);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

// svg('rect', {x: 0, width: 10}): an SVG element; every prop is an attribute.
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function applyProps(node, props) {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'attrs') {
      for (const [name, v] of Object.entries(value)) if (v !== undefined && v !== null) node.setAttribute(name, String(v));
    } else if (key === 'data') {
      Object.assign(node.dataset, value);
    } else if (key === 'innerHTML' || key === 'outerHTML') {
      throw new Error('el: no HTML');
    } else {
      node[key] = value;
    }
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Replaces the children of `node` (by id or element) with `children`.
export function fill(node, ...children) {
  const target = typeof node === 'string' ? document.getElementById(node) : node;
  if (!target) return null;
  target.replaceChildren();
  append(target, children);
  return target;
}

// Sets the text of `node` (by id or element) only when it changed, so that aria-live regions
// announce changes and nothing else.
export function setText(node, text) {
  const target = typeof node === 'string' ? document.getElementById(node) : node;
  if (!target) return;
  const value = String(text);
  if (target.textContent !== value) target.textContent = value;
}

export function show(node, visible) {
  const target = typeof node === 'string' ? document.getElementById(node) : node;
  if (target) target.hidden = !visible;
}

// --- Routes ----------------------------------------------------------------------------------

export class HttpError extends Error {
  constructor(status, code) {
    super(`HTTP ${status}${code ? ' ' + code : ''}`);
    this.status = status;
    this.code = code || '';
  }
}

// Where the page goes when the session has ended: the login form, back here afterwards.
export function toLogin(reason = 'ended') {
  const next = location.pathname + location.search;
  location.assign('/login?error=' + encodeURIComponent(reason) + '&next=' + encodeURIComponent(next));
}

// GET a JSON route of the hub. 401: to the login page (the returned promise never settles);
// another failure: HttpError (status 0 when the hub could not be reached). `signal` (an
// AbortController's) cancels it: the promise then rejects with the browser's AbortError.
export async function getJSON(path, { signal } = {}) {
  let answer;
  try {
    answer = await fetch(path, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new HttpError(0, 'unreachable');
  }
  if (answer.status === 401) {
    toLogin('ended');
    return new Promise(() => {});
  }
  if (!answer.ok) {
    let code = '';
    try {
      code = (await answer.json()).error.code;
    } catch (error) {
      // no JSON body
    }
    throw new HttpError(answer.status, code);
  }
  return answer.json();
}

export function getSession() {
  return getJSON('/web/session');
}

// The event id of /events/{id}, /events/{id}/wall and /events/{id}/participants/{pid}, or null.
export function eventIdFromPath() {
  const match = /^\/events\/([1-9][0-9]{0,15})(?:\/wall|\/participants\/[0-9]{1,16})?\/?$/.exec(location.pathname);
  return match ? Number(match[1]) : null;
}

// The participant id of /events/{id}/participants/{pid}, or null.
export function participantIdFromPath() {
  const match = /^\/events\/[1-9][0-9]{0,15}\/participants\/([0-9]{1,16})\/?$/.exec(location.pathname);
  return match ? Number(match[1]) : null;
}

// A participant's page.
export function participantPath(eventId, participantId) {
  return `/events/${eventId}/participants/${participantId}`;
}

// --- The common top bar ----------------------------------------------------------------------

// Fills the account's name and the logout form's CSRF field (ids "account", "logout", "csrf").
export function fillSessionBar(session) {
  setText('account', session.account);
  const csrf = document.getElementById('csrf');
  if (csrf) csrf.value = session.csrf;
  show('logout', true);
}

// --- Formatting ------------------------------------------------------------------------------

const numberFormat = new Intl.NumberFormat(LOCALE);
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });
const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'always', style: 'short' });
let regionNames = null;
try {
  regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
} catch (error) {
  regionNames = null;
}

export function number(value) {
  return value === null || value === undefined ? '–' : numberFormat.format(value);
}

// "35%" of part in whole; "–" when whole is 0.
export function percent(part, whole) {
  return whole > 0 ? percentFormat.format(part / whole) : '–';
}

// Formatters in the event's time zone.
export function timeFormats(timezone) {
  const zone = { timeZone: timezone || 'UTC' };
  let time, timeSeconds, dayLong, dayShort, dayShortSeconds;
  try {
    time = new Intl.DateTimeFormat(LOCALE, { ...zone, hour: '2-digit', minute: '2-digit' });
    timeSeconds = new Intl.DateTimeFormat(LOCALE, { ...zone, hour: '2-digit', minute: '2-digit', second: '2-digit' });
    dayLong = new Intl.DateTimeFormat(LOCALE, { ...zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    dayShort = new Intl.DateTimeFormat(LOCALE, { ...zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    dayShortSeconds = new Intl.DateTimeFormat(LOCALE, { ...zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch (error) {
    return timeFormats('UTC');
  }
  // A YYYY-MM-DD day (the event's calendar day) as a long date; noon UTC keeps it on its day.
  const dayOnly = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return {
    time: (ms) => (ms ? time.format(ms) : '–'),
    timeSeconds: (ms) => (ms ? timeSeconds.format(ms) : '–'),
    dayLong: (ms) => dayLong.format(ms),
    dateTime: (ms) => (ms ? dayShort.format(ms) : '–'),
    dateTimeSeconds: (ms) => (ms ? dayShortSeconds.format(ms) : '–'),
    day: (text) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
      return match ? dayOnly.format(Date.UTC(+match[1], +match[2] - 1, +match[3], 12)) : String(text || '');
    },
  };
}

// "12 s ago", "3 min ago", "2 hr ago" from `ms` to `nowMs`.
export function ago(ms, nowMs) {
  if (!ms) return 'never';
  const seconds = Math.round((nowMs - ms) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return relativeFormat.format(-seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return relativeFormat.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return relativeFormat.format(-hours, 'hour');
  return relativeFormat.format(-Math.floor(hours / 24), 'day');
}

// A duration as "4:05" or "1:02:03" (a countdown); 0 at most.
export function countdown(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = hours ? String(minutes).padStart(2, '0') : String(minutes);
  return (hours ? hours + ':' : '') + mm + ':' + String(seconds).padStart(2, '0');
}

// A clock offset (hub minus kiosk) as "+12 ms", "−3.2 s", "+4 min 5 s".
export function offset(ms) {
  if (ms === null || ms === undefined) return '–';
  const sign = ms < 0 ? '−' : '+';
  const abs = Math.abs(ms);
  if (abs < 1000) return sign + numberFormat.format(abs) + ' ms';
  if (abs < 60000) return sign + (abs / 1000).toLocaleString(LOCALE, { maximumFractionDigits: 1 }) + ' s';
  const minutes = Math.floor(abs / 60000);
  if (minutes < 120) return sign + minutes + ' min ' + Math.floor((abs % 60000) / 1000) + ' s';
  return sign + numberFormat.format(Math.round(minutes / 60)) + ' h';
}

const ORG_TYPES = {
  sme: 'SME',
  large_company: 'Large company',
  university: 'University',
  research_centre: 'Research centre',
  support_organisation: 'Support organisation',
  unspecified: 'Unspecified',
};

// The text shown for a key of by_country, by_sector or by_org_type.
export function keyLabel(kind, key) {
  if (key === 'other') return 'Other';
  if (key === '' || key === null || key === undefined) return 'Not given';
  if (kind === 'country') {
    try {
      const name = regionNames && /^[A-Z]{2}$/.test(key) ? regionNames.of(key) : null;
      return name && name !== key ? name : key;
    } catch (error) {
      return key;
    }
  }
  if (kind === 'org_type') return ORG_TYPES[key] || key;
  return key;
}

export const TABLE_STATES = {
  held: { text: 'Held', mark: '✓' },
  one_side: { text: 'One side here', mark: '◐' },
  waiting: { text: 'Waiting', mark: '○' },
  no_show: { text: 'No-show', mark: '✗' },
  upcoming: { text: 'Upcoming', mark: '·' },
};

export function stateLabel(state) {
  return (TABLE_STATES[state] || { text: state }).text;
}

// "Hall A, table 3" → {area: "Hall A", number: "3"}; "table 3" → {area: "", number: "3"};
// anything else (a walk-in's place) → {area: "", number: "", label}.
export function splitTable(label) {
  const text = String(label || '');
  let match = /^(.*),\s*table\s+(\S+)$/i.exec(text);
  if (match) return { area: match[1], number: match[2], label: text };
  match = /^table\s+(\S+)$/i.exec(text);
  if (match) return { area: '', number: match[1], label: text };
  return { area: '', number: '', label: text };
}

// A participant's name as shown: an erased person's is empty.
export function personName(name) {
  return name ? name : '(name erased)';
}

// --- Live figures ----------------------------------------------------------------------------

// Keeps `onFigures` fed with the event's figures: first from /figures, then from the stream.
// The browser's EventSource reconnects by itself (sending Last-Event-ID) after a network error;
// when it gives up (an answer other than 200, such as 401 after the session ended) the session is
// checked: 401 goes to the login page, 403 calls onForbidden, anything else retries with back-off.
// onStatus('live' | 'reconnecting' | 'connecting'). Returns {hubNow(), refresh()}.
export function liveFigures(eventId, { onFigures, onStatus, onForbidden, onError }) {
  const base = '/web/events/' + eventId;
  let source = null;
  let clockOffset = 0; // hub minus this browser
  let lastFeed = -1;
  let lastMessage = 0;
  let retryMs = 1000;
  let retryTimer = null;
  let stopped = false;
  let status = '';

  const setStatus = (value) => {
    if (status === value) return;
    status = value;
    if (onStatus) onStatus(value);
  };

  const take = (figures) => {
    if (!figures || typeof figures !== 'object') return;
    if (typeof figures.now_ms === 'number') clockOffset = figures.now_ms - Date.now();
    lastMessage = Date.now();
    if (typeof figures.feed === 'number') lastFeed = figures.feed;
    onFigures(figures);
  };

  const failed = (error) => {
    if (error instanceof HttpError && error.status === 403) {
      stopped = true;
      if (source) source.close();
      if (onForbidden) onForbidden();
      return true;
    }
    if (onError) onError(error);
    return false;
  };

  const fetchNow = async () => {
    try {
      take(await getJSON(base + '/figures'));
      return true;
    } catch (error) {
      failed(error);
      return false;
    }
  };

  const scheduleRetry = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(async () => {
      retryTimer = null;
      // Asks the session first, so that an ended one goes to the login page.
      if (await fetchNow()) {
        retryMs = 1000;
        open();
      } else if (!stopped) {
        retryMs = Math.min(retryMs * 2, 30000);
        scheduleRetry();
      }
    }, retryMs);
  };

  const open = () => {
    if (stopped) return;
    if (source) source.close();
    setStatus(lastMessage ? 'reconnecting' : 'connecting');
    source = new EventSource(base + '/stream');
    source.addEventListener('open', () => {
      retryMs = 1000;
      setStatus('live');
    });
    source.addEventListener('figures', (message) => {
      let figures;
      try {
        figures = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      setStatus('live');
      take(figures);
    });
    source.addEventListener('error', () => {
      if (stopped) return;
      setStatus('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        source = null;
        scheduleRetry();
      }
      // CONNECTING: the browser retries by itself, with Last-Event-ID.
    });
  };

  // A stream that says nothing for 45 s (it speaks at least every 15 s) is taken as dead.
  const watchdog = setInterval(() => {
    if (stopped) return clearInterval(watchdog);
    if (source && status === 'live' && lastMessage && Date.now() - lastMessage > 45000) {
      source.close();
      source = null;
      setStatus('reconnecting');
      scheduleRetry();
    }
  }, 5000);

  (async () => {
    setStatus('connecting');
    await fetchNow();
    open();
  })();

  return {
    hubNow: () => Date.now() + clockOffset,
    feed: () => lastFeed,
    refresh: fetchNow,
  };
}

// Shows the connection state in the element `id` (a role="status" element).
export function showConnection(id, value) {
  const node = document.getElementById(id);
  if (!node) return;
  const texts = { live: 'Live', reconnecting: 'Reconnecting…', connecting: 'Connecting…' };
  node.dataset.state = value;
  setText(node, texts[value] || value);
}

// The page's "not yours" state: the event is not this account's (or does not exist).
export function showForbidden(mainId) {
  const main = document.getElementById(mainId);
  if (!main) return;
  fill(
    main,
    el(
      'section',
      { className: 'card forbidden', attrs: { role: 'alert' } },
      el('h2', null, 'No access to this event'),
      el('p', null, 'This event is not one of your account’s events. Ask the hub’s administrator to give you access, or choose one of your events.'),
      el('p', null, el('a', { href: '/' }, 'Your events')),
    ),
  );
}

// A participant's registration status in words.
export const PARTICIPANT_STATUS = {
  registered: 'Registered',
  cancelled: 'Cancelled',
  blocked: 'Blocked',
};

export function participantStatus(status) {
  return PARTICIPANT_STATUS[status] || status || '–';
}

// The length of `text` in UTF-8 bytes, which is what the hub's limits count.
export function utf8Length(text) {
  return new TextEncoder().encode(String(text)).length;
}
