// /events/{id}: every figure of /web/events/{id}/figures, kept live by the stream.
import {
  TABLE_STATES,
  ago,
  el,
  eventIdFromPath,
  fill,
  fillSessionBar,
  fold,
  getSession,
  keyLabel,
  liveFigures,
  number,
  offset,
  percent,
  personName,
  setText,
  show,
  showConnection,
  showForbidden,
  stateLabel,
  timeFormats,
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
let query = '';

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

function matches(...texts) {
  if (!query) return true;
  return texts.some((text) => fold(text).includes(query));
}

function tableMatches(t) {
  return matches(t.table, t.a && t.a.name, t.a && t.a.organisation, t.b && t.b.name, t.b && t.b.organisation);
}

function partner(side) {
  if (!side) return el('span', { className: 'muted' }, '–');
  return el('span', { className: 'partner' }, el('span', { className: 'name' }, personName(side.name)), side.organisation ? el('span', { className: 'org' }, side.organisation) : null);
}

function roundTable(round, emptyText) {
  if (!round) return el('p', { className: 'muted' }, emptyText);
  const tables = (round.tables || []).filter(tableMatches);
  const when = `${times.time(round.start_ms)}–${times.time(round.end_ms)}`;
  if (!tables.length) return [el('p', { className: 'small' }, when), el('p', { className: 'muted' }, query ? 'No table matches the search.' : 'No tables in this round.')];
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
  fill('current-round', roundTable(rounds.current, 'No round under way.'));
  fill('next-round', roundTable(rounds.next, 'No round left today.'));
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
  const recent = (f.recent || []).filter((r) => matches(r.name, r.organisation, r.checkpoint));
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
      : el('li', { className: 'muted' }, query ? 'No recent check-in matches the search.' : 'No check-in yet.'),
  );
  return recent.length;
}

function renderSearchResult(f, recentCount) {
  if (!query) return setText('search-result', '');
  const rounds = f.rounds || {};
  const tables = [rounds.current, rounds.next].filter(Boolean).reduce((n, r) => n + (r.tables || []).filter(tableMatches).length, 0);
  setText('search-result', `${number(recentCount)} of the newest check-ins and ${number(tables)} ${tables === 1 ? 'table' : 'tables'} match.`);
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
  const recentCount = renderRecent(f);
  renderSearchResult(f, recentCount);
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
  const search = document.getElementById('search');
  search.addEventListener('input', () => {
    query = fold(search.value.trim());
    if (latest) {
      renderMeetings(latest);
      renderSearchResult(latest, renderRecent(latest));
    }
  });
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
