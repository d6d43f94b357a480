// /events/{id}/wall: the B2B hall's wall screen. The current round's tables and their states, the
// next round's, and a countdown to the change of round, from the same figures and stream as the
// dashboard. On a large screen the tables that do not fit turn in pages; on a phone they scroll.
import {
  TABLE_STATES,
  countdown,
  el,
  eventIdFromPath,
  fill,
  liveFigures,
  number,
  personName,
  setText,
  show,
  showConnection,
  showForbidden,
  splitTable,
  stateLabel,
  timeFormats,
} from './app.js';

const PAGE_MS = 12000;
const eventId = eventIdFromPath();
let latest = null;
let live = null;
let times = timeFormats('UTC');
let page = 0;
let pages = { current: 1, next: 1 };
let boundaryAsked = { at: 0, tries: 0 };

function hubNow() {
  return live ? live.hubNow() : Date.now();
}

function bigScreen() {
  return window.matchMedia('(min-width: 900px) and (min-height: 560px)').matches;
}

function tableCard(t) {
  const where = splitTable(t.table);
  const state = TABLE_STATES[t.state] || { mark: '', text: t.state };
  return el(
    'li',
    { className: 'wall-table state-' + t.state },
    el(
      'div',
      { className: 'tnum' },
      where.number ? [el('span', { className: 'tword' }, 'Table'), el('span', { className: 'n' }, where.number), where.area ? el('span', { className: 'area' }, where.area) : null] : el('span', { className: 'place' }, where.label),
    ),
    el(
      'div',
      { className: 'pair' },
      [t.a, t.b].map((side) =>
        el('p', { className: 'person' }, el('span', { className: 'pname' }, side ? personName(side.name) : '–'), side && side.organisation ? el('span', { className: 'porg' }, side.organisation) : null),
      ),
    ),
    el('p', { className: 'tstate' }, el('span', { className: 'mark', attrs: { 'aria-hidden': 'true' } }, state.mark), ' ', stateLabel(t.state), t.walk_in ? el('span', { className: 'walkin' }, 'walk-in') : null),
  );
}

function nextItem(t) {
  const where = splitTable(t.table);
  const names = [t.a, t.b].map((side) => (side ? personName(side.name) : '–'));
  return el(
    'li',
    { className: 'next-table' },
    el('span', { className: 'n' }, where.number || where.label),
    el('span', { className: 'who' }, el('span', null, names[0]), el('span', { className: 'amp' }, ' & '), el('span', null, names[1])),
    where.number && where.area ? el('span', { className: 'area' }, where.area) : null,
  );
}

function span(round) {
  return round ? `${times.time(round.start_ms)}–${times.time(round.end_ms)}` : '';
}

// Shows page `page` of the items of `list` that fit its box; returns the number of pages.
function paginate(list, noteId) {
  const items = Array.from(list.children);
  items.forEach((item) => (item.hidden = false));
  setText(noteId, '');
  if (!bigScreen() || items.length < 2) return 1;
  const style = getComputedStyle(list);
  const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter(Boolean).length);
  const gap = parseFloat(style.rowGap) || 0;
  const itemHeight = Math.max(...items.slice(0, columns).map((item) => item.offsetHeight)) + gap;
  const rows = Math.max(1, Math.floor((list.clientHeight + gap) / itemHeight));
  const perPage = columns * rows;
  const count = Math.ceil(items.length / perPage);
  if (count <= 1) return 1;
  const shown = page % count;
  items.forEach((item, i) => (item.hidden = Math.floor(i / perPage) !== shown));
  const first = shown * perPage + 1;
  const last = Math.min(items.length, first + perPage - 1);
  setText(noteId, `Tables ${first}–${last} of ${items.length} · page ${shown + 1} of ${count}`);
  return count;
}

function layout() {
  pages.current = paginate(document.getElementById('current-tables'), 'current-page');
  pages.next = paginate(document.getElementById('next-tables'), 'next-page');
}

