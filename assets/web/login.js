// The login form: says why it is shown (?error=) and carries ?next= to the hub, which checks it.
const REASONS = {
  wrong: 'Wrong name or password.',
  limited: 'Too many attempts. Wait a minute, then try again.',
  busy: 'The hub is busy. Try again in a moment.',
  ended: 'Your session has ended. Please log in again.',
  out: 'You are logged out.',
};

const params = new URLSearchParams(location.search);
const error = params.get('error');
const reason = document.getElementById('reason');
if (error) {
  reason.textContent = REASONS[error] || 'Please log in.';
  reason.dataset.kind = error === 'out' ? 'info' : 'error';
  reason.hidden = false;
}
// Only a path of this hub: "/..." but not "//host" nor "/\host".
const next = params.get('next');
if (next && /^\/(?![/\\])/.test(next)) document.getElementById('next').value = next;
