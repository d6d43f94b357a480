#include "core/util/sodium.h"

#include <sodium.h>

#include <cstdlib>

namespace passerelle {

void ensure_sodium() {
  static const int status = sodium_init();
  if (status < 0) std::abort();
}

}  // namespace passerelle
