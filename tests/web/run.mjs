// The organiser pages in a real browser against a real hub (issue #15, docs/LIVE_VIEW.md).
//
//   node run.mjs TEST HUB_BINARY SOURCE_DIR BUILD_DIR
//
// Each TEST is its own CTest (tests/web/CMakeLists.txt): it makes an event file in
// BUILD_DIR/work/TEST, starts `passerelle-hub serve` on 127.0.0.1, drives Debian's Chromium and
// stops the hub after. Screenshots go to BUILD_DIR/screenshots. Exit 0 passed, 1 failed.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Hub,
  PASSWORD,
  PEOPLE,
  SIZES,
  check,
  daytimeZone,
  fullName,
  launchBrowser,
  localParts,
  login,
  newPage,
  noProblems,
  text,
  waitText,
} from './lib.mjs';

const [testName, binary, sourceDir, buildDir] = process.argv.slice(2);
if (!testName || !binary || !sourceDir || !buildDir) {
  console.error('usage: node run.mjs TEST HUB_BINARY SOURCE_DIR BUILD_DIR');
  process.exit(2);
}
const workDir = path.join(buildDir, 'work', testName);
const shotDir = path.join(buildDir, 'screenshots');

// An event of today with PEOPLE, an account "alice" for it, the hub serving; `b2b` adds a session.
async function setUp({ b2b = null, timezone, sessionTtl = '' }) {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const hub = new Hub({ binary, dir: workDir, sourceDir, sessionTtl });
  const day = localParts(Date.now(), timezone).day;
  const eventId = hub.addEvent({ name: 'Forum Transfrontalier', timezone, day, ...(b2b || {}) });
  hub.addAccount('alice', [eventId]);
  await hub.start();
  return { hub, eventId, timezone, day };
}

async function checkedIn(page) {
  return Number((await text(page, '#checked-in')).replace(/[^0-9]/g, ''));
}

async function openDashboard(page, hub, eventId) {
  await login(page, hub, 'alice', { next: `/events/${eventId}` });
  check(new URL(page.url()).pathname === `/events/${eventId}`, 'after login the page is ' + page.url());
  await waitText(page, '#connection', 'Live');
  await waitText(page, '#event-name', 'Forum Transfrontalier');
}

