// /events/{id}: every figure of /web/events/{id}/figures, kept live by the stream.
import {
  TABLE_STATES,
  ago,
  el,
  eventIdFromPath,
  fill,
  fillSessionBar,
  getJSON,
  getSession,
  keyLabel,
  liveFigures,
  number,
  offset,
  participantPath,
  participantStatus,
  percent,
  personName,
  setText,
  show,
  showConnection,
  showForbidden,
  stateLabel,
  timeFormats,
  utf8Length,
} from './app.js';
import { arrivalsChart, pairBars, progressBar } from './charts.js';

const STALE_MS = 2 * 60 * 1000; // a kiosk online asks every 500 ms and is marked seen every 30 s
const CLOCK_WARN_MS = 2 * 60 * 1000; // as the kiosk's own staff screen warns
const ALERT_KINDS = {
  double_checkin: 'Double check-in',
  quarantined: 'Quarantined entry',
  quarantine_full: 'Quarantine full',
};

const eventId = eventIdFromPath();
let latest = null;
let live = null;
let times = timeFormats('UTC');

function hubNow() {
  return live ? live.hubNow() : Date.now();
}

function renderHeader(f) {
  const event = f.event || {};
  times = timeFormats(event.timezone);
  setText('event-name', event.name || 'Event ' + eventId);
  const today = event.today ? times.day(event.today) : '';
  setText('event-where', [event.venue, today, event.timezone].filter(Boolean).join(' · '));
  document.title = (event.name || 'Dashboard') + ' · Passerelle';
}

function renderKpis(f) {
  const p = f.participants || {};
  setText('checked-in', number(p.checked_in));
  setText('expected', number(p.expected));
  setText('checked-share', `${percent(p.checked_in, p.expected)} of those expected`);
  progressBar(document.getElementById('checked-bar'), p.checked_in || 0, p.expected || 0, `${number(p.checked_in)} checked in of ${number(p.expected)} expected`);
  setText('checked-event', number(p.checked_in_event));
  setText('excluded', `${number(p.cancelled)} cancelled and ${number(p.blocked)} blocked are not expected`);
  const o = f.organisations || {};
  setText('orgs-attended', number(o.attended));
  setText('orgs-expected', number(o.expected));
  setText('orgs-share', `${percent(o.attended, o.expected)} of the organisations registered`);
  const inOut = (f.checkpoints || []).filter((c) => c.inside !== null && c.inside !== undefined);
  fill(
    'inside',
    inOut.length
      ? inOut.map((c) => el('li', null, el('span', { className: 'big-number' }, number(c.inside)), ' ', el('span', null, c.name)))
      : el('li', { className: 'muted' }, 'No in/out checkpoint'),
  );
}

function renderCheckpoints(f) {
  fill(
    'checkpoints',
    (f.checkpoints || []).map((c) =>
      el('tr', null, el('th', { scope: 'row' }, c.name), el('td', { className: 'num' }, number(c.today)), el('td', { className: 'num' }, c.inside === null || c.inside === undefined ? '–' : number(c.inside))),
    ),
  );
}

function renderArrivals(f) {
  const a = f.arrivals || { bins: [], bin_minutes: 15 };
  setText('arrivals-heading', `Arrivals per ${a.bin_minutes || 15} minutes`);
  setText('arrivals-note', a.day ? `First arrivals of ${times.day(a.day)}, in the event’s time (${(f.event || {}).timezone || 'UTC'})` : '');
  arrivalsChart(document.getElementById('arrivals'), a.bins || [], { binMinutes: a.bin_minutes || 15 });
}

function renderBreakdowns(f) {
  const rows = (list, kind) => (list || []).map((r) => ({ label: keyLabel(kind, r.key), registered: r.registered, attended: r.attended }));
  pairBars(document.getElementById('by-country'), rows(f.by_country, 'country'), { title: 'By country' });
  pairBars(document.getElementById('by-sector'), rows(f.by_sector, 'sector'), { title: 'By sector' });
  pairBars(document.getElementById('by-org-type'), rows(f.by_org_type, 'org_type'), { title: 'By organisation type' });
}

function partner(side) {
  if (!side) return el('span', { className: 'muted' }, '–');
  return el('span', { className: 'partner' }, el('span', { className: 'name' }, personName(side.name)), side.organisation ? el('span', { className: 'org' }, side.organisation) : null);
}

