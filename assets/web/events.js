// GET /: the account's events, from /web/session.
import { el, fill, fillSessionBar, getSession, setText, timeFormats } from './app.js';

async function main() {
  let session;
  try {
    session = await getSession();
  } catch (error) {
    setText('status', 'The hub could not be reached. Reload the page to try again.');
    return;
  }
  fillSessionBar(session);
  const events = session.events || [];
  setText('status', events.length ? '' : 'Your account has no events yet. Ask the hub’s administrator to give you one.');
  document.getElementById('status').hidden = events.length > 0;
  fill(
    'events',
    events.map((event) => {
      const times = timeFormats(event.timezone);
      const days = event.days || [];
      const when = days.length > 1 ? `${times.day(days[0])} – ${times.day(days[days.length - 1])}` : times.day(days[0]);
      return el(
        'li',
        { className: 'card event' },
        el('h2', null, el('a', { href: '/events/' + event.id }, event.name || 'Event ' + event.id)),
        el('p', null, [event.venue, when].filter(Boolean).join(' · ')),
        el('p', { className: 'small muted' }, `Time zone ${event.timezone}`),
        el(
          'p',
          { className: 'actions' },
          el('a', { className: 'button', href: '/events/' + event.id }, 'Dashboard'),
          ' ',
          el('a', { className: 'button secondary', href: '/events/' + event.id + '/wall' }, 'Wall of the B2B hall'),
        ),
      );
    }),
  );
  if (session.expires_ms) {
    const local = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
    setText('expires', `Signed in as ${session.account} until ${local.format(session.expires_ms)}.`);
  }
}

main();
