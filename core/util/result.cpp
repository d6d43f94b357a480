#include "core/util/result.h"

namespace passerelle {

const char* errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::invalid_input:
      return "invalid input";
    case Errc::not_found:
      return "not found";
    case Errc::conflict:
      return "conflict";
    case Errc::io:
      return "i/o error";
    case Errc::database:
      return "database error";
    case Errc::busy:
      return "database busy";
    case Errc::unsupported:
      return "unsupported";
    case Errc::exhausted:
      return "quota exhausted";
  }
  return "unknown error";
}

}  // namespace passerelle
