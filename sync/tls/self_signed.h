// The hub's own TLS identity: a key and a self-signed certificate made on first start in a
// directory every hub process of one deployment shares (`serve --tls-dir`), so that kiosks can
// pin its key (certificate_pin.h) and no certificate authority is needed at a venue.
//
// Files: DIR/key.pem (the private key, mode 0600) and DIR/cert.pem (mode 0600 too: nothing in it
// is secret, but one mode for the directory is simpler to audit). DIR is created 0700 if missing.
// Two processes starting at once agree: creation happens under an exclusive lock on DIR/.lock, and
// each file appears whole (written under a temporary name, then renamed).
//
// Thread safety: free functions; concurrent callers, even in other processes, are safe.
// Failure: Errc::io when the directory or files cannot be made or read; Errc::invalid_input when
// the files exist but do not hold a matching key and certificate (never overwritten: an operator
// decides).
#pragma once

#include <filesystem>
#include <string>

#include "core/util/result.h"

namespace passerelle::sync::tls {

struct TlsIdentity {
  std::filesystem::path certificate;
  std::filesystem::path private_key;
  std::string pin;       // certificate_pin.h
  bool created = false;  // made by this call
};

// Loads DIR's key and certificate, making them first when neither exists. `host` names the
// certificate's subject (informational: kiosks check the pin, not the name).
Result<TlsIdentity> ensure_self_signed(const std::filesystem::path& dir, const std::string& host);

// Checks that a given certificate and key files load and belong together; returns their pin.
Result<std::string> check_certificate_and_key(const std::filesystem::path& certificate,
                                              const std::filesystem::path& private_key);

}  // namespace passerelle::sync::tls