function render(f) {
  latest = f;
  const event = f.event || {};
  times = timeFormats(event.timezone);
  setText('event-name', event.name || 'B2B meetings');
  document.title = 'B2B hall · ' + (event.name || 'Passerelle');
  const rounds = f.rounds;
  const body = document.body;
  if (!rounds) {
    body.dataset.round = 'none';
    setText('current-heading', 'B2B meetings');
    setText('round-message', 'This event has no B2B session.');
    fill('current-tables');
    show('round-message', true);
    show(document.querySelector('section.next'), false);
    setText('round-when', '');
    setText('wall-counters', '');
    return;
  }
  const current = rounds.current;
  const next = rounds.next;
  body.dataset.current = current ? String(current.start_ms) : '';
  body.dataset.next = next ? String(next.start_ms) : '';
  // Between two rounds the next one takes the big space. Neither: the session is over, unless
  // it has no meeting at all yet (none scheduled, no walk-in).
  const main = current || next;
  const m = f.meetings || {};
  const none = !main && !(m.scheduled || 0) && !(m.walk_in || 0);
  body.dataset.round = current ? 'current' : next ? 'between' : none ? 'empty' : 'ended';
  if (current) {
    setText('current-heading', `Now · ${span(current)}`);
    setText('round-when', `Round ${span(current)}`);
  } else if (next) {
    setText('current-heading', `Next round · ${span(next)}`);
    setText('round-when', 'Between rounds');
  } else if (none) {
    setText('current-heading', 'B2B meetings');
    setText('round-when', 'No meetings scheduled yet');
  } else {
    setText('current-heading', 'B2B meetings');
    setText('round-when', 'No more rounds today');
  }
  const mainTables = main ? main.tables || [] : [];
  const more = main && main.more ? `and ${number(main.more)} more tables, not shown` : '';
  const over = none ? 'No meetings scheduled yet.' : 'The B2B meetings are over for today. Thank you!';
  setText('round-message', main ? (mainTables.length ? more : 'No tables in this round.') : over);
  show('round-message', !main || !mainTables.length || !!more);
  // Few tables get larger type: the wall is read from across the hall.
  const list = fill('current-tables', mainTables.map(tableCard));
  list.dataset.size = mainTables.length <= 4 ? 'xl' : mainTables.length <= 9 ? 'l' : 'm';

  const showNext = !!(current && next);
  show(document.querySelector('section.next'), showNext || (current && !next));
  if (current && next) {
    setText('next-heading', 'Next round');
    setText('next-when', span(next));
    const nextList = fill('next-tables', (next.tables || []).map(nextItem));
    nextList.dataset.size = (next.tables || []).length <= 6 ? 'l' : 'm';
  } else if (current) {
    setText('next-heading', 'Next round');
    setText('next-when', 'This is the last round today.');
    fill('next-tables');
  }
  setText('wall-counters', `Held today ${number(m.held)} · Running ${number(m.running)} · No-show ${number(m.no_show)} · Upcoming ${number(m.upcoming)}`);
  layout();
  tick();
}

// The countdown and the clock, four times a second; at the change of round the figures are asked
// for at once (the stream would bring them within 15 s), then every 2 s until the round moved.
function tick() {
  const now = hubNow();
  setText('clock', times.time(now));
  const rounds = latest && latest.rounds;
  if (!rounds) {
    setText('countdown-label', '');
    setText('countdown', '');
    return;
  }
  const current = rounds.current;
  const next = rounds.next;
  let target = 0;
  if (current) {
    setText('countdown-label', next ? 'Change of round in' : 'Last round ends in');
    target = current.end_ms;
  } else if (next) {
    setText('countdown-label', 'Next round starts in');
    target = next.start_ms;
  } else {
    setText('countdown-label', '');
  }
  setText('countdown', target ? countdown(target - now) : '');
  document.getElementById('countdown-box').dataset.soon = target && target - now < 60000 ? 'yes' : 'no';
  if (target && now >= target && live) {
    if (boundaryAsked.at !== target) boundaryAsked = { at: target, tries: 0, last: 0 };
    if (boundaryAsked.tries < 10 && Date.now() - boundaryAsked.last > 2000) {
      boundaryAsked.tries += 1;
      boundaryAsked.last = Date.now();
      live.refresh();
    }
  }
}

function main() {
  if (!eventId) {
    showForbidden('main');
    return;
  }
  document.getElementById('dashboard-link').href = `/events/${eventId}`;
  live = liveFigures(eventId, {
    onFigures: render,
    onStatus: (state) => showConnection('connection', state),
    onForbidden: () => {
      showConnection('connection', 'no access');
      showForbidden('main');
    },
  });
  setInterval(tick, 250);
  setInterval(() => {
    if (!latest || (pages.current <= 1 && pages.next <= 1)) return;
    page += 1;
    layout();
  }, PAGE_MS);
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(layout, 150);
  });
}

main();
