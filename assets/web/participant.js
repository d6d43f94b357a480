// /events/{id}/participants/{pid}: one participant of the event (docs/LIVE_VIEW.md, "Search and the
// participant page"): who they are, their entries newest first, their B2B meetings, their revoked
// badges, and the forms that revoke the badge or issue a new one. The forms post to the hub, which
// answers 303 back here with ?done=revoked|reissued or ?error=invalid|storage.
import {
  el,
  eventIdFromPath,
  fill,
  fillSessionBar,
  getJSON,
  getSession,
  keyLabel,
  participantIdFromPath,
  participantPath,
  participantStatus,
  personName,
  setText,
  show,
  showForbidden,
  stateLabel,
  TABLE_STATES,
  timeFormats,
  utf8Length,
} from './app.js';

const REASON_MAX_BYTES = 500;

const ENTRY_KINDS = {
  checkin: 'Check-in',
  checkout: 'Check-out',
  rejected_scan: 'Refused scan',
  manual_checkin: 'Manual check-in',
  meeting_held: 'Scan at a B2B table',
  walkin_meeting: 'Walk-in meeting',
  feedback: 'Meeting feedback',
  badge_reprint: 'Badge reprinted',
};

const OUTCOMES = {
  accepted: 'Accepted',
  already_checked_in: 'Refused: already checked in',
  not_event_day: 'Refused: not a day of the event',
  not_admitted: 'Refused: not admitted at this checkpoint',
  blocked: 'Refused: participant blocked',
  cancelled: 'Refused: registration cancelled',
  unknown_code: 'Refused: unknown code',
  revoked: 'Refused: revoked badge',
  other_event: 'Refused: badge of another event',
  bad_signature: 'Refused: forged or damaged badge',
  unknown_key: 'Refused: signed with an unknown key',
  malformed: 'Refused: unreadable code',
};