function roundTable(round, emptyText) {
  if (!round) return el('p', { className: 'muted' }, emptyText);
  const tables = round.tables || [];
  const when = `${times.time(round.start_ms)}–${times.time(round.end_ms)}`;
  if (!tables.length) return [el('p', { className: 'small' }, when), el('p', { className: 'muted' }, 'No tables in this round.')];
  return [
    el('p', { className: 'small' }, `${when} · ${number(round.tables.length + (round.more || 0))} tables` + (round.more ? ` (the first ${number(round.tables.length)} shown)` : '')),
    el(
      'div',
      { className: 'scroll tall' },
      el(
        'table',
        { className: 'data tables stack' },
        el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Table'), el('th', { scope: 'col' }, 'Partners'), el('th', { scope: 'col' }, 'State'))),
        el(
          'tbody',
          null,
          tables.map((t) =>
            el(
              'tr',
              null,
              el('th', { scope: 'row' }, t.table, t.walk_in ? el('span', { className: 'tag' }, 'walk-in') : null),
              el('td', { className: 'partners' }, partner(t.a), partner(t.b)),
              el('td', { className: 'state-cell' }, el('span', { className: 'state state-' + t.state }, (TABLE_STATES[t.state] || { mark: '' }).mark + ' ' + stateLabel(t.state))),
            ),
          ),
        ),
      ),
    ),
  ];
}

function renderMeetings(f) {
  const m = f.meetings;
  show('b2b', !!m);
  show('wall-link', !!m);
  if (!m) return;
  const items = [
    ['Requested', m.requested],
    ['Scheduled', m.scheduled],
    ['Held', m.held],
    ['Running', m.running],
    ['No-show', m.no_show],
    ['Walk-in', m.walk_in],
    ['Upcoming', m.upcoming],
  ];
  fill(
    'meetings',
    items.map(([label, value]) => el('div', { className: 'counter' }, el('dt', null, label), el('dd', null, number(value)))),
  );
  const rounds = f.rounds || {};
  // No meeting at all (none scheduled, no walk-in) is not the end of the session.
  const none = !(m.scheduled || 0) && !(m.walk_in || 0);
  fill('current-round', roundTable(rounds.current, none ? 'No meetings scheduled yet.' : 'No round under way.'));
  fill('next-round', roundTable(rounds.next, none ? 'No meetings scheduled yet.' : 'No round left today.'));
}

function renderKiosks(f) {
  const now = hubNow();
  const kiosks = f.kiosks || [];
  fill(
    'kiosks',
    kiosks.length
      ? kiosks.map((k) => {
          const stale = !k.revoked && (!k.last_contact_ms || now - k.last_contact_ms > STALE_MS);
          const clockOff = k.clock_offset_ms !== null && k.clock_offset_ms !== undefined && Math.abs(k.clock_offset_ms) > CLOCK_WARN_MS;
          const row = el(
            'tr',
            { className: [k.revoked ? 'revoked' : '', stale ? 'stale' : ''].filter(Boolean).join(' ') },
            el('th', { scope: 'row' }, k.name || k.device_id, k.revoked ? el('span', { className: 'tag' }, 'revoked') : null, stale ? el('span', { className: 'tag warn' }, 'stale') : null),
            el('td', { title: k.last_contact_ms ? times.dateTime(k.last_contact_ms) : '', data: { label: 'Last contact' } }, ago(k.last_contact_ms, now)),
            el('td', { className: 'num' + (k.unsent > 0 ? ' warn-text' : ''), data: { label: 'Unsent' } }, number(k.unsent)),
            el('td', { className: 'num' + (clockOff ? ' warn-text' : ''), data: { label: 'Clock offset' } }, offset(k.clock_offset_ms), clockOff ? el('span', { className: 'tag warn' }, 'clock off') : null),
          );
          return row;
        })
      : el('tr', null, el('td', { colSpan: 4, className: 'muted' }, 'No kiosk enrolled yet.')),
    f.kiosks_more ? el('tr', null, el('td', { colSpan: 4, className: 'muted' }, `and ${number(f.kiosks_more)} more kiosks, not shown`)) : null,
  );
}

function renderAlerts(f) {
  const a = f.alerts || { total: 0, quarantined: 0, recent: [] };
  setText('alerts-summary', a.total ? `${number(a.total)} ${a.total === 1 ? 'alert' : 'alerts'}, ${number(a.quarantined)} quarantined ${a.quarantined === 1 ? 'entry' : 'entries'}` : 'No alerts.');
  document.getElementById('alerts-summary').className = a.total ? 'alert-count' : 'muted';
  fill(
    'alerts',
    (a.recent || []).map((alert) =>
      el('li', null, el('span', { className: 'tag warn' }, ALERT_KINDS[alert.kind] || alert.kind), ' ', el('time', null, times.dateTime(alert.created_ms)), el('span', { className: 'detail' }, alert.detail || '')),
    ),
  );
}

