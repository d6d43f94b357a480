// libsodium's one-time initialisation, for every caller of its random numbers, keys and hashes.
// Contract: ensure_sodium() returns once sodium_init() has succeeded; thread-safe (a function-local
// static). sodium_init() fails only when the system has no entropy source at all: no key, token or
// UUID is safe to make then, so the process aborts rather than make a guessable one.
#pragma once

namespace passerelle {

void ensure_sodium();

}  // namespace passerelle