const tests = {
  // A good password: the events page, the dashboard with the event's figures, and log out.
  async login({ hub, eventId, browser }) {
    const { page } = await newPage(browser);
    const first = await page.goto(hub.url + '/login');
    const headers = first.headers();
    check(/default-src 'self'/.test(headers['content-security-policy'] || ''), 'the login page has its CSP: ' + headers['content-security-policy']);
    check(headers['x-content-type-options'] === 'nosniff', 'nosniff');
    await login(page, hub, 'alice');
    check(new URL(page.url()).pathname === '/', 'login without next goes to /, not ' + page.url());
    await waitText(page, '#events h2', 'Forum Transfrontalier');
    await waitText(page, '#account', 'alice');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'psw');
    check(session && session.httpOnly && session.sameSite === 'Strict', 'the session cookie is HttpOnly and SameSite=Strict: ' + JSON.stringify(session));
    await Promise.all([page.waitForURL(`**/events/${eventId}`), page.click(`#events a[href="/events/${eventId}"]`)]);
    await waitText(page, '#connection', 'Live');
    await waitText(page, '#expected', String(PEOPLE.length));
    await waitText(page, '#checked-in', '0');
    // Log out: the form posts the CSRF token; the session is over.
    await page.goto(hub.url + '/');
    await page.waitForFunction(() => document.getElementById('csrf').value !== '');
    await Promise.all([page.waitForURL(/\/login\?error=out/), page.click('#logout button')]);
    await waitText(page, '#reason', 'You are logged out.');
    const after = await page.evaluate(async () => (await fetch('/web/session')).status);
    check(after === 401, 'after logout /web/session answers ' + after);
    noProblems(page);
  },

  // A wrong password, and a name that has no account, are refused alike; no session is made.
  async wrong_password({ hub, browser }) {
    const { page } = await newPage(browser, SIZES.phone);
    await login(page, hub, 'alice', { password: 'not the password at all', next: '/events/1' });
    const url = new URL(page.url());
    check(url.pathname === '/login' && url.searchParams.get('error') === 'wrong', 'a wrong password comes back to ' + page.url());
    await waitText(page, '#reason', 'Wrong name or password.');
    check((await page.context().cookies()).every((c) => c.name !== 'psw'), 'no session cookie after a wrong password');
    await login(page, hub, 'nobody-here', { password: PASSWORD });
    check(new URL(page.url()).searchParams.get('error') === 'wrong', 'an unknown name comes back to ' + page.url());
    const status = await page.evaluate(async () => (await fetch('/web/session')).status);
    check(status === 401, '/web/session without a session answers ' + status);
    await page.screenshot({ path: path.join(shotDir, 'login-wrong-phone.png') });
    noProblems(page);
  },

  // A session that ends while its page is open: closed on the hub (a new password set from the
  // command line closes every session of the account), then expired (this hub's sessions last
  // 10 s). Each time the stream ends, its reconnection gets 401, and the page goes to the login
  // form by itself, which brings the organiser back to the page.
  async session_ended({ hub, eventId, timezone, browser }) {
    const { page } = await newPage(browser);
    await openDashboard(page, hub, eventId);
    await hub.enrol(eventId);
    hub.cli(['account', 'password', 'alice'], { input: 'another long password\n' });
    await hub.upload([{ participant: 'T-01' }], timezone); // wakes the stream, which re-checks
    await page.waitForURL(/\/login\?error=ended/, { timeout: 10000 });
    check(new URL(page.url()).searchParams.get('next') === `/events/${eventId}`, 'next names the dashboard: ' + page.url());
    await waitText(page, '#reason', 'Your session has ended. Please log in again.');
    await page.fill('#name', 'alice');
    await page.fill('#password', 'another long password');
    const loggedIn = Date.now();
    await Promise.all([page.waitForURL(`**/events/${eventId}`), page.click('#submit')]);
    await waitText(page, '#connection', 'Live');
    await waitText(page, '#checked-in', '1');
    // Nothing happens at the event: the session's end alone sends the page away.
    await page.waitForURL(/\/login\?error=ended/, { timeout: 25000 });
    const lasted = (Date.now() - loggedIn) / 1000;
    check(lasted >= 9, `the session lasted its 10 s (${lasted} s)`);
    const status = await page.evaluate(async () => (await fetch('/web/session')).status);
    check(status === 401, 'an expired session is refused: ' + status);
    noProblems(page);
  },

  // An organiser of another event: the page says so, the routes answer 403 (the same for an event
  // that does not exist), and the events page lists only theirs.
  async other_event({ hub, eventId, timezone, day, browser }) {
    const other = hub.addEvent({ name: 'Another Forum', timezone, day });
    // Two more of bob's, with a B2B session that ended 10 minutes ago: one never had a meeting,
    // the other's are over.
    const b2bStart = localParts(Date.now() - 30 * 60000, timezone).hhmm;
    const empty = hub.addEvent({ name: 'Forum without meetings', timezone, day, b2bStart, slots: 4 });
    const over = hub.addEvent({ name: 'Forum after the meetings', timezone, day, b2bStart, slots: 4 });
    hub.importSchedule(over, [{ a: 'T-01', b: 'T-02', start: b2bStart, table: 'Table 1' }]);
    hub.addAccount('bob', [other, empty, over]);
    const { page } = await newPage(browser);
    await login(page, hub, 'bob', { next: `/events/${eventId}` });
    await waitText(page, '#main h2', 'No access to this event');
    const statuses = await page.evaluate(async (id) => {
      const get = async (route) => (await fetch(route)).status;
      return [await get(`/web/events/${id}/figures`), await get(`/web/events/${id}/stream`), await get('/web/events/999/figures')];
    }, eventId);
    check(statuses.every((s) => s === 403), 'the other event answers 403 (figures, stream, missing event): ' + statuses);
    await page.goto(hub.url + `/events/${eventId}/wall`);
    await waitText(page, '#main h2', 'No access to this event');
    await page.goto(hub.url + '/');
    await waitText(page, '#events h2', 'Another Forum');
    check((await page.$$('#events li')).length === 3, 'bob sees his three events');
    // bob's own event has no B2B session: no meetings on the dashboard, and the wall says so.
    await page.goto(hub.url + `/events/${other}`);
    await waitText(page, '#event-name', 'Another Forum');
    check(await page.isHidden('#b2b'), 'no B2B section without a session');
    await page.goto(hub.url + `/events/${other}/wall`);
    await waitText(page, '#round-message', 'This event has no B2B session.');
    // A session without a meeting has not ended: the wall and the dashboard say none is scheduled.
    await page.goto(hub.url + `/events/${empty}/wall`);
    await waitText(page, '#round-message', 'No meetings scheduled yet.');
    await waitText(page, '#round-when', 'No meetings scheduled yet');
    await page.screenshot({ path: path.join(shotDir, 'wall-empty-desktop.png') });
    await page.goto(hub.url + `/events/${empty}`);
    await waitText(page, '#current-round', 'No meetings scheduled yet.');
    await page.goto(hub.url + `/events/${over}/wall`);
    await waitText(page, '#round-message', 'The B2B meetings are over for today. Thank you!');
    await waitText(page, '#round-when', 'No more rounds today');
    noProblems(page);

    // An event taken away from an account while its dashboard is open: the page says so.
    const { page: alice } = await newPage(browser);
    await openDashboard(alice, hub, eventId);
    hub.cli(['account', 'events', 'alice', '--event', String(other)]);
    await hub.enrol(eventId);
    await hub.upload([{ participant: 'T-01' }], timezone); // wakes the stream, which re-checks
    await waitText(alice, '#main h2', 'No access to this event');
    await waitText(alice, '#connection', 'no access');
    noProblems(alice);
  },

  // A check-in uploaded by a kiosk after the page loaded shows without a reload.
  async live_checkin({ hub, eventId, timezone, browser }) {
    await hub.enrol(eventId);
    await hub.upload([{ participant: 'T-02' }], timezone);
    const { page } = await newPage(browser);
    await openDashboard(page, hub, eventId);
    await waitText(page, '#checked-in', '1');
    await page.evaluate(() => (window.notReloaded = true));
    await hub.upload([{ participant: 'T-06' }], timezone);
    await waitText(page, '#checked-in', '2');
    await waitText(page, '#recent li:first-child .name', fullName('T-06'));
    check(await page.evaluate(() => window.notReloaded === true), 'the page was not reloaded');
    // The name that looks like HTML is text: no element was made of it.
    check((await page.$$('#recent img')).length === 0, 'a name made no element');
    await waitText(page, '#kiosks th', /^Door 1/);
    noProblems(page);
  },

  // The hub restarts under an open page: the page says it is reconnecting, comes back by itself,
  // resumes with Last-Event-ID, and counts every check-in once.
  async restart_resume({ hub, eventId, timezone, browser }) {
    await hub.enrol(eventId);
    await hub.upload([{ participant: 'T-01' }, { participant: 'T-03' }], timezone);
    const { page } = await newPage(browser);
    const resumed = [];
    page.on('request', async (request) => {
      if (request.url().endsWith('/stream')) resumed.push((await request.allHeaders())['last-event-id'] || '');
    });
    await openDashboard(page, hub, eventId);
    await waitText(page, '#checked-in', '2');
    await page.evaluate(() => (window.notReloaded = true));
    const feedBefore = await page.evaluate(() => document.body.dataset.feed);
    await hub.stop();
    await waitText(page, '#connection', 'Reconnecting…');
    await hub.start();
    await waitText(page, '#connection', 'Live', 20000);
    check(resumed.slice(1).includes(feedBefore), `the stream resumed with Last-Event-ID ${feedBefore}; sent: ${JSON.stringify(resumed)}`);
    await hub.upload([{ participant: 'T-04' }], timezone);
    await waitText(page, '#checked-in', '3');
    // Nothing counted twice: three people, three lines in the newest check-ins.
    await sleep(500);
    check((await checkedIn(page)) === 3, 'three check-ins, not more');
    const names = await page.$$eval('#recent li .name', (nodes) => nodes.map((n) => n.textContent));
    check(names.length === 3 && new Set(names).size === 3, 'each check-in once in the list: ' + JSON.stringify(names));
    check(await page.evaluate(() => window.notReloaded === true), 'the page was not reloaded');
    noProblems(page);
  },

  // The search box asks the hub, which searches everyone registered (not only who checked in),
  // accents and case ignored; 250 ms after the last key, one question in flight at most (a newer
  // one aborts it); a result opens the participant's page.
  async search({ hub, eventId, timezone, browser }) {
    await hub.enrol(eventId);
    await hub.upload(['T-01', 'T-02'].map((participant) => ({ participant })), timezone);
    const { page } = await newPage(browser);
    const asked = [];
    const aborted = [];
    const question = (request) => (/\/web\/events\/\d+\/search\?/.test(request.url()) ? new URL(request.url()).searchParams.get('q') : null);
    page.on('request', (request) => question(request) !== null && asked.push(question(request)));
    page.on('requestfailed', (request) => question(request) !== null && aborted.push(question(request)));
    await openDashboard(page, hub, eventId);
    await waitText(page, '#checked-in', '2');
    check((await page.getAttribute('#search', 'maxlength')) === '200', 'the search box takes at most 200 characters');
    // Chloé Martin never checked in. Five keystrokes in a row (here within one task, so that a
    // slow machine cannot space them out) ask the hub once, for the whole text.
    await page.focus('#search');
    await page.evaluate(() => {
      const input = document.getElementById('search');
      for (const typed of ['C', 'CH', 'CHL', 'CHLO', 'CHLOE']) {
        input.value = typed;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    await waitText(page, '#search-result', '1 person found.');
    await waitText(page, '#search-results li .name', fullName('T-12'));
    check(asked.length === 1 && asked[0] === 'CHLOE', 'typing asked the hub once, after the last key: ' + JSON.stringify(asked));
    await page.fill('#search', 'lukasz');
    await waitText(page, '#search-results li .name', fullName('T-05'));
    await page.fill('#search', 'universitat');
    await waitText(page, '#search-results li .org', 'Universität Aachen · Germany');
    // A name that looks like HTML is text.
    await page.fill('#search', 'mallory');
    await waitText(page, '#search-results li .name', fullName('T-06'));
    check((await page.$$('#search-results img, #search-results b')).length === 0, 'a name made no element');
    await page.fill('#search', 'e');
    await waitText(page, '#search-result', /^\d+ people found\.$/);
    await page.screenshot({ path: path.join(shotDir, 'dashboard-search-desktop.png') });
    await page.setViewportSize(SIZES.phone);
    await page.screenshot({ path: path.join(shotDir, 'dashboard-search-phone.png') });
    await page.setViewportSize(SIZES.desktop);
    await page.fill('#search', 'nobody at all');
    await waitText(page, '#search-result', 'No one found.');
    check(await page.isHidden('#search-results'), 'no list when no one is found');
    // A slow answer is aborted by the next question and never shown: "j" (three people) is held
    // by the network, "jur" (one) asked meanwhile.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/web/events/*/search?*', async (route) => {
      if (new URL(route.request().url()).searchParams.get('q') === 'j') await held;
      await route.continue().catch(() => {});
    });
    await page.fill('#search', 'j');
    await page.waitForFunction(() => document.getElementById('search-result').textContent === 'Searching…');
    const abortedJ = page.waitForEvent('requestfailed', { predicate: (request) => question(request) === 'j', timeout: 5000 });
    await page.fill('#search', 'jur');
    await abortedJ;
    release(); // too late: the page no longer listens for it
    await waitText(page, '#search-result', '1 person found.');
    await waitText(page, '#search-results li .name', fullName('T-03'));
    await page.unroute('**/web/events/*/search?*');
    check(asked.filter((q) => q === 'j' || q === 'jur').join() === 'j,jur', 'one question each: ' + JSON.stringify({ asked, aborted }));
    // Emptied: no list, no question.
    const before = asked.length;
    await page.fill('#search', '');
    await waitText(page, '#search-result', '');
    check(await page.isHidden('#search-results'), 'an empty search shows no list');
    check(asked.length === before, 'an empty search asks nothing');
    // A result opens the participant's page.
    await page.fill('#search', 'chloé mart');
    await waitText(page, '#search-results li .name', fullName('T-12'));
    await Promise.all([page.waitForURL(new RegExp(`/events/${eventId}/participants/\\d+$`)), page.click('#search-results a')]);
    await waitText(page, '#name', fullName('T-12'));
    await waitText(page, '#entries td', 'No entry yet: this person has not been scanned.');
    noProblems(page);
  },

  // A participant's page: who, entries, meetings with links to the partners' pages; revoking the
  // badge and issuing a new one through the page's forms (each with its confirmation); a form
  // without the session's CSRF token refused; the hub's refusals worded; a participant of another
  // event, an erased one, and the page without a session. Screenshots at phone and desktop sizes.
  async participant({ hub, eventId, timezone, day, browser, plan }) {
    hub.importSchedule(eventId, plan.meetings);
    const other = hub.addEvent({ name: 'Another Forum', timezone, day });
    hub.cli(['account', 'events', 'alice', '--event', String(eventId), '--event', String(other)]);
    await hub.enrol(eventId, 'Door 1');
    await hub.upload([{ participant: 'T-01' }], timezone);
    await hub.upload([{ participant: 'T-01', checkpoint: 'B2B tables', kind: 'meeting_held' }], timezone);
    const url = (event, id) => `${hub.url}/events/${event}/participants/${id}`;

    // Without a session: the login form, then back to the page (Renée is participant 1, the
    // first imported). The desktop page shares the phone's session.
    const { page: phone, context: phoneContext } = await newPage(browser, SIZES.phone);
    await phone.goto(url(eventId, 1));
    await phone.waitForURL(/\/login\?error=ended/);
    check(new URL(phone.url()).searchParams.get('next') === `/events/${eventId}/participants/1`, 'next names the page: ' + phone.url());
    await phone.fill('#name', 'alice');
    await phone.fill('#password', PASSWORD);
    await Promise.all([phone.waitForURL(`**/participants/1`), phone.click('#submit')]);
    await waitText(phone, '#name', fullName('T-01'));
    const { page } = await newPage(browser, SIZES.desktop, { storageState: await phoneContext.storageState() });
    await page.goto(hub.url + '/');
    await waitText(page, '#account', 'alice');
    const idOf = (event, externalId) =>
      page.evaluate(
        async ([event, externalId, surname]) => {
          const found = await (await fetch(`/web/events/${event}/search?q=${encodeURIComponent(surname)}`)).json();
          return found.results.find((r) => r.external_id === externalId).id;
        },
        [event, externalId, fullName(externalId).split(' ').pop()],
      );
    const renee = await idOf(eventId, 'T-01');
    const jan = await idOf(eventId, 'T-02');
    const chloe = await idOf(eventId, 'T-12');
    const elsewhere = await idOf(other, 'T-01');
    check(renee === 1, 'Renée is participant 1: ' + renee);

    await page.goto(url(eventId, renee));
    await waitText(page, '#name', fullName('T-01'));
    await waitText(page, '#organisation', 'Acme Énergie');
    await waitText(page, '#back', '← Dashboard · Forum Transfrontalier');
    check((await page.getAttribute('#back', 'href')) === `/events/${eventId}`, 'the back link goes to the dashboard');
    const facts = await text(page, '#facts');
    for (const wanted of ['Registered', 'no. 1', 'France', 'Energy', 'SME', 'b2b', 'T-01', 'p1@example.org']) check(facts.includes(wanted), `the facts show ${wanted}: ${facts}`);
    // Entries, newest first, the kiosk by its name.
    const entry = (n, column) => `#entries tr:nth-child(${n}) > :nth-child(${column})`;
    await waitText(page, entry(1, 2), 'Scan at a B2B table');
    await waitText(page, entry(2, 2), 'Check-in');
    await waitText(page, entry(2, 3), '✓ Accepted');
    await waitText(page, entry(2, 4), 'Entrance');
    await waitText(page, entry(2, 5), 'Door 1');
    check(/^\d\d:\d\d:\d\d$/.test(await text(page, entry(2, 1))), 'an entry\'s time reads hh:mm:ss: ' + (await text(page, entry(2, 1))));
    // Meetings, by time, the partner a link to their page.
    check((await page.$$('#meetings tr')).length === 3, 'Renée has three meetings');
    await waitText(page, '#meetings tr:first-child td:nth-child(2)', 'Hall A, table 1');
    await waitText(page, '#meetings tr:first-child .partner-cell a', fullName('T-02'));
    await waitText(page, '#meetings tr:first-child .partner-cell .org', 'Beta Logistics');
    // Judged from the partners' scans as the dashboard's tables are: Renée scanned, Jan not yet.
    await waitText(page, '#meetings tr:first-child td:nth-child(4)', '◐ One side here');
    await Promise.all([page.waitForURL(`**/participants/${jan}`), page.click('#meetings tr:first-child .partner-cell a')]);
    await waitText(page, '#name', fullName('T-02'));
    await waitText(page, '#meetings tr:first-child .partner-cell a', fullName('T-01'));
    await page.goBack();
    await waitText(page, '#name', fullName('T-01'));

    // Revoke: the button works once the box is ticked.
    check(await page.isDisabled('#revoke-button'), 'the revoke button waits for its confirmation');
    check(await page.isHidden('#revocations-box'), 'no revoked badge yet');
    await page.fill('#reason', 'lost at the cloakroom');
    await page.check('#revoke-confirm');
    check(await page.isEnabled('#revoke-button'), 'ticked, the revoke button works');
    await Promise.all([page.waitForNavigation(), page.click('#revoke-button')]);
    await waitText(page, '#notice', 'The badge was revoked. Every kiosk refuses it from its next sync.');
    check(new URL(page.url()).search === '', 'the message is not kept in the address: ' + page.url());
    await waitText(page, '#revocations li', /^Badge no\. 1 · revoked .*lost at the cloakroom$/);
    await waitText(page, '#badge-serial', 'no. 1 (revoked)');
    check(await page.isHidden('#revoke-form'), 'a revoked badge is not revoked again');
    check(await page.isHidden('#download-box'), 'a revoked badge is not offered to print');
    // Reissue: badge no. 2.
    check(await page.isDisabled('#reissue-button'), 'the reissue button waits for its confirmation');
    await page.check('#reissue-confirm');
    await Promise.all([page.waitForNavigation(), page.click('#reissue-button')]);
    await waitText(page, '#notice', /^A new badge was issued: no\. 2\. .*Download it to print \(PDF\)\.$/);
    await waitText(page, '#fact-badge', 'no. 2');
    // The new badge downloads from the message as from the badge's box, as a PDF.
    await waitText(page, '#badge-download', 'Download badge no. 2 (PDF)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#notice a')]);
    check(download.suggestedFilename() === 'badge-T-01-2.pdf', 'the badge downloads as badge-T-01-2.pdf: ' + download.suggestedFilename());
    const saved = path.join(shotDir, 'badge-T-01-2.pdf');
    await download.saveAs(saved);
    check(fs.readFileSync(saved).subarray(0, 5).toString() === '%PDF-', 'the download is a PDF');
    await waitText(page, '#badge-serial', 'no. 2');
    check(await page.isVisible('#revoke-form'), 'the new badge can be revoked');
    await waitText(page, '#revoke-confirm-text', 'Yes, revoke badge no. 2');

    // A form without the session's CSRF token, or with another, is refused and changes nothing.
    const refused = await page.evaluate(async (route) => {
      const post = async (body) => (await fetch(route, { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' })).status;
      return [await post({ reason: 'no token' }), await post({ csrf: 'not-the-token', reason: 'wrong token' }), await post({ csrf: '' })];
    }, `/web/events/${eventId}/participants/${renee}/revoke`);
    check(refused.every((s) => s === 403), 'revoking without the CSRF token answers 403: ' + refused);
    const reissueRefused = await page.evaluate(async (route) => (await fetch(route, { method: 'POST', body: new URLSearchParams({}), redirect: 'manual' })).status, `/web/events/${eventId}/participants/${renee}/reissue`);
    check(reissueRefused === 403, 'reissuing without the CSRF token answers 403: ' + reissueRefused);
    const card = await page.evaluate(async (route) => (await fetch(route)).json(), `/web/events/${eventId}/participants/${renee}`);
    check(card.participant.badge_serial === 2 && card.revocations.length === 1, 'nothing changed: ' + JSON.stringify(card.revocations));

    // The hub's refusals in words.
    await page.goto(url(eventId, renee) + '?error=storage');
    await waitText(page, '#notice', /This hub serves from PostgreSQL: revoke on the event file with passerelle-hub badges revoke .*then publish\.$/);
    check((await page.getAttribute('#notice', 'role')) === 'alert', 'a refusal is an alert');
    await page.goto(url(eventId, renee) + '?error=invalid');
    await waitText(page, '#notice', /^Nothing was changed: the hub did not accept/);

    // Screenshots: a page with entries, meetings, a revoked badge and a new one.
    await page.goto(url(eventId, renee) + '?done=reissued');
    await waitText(page, entry(2, 5), 'Door 1');
    await page.screenshot({ path: path.join(shotDir, 'participant-desktop.png'), fullPage: true });
    await phone.goto(url(eventId, renee) + '?done=reissued');
    await waitText(phone, entry(2, 5), 'Door 1');
    await phone.screenshot({ path: path.join(shotDir, 'participant-phone.png'), fullPage: true });
    noProblems(phone);

    // A participant of another event (one of alice's), one of no event, and an event not hers.
    await page.goto(url(eventId, elsewhere));
    await waitText(page, '#main h2', 'No such participant in this event');
    await page.goto(url(eventId, 999999));
    await waitText(page, '#main h2', 'No such participant in this event');
    const statuses = await page.evaluate(async (routes) => Promise.all(routes.map(async (route) => (await fetch(route)).status)), [
      `/web/events/${eventId}/participants/${elsewhere}`,
      `/web/events/${other}/participants/${renee}`,
      `/web/events/999/participants/${renee}`,
    ]);
    check(statuses.join() === '404,404,403', 'another event\'s participant 404, an event not hers 403: ' + statuses);
    await page.goto(url(999, renee));
    await waitText(page, '#main h2', 'No access to this event');
    // The browser logs each 404 asked for above; nothing else may be.
    page.problems = page.problems.filter((problem) => !/status of 404 \(Not Found\)$/.test(problem));

    // An erased participant: the page says so.
    hub.cli(['erase', '--event', String(eventId), '--external-id', 'T-12', '--reason', 'asked by email']);
    await page.goto(url(eventId, chloe));
    await waitText(page, '#name', '(name erased)');
    check(await page.isVisible('#erased'), 'the page says the data was erased');
    noProblems(page);
  },

  // The wall page of the B2B hall: the current round's tables and states, the next round's, and the
  // countdown; at the change of round (a minute boundary, see b2bPlan) the next round becomes current.
  async wall_round({ hub, eventId, timezone, browser, plan }) {
    hub.importSchedule(eventId, plan.meetings);
    hub.addAccount('wall', [eventId]);
    await hub.enrol(eventId, 'Hall A kiosk');
    // Table 1 held (both scanned), table 2 one side, table 3 waiting.
    await hub.upload(['T-01', 'T-02', 'T-03'].map((participant) => ({ participant, checkpoint: 'B2B tables', kind: 'meeting_held' })), timezone);
    const { page } = await newPage(browser, SIZES.wall);
    await login(page, hub, 'alice', { next: `/events/${eventId}/wall` });
    await waitText(page, '#connection', 'Live');
    await waitText(page, '#countdown-label', 'Change of round in');
    const card = (n) => `#current-tables li:nth-child(${n})`;
    await waitText(page, `${card(1)} .tstate`, /Held$/);
    await waitText(page, `${card(2)} .tstate`, /One side here$/);
    await waitText(page, `${card(3)} .tstate`, /Waiting$/);
    await waitText(page, `${card(1)} .n`, '1');
    check((await text(page, `${card(1)} .pair`)).includes(fullName('T-01')), 'table 1 names its partners');
    await waitText(page, '#next-tables li:first-child .who', `${fullName('T-01')} & ${fullName('T-03')}`);
    check(/^\d+:\d\d$/.test(await text(page, '#countdown')), 'the countdown reads m:ss');
    const before = await page.evaluate(() => document.body.dataset.current);
    await page.screenshot({ path: path.join(shotDir, 'wall-wall.png') });
    const left = plan.changeMs - Date.now();
    console.log(`the round changes in ${Math.round(left / 1000)} s`);
    // The change of round: the page asks at once when its countdown ends; 10 s of slack after.
    await page.waitForFunction((previous) => document.body.dataset.current && document.body.dataset.current !== previous, before, { timeout: left + 10000, polling: 200 });
    await waitText(page, `${card(1)} .pair`, new RegExp(fullName('T-01') + '.*' + fullName('T-03')));
    await waitText(page, `${card(1)} .tstate`, /Waiting$/);
    await waitText(page, '#next-tables li:first-child .who', `${fullName('T-01')} & ${fullName('T-04')}`);
    noProblems(page);
  },

  // Every page at phone, desktop and wall sizes, written to BUILD_DIR/screenshots to be looked at.
  async screenshots({ hub, eventId, timezone, browser, plan }) {
    hub.importSchedule(eventId, plan.meetings);
    await hub.enrol(eventId, 'Door 1');
    await hub.upload(PEOPLE.slice(0, 9).map(([participant]) => ({ participant })), timezone);
    await hub.upload(['T-01', 'T-02', 'T-03'].map((participant) => ({ participant, checkpoint: 'B2B tables', kind: 'meeting_held' })), timezone);
    await hub.upload(['T-04', 'T-05'].map((participant) => ({ participant, checkpoint: 'Hall' })), timezone);
    await hub.enrol(eventId, 'Door 2 (never synced)');
    for (const [size, viewport] of Object.entries(SIZES)) {
      const { page, context } = await newPage(browser, viewport);
      await page.goto(hub.url + '/login?error=ended&next=/');
      await page.screenshot({ path: path.join(shotDir, `login-${size}.png`) });
      await login(page, hub, 'alice');
      await waitText(page, '#events h2', 'Forum Transfrontalier');
      await page.screenshot({ path: path.join(shotDir, `events-${size}.png`), fullPage: true });
      await page.goto(hub.url + `/events/${eventId}`);
      await waitText(page, '#connection', 'Live');
      await waitText(page, '#checked-in', '9');
      await page.screenshot({ path: path.join(shotDir, `dashboard-${size}.png`), fullPage: true });
      await page.goto(hub.url + `/events/${eventId}/wall`);
      await waitText(page, '#connection', 'Live');
      await waitText(page, '#current-tables li:first-child .tstate', /Held$/);
      await page.screenshot({ path: path.join(shotDir, `wall-${size}.png`), fullPage: size === 'phone' });
      noProblems(page);
      await context.close();
    }
  },
};

// A B2B session of 5-minute slots whose second slot ends at `changeMs`, a minute boundary at
// least `leadMs` away: slot 2 is the round under way when the test looks, slot 3 the next, slot 4
// the one after. The wall test waits for the change, so its lead is short (time to set up, log in
// and look at the round first); the others must not see it happen, so theirs outlasts them. Meetings by table: 1 T-01/T-02, 2 T-03/T-04, 3 T-05/T-06 in slot 2; then T-01
// meets T-03 and T-04 in slots 3 and 4.
function b2bPlan(timezone, leadMs) {
  const now = Date.now();
  let changeMs = Math.ceil(now / 60000) * 60000;
  while (changeMs - now < leadMs) changeMs += 60000;
  const start = localParts(changeMs - 10 * 60000, timezone).hhmm;
  const at = (ms) => localParts(ms, timezone).hhmm;
  const slot2 = at(changeMs - 5 * 60000);
  const slot3 = at(changeMs);
  const slot4 = at(changeMs + 5 * 60000);
  const meetings = [
    { a: 'T-07', b: 'T-08', start: at(changeMs - 10 * 60000), table: 'Table 4' },
    { a: 'T-01', b: 'T-02', start: slot2, table: 'Table 1' },
    { a: 'T-03', b: 'T-04', start: slot2, table: 'Table 2' },
    { a: 'T-05', b: 'T-06', start: slot2, table: 'Table 3' },
    { a: 'T-01', b: 'T-03', start: slot3, table: 'Table 1' },
    { a: 'T-02', b: 'T-05', start: slot3, table: 'Table 2' },
    { a: 'T-01', b: 'T-04', start: slot4, table: 'Table 1' },
    { a: 'T-06', b: 'T-07', start: slot4, table: 'Table 3' },
  ];
  return { changeMs, meetings, session: { b2bStart: start, slots: 4 } };
}

async function main() {
  const test = tests[testName];
  if (!test) {
    console.error(`no test named ${testName}; tests: ${Object.keys(tests).join(', ')}`);
    return 2;
  }
  fs.mkdirSync(shotDir, { recursive: true });
  const needsB2b = ['wall_round', 'screenshots', 'participant'].includes(testName);
  const timezone = daytimeZone();
  const plan = needsB2b ? b2bPlan(timezone, testName === 'wall_round' ? 20000 : 150000) : null;
  const started = Date.now();
  let setup = null;
  let browser = null;
  try {
    setup = await setUp({ b2b: plan ? plan.session : null, timezone, sessionTtl: testName === 'session_ended' ? '10s' : '' });
    browser = await launchBrowser();
    await test({ ...setup, browser, plan });
    console.log(`PASS ${testName} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  } catch (error) {
    console.log(`FAIL ${testName}: ${error.stack || error}`);
    if (setup) console.log('--- serve log ---\n' + setup.hub.log().split('\n').slice(-40).join('\n'));
    return 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (setup) await setup.hub.stop().catch(() => {});
  }
}

process.exitCode = await main();