function renderRecent(f) {
  // The figures carry no participant ids: names stay text, not links.
  const recent = f.recent || [];
  fill(
    'recent',
    recent.length
      ? recent.map((r) =>
          el(
            'li',
            null,
            el('time', null, times.time(r.at_ms)),
            el('span', { className: 'who' }, el('span', { className: 'name' + (r.name ? '' : ' muted') }, personName(r.name)), r.organisation ? el('span', { className: 'org' }, r.organisation) : null),
            el('span', { className: 'where' }, r.checkpoint || ''),
          ),
        )
      : el('li', { className: 'muted' }, 'No check-in yet.'),
  );
}

// --- The search box: the hub's search over every participant of the event --------------------

const SEARCH_DELAY_MS = 250;
const SEARCH_MAX_BYTES = 200; // the hub refuses a longer text (400)

function searchResult(person) {
  const status = person.status && person.status !== 'registered' ? el('span', { className: 'tag warn' }, participantStatus(person.status)) : null;
  return el(
    'li',
    null,
    el(
      'a',
      { href: participantPath(eventId, person.id) },
      el('span', { className: 'name' + (person.name ? '' : ' muted') }, personName(person.name)),
      status,
      el('span', { className: 'org' }, [person.organisation, person.country ? keyLabel('country', person.country) : ''].filter(Boolean).join(' · ')),
    ),
  );
}

// Asks the hub 250 ms after the last keystroke; a new question aborts the one in flight, so that
// at most one is and an older answer never replaces a newer one.
function setUpSearch() {
  const input = document.getElementById('search');
  const results = document.getElementById('search-results');
  let timer = null;
  let asking = null; // the AbortController of the question in flight
  let asked = null;

  const say = (text) => setText('search-result', text);
  const clear = () => {
    fill(results);
    show(results, false);
  };

  const ask = async () => {
    timer = null;
    const text = input.value.trim();
    if (text === asked) return;
    asked = text;
    if (asking) asking.abort();
    asking = null;
    if (!text) {
      clear();
      return say('');
    }
    if (utf8Length(text) > SEARCH_MAX_BYTES) {
      clear();
      return say('That is too long to search: type fewer words.');
    }
    const controller = new AbortController();
    asking = controller;
    say('Searching…');
    try {
      const found = await getJSON(`/web/events/${eventId}/search?q=${encodeURIComponent(text)}`, { signal: controller.signal });
      const list = found.results || [];
      fill(results, list.map(searchResult));
      show(results, list.length > 0);
      if (!list.length) say('No one found.');
      else if (list.length >= (found.limit || Infinity)) say(`The first ${number(list.length)} by last name: type more to narrow the search.`);
      else say(`${number(list.length)} ${list.length === 1 ? 'person' : 'people'} found.`);
    } catch (error) {
      if (controller.signal.aborted) return;
      asked = null; // the same text may be asked again
      clear();
      if (error.status === 403) say('No access to this event.');
      else if (error.status === 400) say('That is too long to search: type fewer words.');
      else say('The search did not answer. Try again.');
    } finally {
      if (asking === controller) asking = null;
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, SEARCH_DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      // At once rather than after the delay.
      clearTimeout(timer);
      ask();
    }
  });
}

function render(f) {
  latest = f;
  renderHeader(f);
  renderKpis(f);
  renderCheckpoints(f);
  renderArrivals(f);
  renderBreakdowns(f);
  renderMeetings(f);
  renderKiosks(f);
  renderAlerts(f);
  renderRecent(f);
  setText('updated', `Figures as of ${times.timeSeconds(f.now_ms)} (event time) · feed position ${number(f.feed)}`);
  document.body.dataset.feed = String(f.feed);
}

function main() {
  if (!eventId) {
    showForbidden('main');
    return;
  }
  document.getElementById('wall-link').href = `/events/${eventId}/wall`;
  getSession()
    .then(fillSessionBar)
    .catch(() => {});
  setUpSearch();
  live = liveFigures(eventId, {
    onFigures: render,
    onStatus: (state) => showConnection('connection', state),
    onForbidden: () => {
      showConnection('connection', 'no access');
      showForbidden('main');
    },
  });
  // "Last contact" moves on between two messages.
  setInterval(() => {
    if (latest) renderKiosks(latest);
  }, 5000);
}

main();
