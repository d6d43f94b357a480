// passerelle-hub's exit statuses (docs/cli.md). Scripts branch on them: keep them stable.
#pragma once

#include "core/model/outcome.h"
#include "core/util/result.h"

namespace passerelle::hub {

enum ExitCode : int {
  kExitOk = 0,           // success; for `checkin`, accepted
  kExitFailure = 1,      // the database or the file system failed
  kExitUsage = 2,        // bad command line
  kExitBadInput = 3,     // a file or value was rejected (CSV, config, mapping), or contradicts stored state
  kExitNotFound = 4,     // no such event, checkpoint or participant
  kExitBusy = 5,         // the database stayed locked by another writer
  kExitUnsupported = 6,  // the database is from a newer Passerelle
  // `checkin` refusals: 10 + the outcome's distance from `accepted`, in DESIGN.md's order, as
  // they were numbered first; outcomes added since take the next free status, so that no
  // script's status changes meaning.
  kExitAlreadyCheckedIn = 10,
  kExitNotAdmitted = 11,
  kExitBlocked = 12,
  kExitCancelled = 13,
  kExitUnknownCode = 14,
  kExitRevoked = 15,
  kExitOtherEvent = 16,
  kExitBadSignature = 17,
  kExitUnknownKey = 18,
  kExitMalformed = 19,
  // `schedule-instance` (and `schedule`): not every meeting placed.
  kExitScheduleMostPlaced = 20,  // proven: no schedule holds them all; the one written holds the most
  kExitScheduleNotSettled = 21,  // the time limit came first; the best schedule found is written
  kExitNotEventDay = 22,         // `checkin`: the clock's day is not one of the event's
};

inline int exit_code_for(Outcome outcome) {
  switch (outcome) {
    case Outcome::accepted:
      return kExitOk;
    case Outcome::not_event_day:
      return kExitNotEventDay;
    case Outcome::already_checked_in:
      return kExitAlreadyCheckedIn;
    case Outcome::not_admitted:
      return kExitNotAdmitted;
    case Outcome::blocked:
      return kExitBlocked;
    case Outcome::cancelled:
      return kExitCancelled;
    case Outcome::unknown_code:
      return kExitUnknownCode;
    case Outcome::revoked:
      return kExitRevoked;
    case Outcome::other_event:
      return kExitOtherEvent;
    case Outcome::bad_signature:
      return kExitBadSignature;
    case Outcome::unknown_key:
      return kExitUnknownKey;
    case Outcome::malformed:
      return kExitMalformed;
  }
  return kExitFailure;
}

inline int exit_code_for(Errc code) {
  switch (code) {
    case Errc::invalid_input:
    case Errc::conflict:
    case Errc::exhausted:
      return kExitBadInput;
    case Errc::not_found:
      return kExitNotFound;
    case Errc::busy:
      return kExitBusy;
    case Errc::unsupported:
      return kExitUnsupported;
    case Errc::io:
    case Errc::database:
      return kExitFailure;
  }
  return kExitFailure;
}

}  // namespace passerelle::hub