// A meeting's schedule status; where the hub judged the meeting (`state`, from both partners'
// scans at the B2B tables, as the dashboard's tables), that is shown instead.
const MEETING_STATUS = {
  scheduled: 'Scheduled',
  held: 'Held',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

function meetingStatusCell(m) {
  if (m.status !== 'cancelled' && m.state) {
    const mark = (TABLE_STATES[m.state] || { mark: '' }).mark;
    return el('span', { className: 'state state-' + m.state }, (mark ? mark + ' ' : '') + stateLabel(m.state));
  }
  return el('span', { className: 'meeting-status status-' + m.status }, MEETING_STATUS[m.status] || m.status);
}

const eventId = eventIdFromPath();
const participantId = participantIdFromPath();
let times = timeFormats('UTC');
let severalDays = false;

function when(ms) {
  return severalDays ? times.dateTimeSeconds(ms) : times.timeSeconds(ms);
}

function span(startMs, endMs) {
  const start = severalDays ? times.dateTime(startMs) : times.time(startMs);
  return `${start}–${times.time(endMs)}`;
}

// --- What the hub said after a form ----------------------------------------------------------

function notice(kind, ...children) {
  const box = fill('notice', ...children);
  box.dataset.kind = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  show(box, true);
}

function showOutcome(params, person) {
  const done = params.get('done');
  const error = params.get('error');
  if (done === 'revoked') {
    notice('done', 'The badge was revoked. Every kiosk refuses it from its next sync.');
  } else if (done === 'reissued') {
    notice(
      'done',
      `A new badge was issued: no. ${person.badge_serial}. Every older badge is refused from the kiosks’ next sync. `,
      el('a', { href: badgePath(), download: '' }, 'Download it to print (PDF)'),
      '.',
    );
  } else if (error === 'invalid') {
    notice('error', `Nothing was changed: the hub did not accept the badge number or the reason (at most ${REASON_MAX_BYTES} bytes).`);
  } else if (error === 'storage') {
    notice(
      'error',
      'Nothing was changed. This hub serves from PostgreSQL: revoke on the event file with ',
      el('code', null, 'passerelle-hub badges revoke'),
      ' (or issue a new badge with ',
      el('code', null, 'badges reissue'),
      '), then publish.',
    );
  }
  // A reload shows the page as it is, not the message again.
  if (done || error) history.replaceState(null, '', location.pathname);
}

// --- The page --------------------------------------------------------------------------------

function fact(label, ...value) {
  return el('div', { className: 'fact' }, el('dt', null, label), el('dd', null, ...value));
}

function dash(text) {
  return text ? text : el('span', { className: 'muted' }, '–');
}

function renderPerson(p, revokedSerials) {
  const name = personName(p.name);
  setText('name', name);
  document.getElementById('name').classList.toggle('muted', !p.name);
  setText('organisation', p.organisation || '');
  show('organisation', !!p.organisation);
  show('erased', !!p.erased);
  document.title = name + ' · Passerelle';
  const current = revokedSerials.has(p.badge_serial);
  const statusTag = p.status !== 'registered' ? el('span', { className: 'tag warn' }, participantStatus(p.status)) : participantStatus(p.status);
  fill(
    'facts',
    fact('Status', statusTag),
    fact('Badge', el('span', { id: 'fact-badge' }, `no. ${p.badge_serial}`), current ? el('span', { className: 'tag warn' }, 'revoked') : null),
    fact('Country', p.country ? keyLabel('country', p.country) : dash('')),
    fact('Sector', dash(p.sector)),
    fact('Organisation type', p.org_type && p.org_type !== 'unspecified' ? keyLabel('org_type', p.org_type) : dash('')),
    p.role ? fact('Role', p.role) : null,
    fact('Tags', (p.tags || []).length ? (p.tags || []).map((tag) => el('span', { className: 'tag' }, tag)) : dash('')),
    fact('Registration id', dash(p.external_id)),
    fact('Email', p.email ? el('span', { className: 'email' }, p.email) : dash('')),
  );
}

function renderEntries(entries, limit, kiosks) {
  setText('entries-note', entries.length >= limit ? `The newest ${limit}, newest first, in the event’s time.` : entries.length ? 'Newest first, in the event’s time.' : '');
  fill(
    'entries',
    entries.length
      ? entries.map((e) => {
          const accepted = e.outcome === 'accepted';
          return el(
            'tr',
            { className: accepted ? '' : 'refused' },
            el('th', { scope: 'row', className: 'when' }, el('time', null, when(e.at_ms))),
            el('td', { data: { label: 'Entry' } }, ENTRY_KINDS[e.kind] || e.kind),
            el('td', { data: { label: 'Outcome' } }, el('span', { className: 'outcome ' + (accepted ? 'ok' : 'no') }, el('span', { attrs: { 'aria-hidden': 'true' } }, accepted ? '✓ ' : '✗ '), OUTCOMES[e.outcome] || e.outcome)),
            el('td', { data: { label: 'Checkpoint' } }, dash(e.checkpoint)),
            el('td', { className: 'kiosk', data: { label: 'Kiosk', device: e.device_id || '' }, title: e.device_id || '' }, kiosks.get(e.device_id) || shortDevice(e.device_id)),
          );
        })
      : el('tr', null, el('td', { colSpan: 5, className: 'muted' }, 'No entry yet: this person has not been scanned.')),
  );
}

function shortDevice(id) {
  if (!id) return '–';
  return id.length > 13 ? id.slice(0, 8) + '…' : id;
}

function renderMeetings(meetings) {
  setText('meetings-note', meetings.length ? 'In the event’s time. Held when both partners scanned at the B2B tables in the meeting’s time, as on the dashboard.' : '');
  fill(
    'meetings',
    meetings.length
      ? meetings.map((m) => {
          const partner = m.partner || {};
          return el(
            'tr',
            { className: m.status === 'cancelled' ? 'cancelled' : '' },
            el('th', { scope: 'row', className: 'when' }, span(m.start_ms, m.end_ms)),
            el('td', { data: { label: 'Table' } }, dash(m.table), m.origin === 'walk_in' ? el('span', { className: 'tag' }, 'walk-in') : null),
            el(
              'td',
              { data: { label: 'Partner' }, className: 'partner-cell' },
              partner.id ? el('a', { href: participantPath(eventId, partner.id), className: 'name' + (partner.name ? '' : ' muted') }, personName(partner.name)) : dash(''),
              partner.organisation ? el('span', { className: 'org' }, partner.organisation) : null,
            ),
            el('td', { data: { label: 'Status' } }, meetingStatusCell(m)),
          );
        })
      : el('tr', null, el('td', { colSpan: 4, className: 'muted' }, 'No B2B meeting.')),
  );
}

function badgePath() {
  return `/web/events/${eventId}/participants/${participantId}/badge.pdf`;
}

function renderBadge(card, revokedSerials) {
  const p = card.participant;
  // A revoked badge, or a person who may not come in, gets no download.
  const download = document.getElementById('badge-download');
  download.href = badgePath();
  download.textContent = `Download badge no. ${p.badge_serial} (PDF)`;
  const currentRevoked = revokedSerials.has(p.badge_serial);
  setText('badge-serial', `no. ${p.badge_serial}` + (currentRevoked ? ' (revoked)' : ''));
  const revocations = card.revocations || [];
  show('revocations-box', revocations.length > 0);
  fill(
    'revocations',
    revocations.map((r) =>
      el(
        'li',
        { data: { serial: String(r.badge_serial) } },
        el('strong', null, `Badge no. ${r.badge_serial}`),
        ' · revoked ',
        el('time', null, times.dateTime(r.revoked_ms)),
        r.reason ? el('span', { className: 'reason' }, r.reason) : null,
      ),
    ),
  );
  const base = `/web/events/${eventId}/participants/${participantId}`;
  for (const id of ['revoke-form', 'reissue-form']) {
    const form = document.getElementById(id);
    form.action = base + (id === 'revoke-form' ? '/revoke' : '/reissue');
    form.elements.csrf.value = card.csrf;
  }
  // The current badge revoked already: what is left is to issue a new one.
  show('revoke-form', !currentRevoked);
  show('download-box', !currentRevoked && p.status === 'registered');
  setText('revoke-text', `Every kiosk refuses badge no. ${p.badge_serial} from its next sync. The person has no valid badge until a new one is issued.`);
  setText('revoke-confirm-text', `Yes, revoke badge no. ${p.badge_serial}`);
  setText('reissue-text', `For a lost or damaged badge: the new badge is no. ${p.badge_serial + 1}, and every older one is refused.`);
}

// A form's button works only once its confirmation is ticked (the box is also `required`), and
// only once: a second click while the hub answers would post twice.
function guard(formId, confirmId, buttonId, check) {
  const form = document.getElementById(formId);
  const confirm = document.getElementById(confirmId);
  const button = document.getElementById(buttonId);
  const sync = () => (button.disabled = !confirm.checked);
  confirm.addEventListener('change', sync);
  sync();
  form.addEventListener('submit', (event) => {
    if (!confirm.checked || (check && !check())) {
      event.preventDefault();
      return;
    }
    setTimeout(() => (button.disabled = true), 0);
  });
}

function setUpForms() {
  const reason = document.getElementById('reason');
  const reasonOk = () => {
    const tooLong = utf8Length(reason.value) > REASON_MAX_BYTES;
    reason.setCustomValidity(tooLong ? `A reason is at most ${REASON_MAX_BYTES} bytes; this one is ${utf8Length(reason.value)}.` : '');
    return !tooLong;
  };
  reason.addEventListener('input', reasonOk);
  guard('revoke-form', 'revoke-confirm', 'revoke-button', () => reasonOk() || (reason.reportValidity(), false));
  guard('reissue-form', 'reissue-confirm', 'reissue-button');
}

function showMissing() {
  fill(
    'main',
    el(
      'section',
      { className: 'card forbidden', attrs: { role: 'alert' } },
      el('h2', null, 'No such participant in this event'),
      el('p', null, 'The link may be of another event, or the person was never registered in this one. Search for them from the dashboard.'),
      el('p', null, el('a', { href: eventId ? `/events/${eventId}` : '/' }, 'Back to the dashboard')),
    ),
  );
}

// The kiosks' names by device id, from the figures (best effort: ids stay shown otherwise).
async function kioskNames() {
  try {
    const figures = await getJSON(`/web/events/${eventId}/figures`);
    return new Map((figures.kiosks || []).filter((k) => k.name).map((k) => [k.device_id, k.name]));
  } catch (error) {
    return new Map();
  }
}

async function main() {
  if (!eventId || participantId === null) {
    showMissing();
    return;
  }
  document.getElementById('back').href = `/events/${eventId}`;
  const sessionAsked = getSession().catch(() => null);
  let card;
  try {
    card = await getJSON(`/web/events/${eventId}/participants/${participantId}`);
  } catch (error) {
    sessionAsked.then((session) => session && fillSessionBar(session));
    if (error.status === 403) return showForbidden('main');
    if (error.status === 404) return showMissing();
    setText('status', error.status ? `The hub answered with an error (${error.status}). Reload the page to try again.` : 'The hub could not be reached. Reload the page to try again.');
    return;
  }
  const session = await sessionAsked;
  const event = session ? (session.events || []).find((e) => e.id === eventId) : null;
  if (session) fillSessionBar(session);
  if (event) {
    times = timeFormats(event.timezone);
    severalDays = (event.days || []).length > 1;
    setText('back', `← Dashboard · ${event.name}`);
  }
  const p = card.participant;
  const revokedSerials = new Set((card.revocations || []).map((r) => r.badge_serial));
  renderPerson(p, revokedSerials);
  const entries = card.entries || [];
  const needKiosks = entries.some((e) => e.device_id);
  renderEntries(entries, card.entries_limit || 200, new Map());
  renderMeetings(card.meetings || []);
  renderBadge(card, revokedSerials);
  setUpForms();
  showOutcome(new URLSearchParams(location.search), p);
  setText('updated', `As of ${times.timeSeconds(Date.now())} (event time)${event ? ' · ' + event.timezone : ''}. Reload the page for newer entries.`);
  show('status', false);
  show('content', true);
  document.body.dataset.loaded = 'yes';
  if (needKiosks) renderEntries(entries, card.entries_limit || 200, await kioskNames());
}

main();
