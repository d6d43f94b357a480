// Slows down password guessing at POST /login (docs/LIVE_VIEW.md, "Logging in"): failed logins
// are counted per account name and per client address over a sliding window; past the limit of
// either, further attempts are refused without verifying the password (so a guesser spends none
// of the server's argon2id time either) until the window lets old failures go. A success clears
// its name's failures, not its address's.
//
// Bounds: at most `max_keys` names and addresses are remembered; when full, the key whose latest
// failure is oldest is forgotten first, so a flood of made-up names cannot grow memory, and a
// name under attack stays counted while the attack goes on.
// Thread-safe. Time is the caller's (milliseconds of a steady or wall clock, consistently).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace passerelle::hub {

struct LoginLimits {
  int failures_per_name = 10;     // within `window_ms`
  int failures_per_address = 50;  // a shared office NAT has several organisers
  std::int64_t window_ms = 15 * 60 * 1000;
  std::size_t max_keys = 10'000;
};

class LoginLimiter {
 public:
  explicit LoginLimiter(LoginLimits limits) : limits_(limits) {}

  // Whether an attempt for this name (its caseless key) from this address may be verified now.
  bool allows(const std::string& name_key, const std::string& address, std::int64_t now_ms);
  void failed(const std::string& name_key, const std::string& address, std::int64_t now_ms);
  void succeeded(const std::string& name_key);

 private:
  using Failures = std::deque<std::int64_t>;               // times, oldest first, at most the key's limit
  int count(const std::string& key, std::int64_t now_ms);  // under mutex_
  void add(const std::string& key, int limit, std::int64_t now_ms);

  const LoginLimits limits_;
  std::mutex mutex_;
  std::map<std::string, Failures> failures_;
};

}  // namespace passerelle::hub
