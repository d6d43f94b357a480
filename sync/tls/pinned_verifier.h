// PinnedVerifier: makes an OpenSSL client context accept exactly the server whose certificate
// carries the pinned public key, whoever signed it (a hub's self-signed certificate included), and
// nothing else, whatever certificate authorities the system trusts.
//
// Ownership: install() keeps a pointer to this object in the SSL_CTX; the verifier must outlive
// every handshake made with that context (declare it before the client that owns the context).
// Thread safety: install() once, before handshakes; the check itself may run on any thread and
// only sets an atomic flag.
#pragma once

#include <openssl/types.h>

#include <atomic>
#include <string>

namespace passerelle::sync::tls {

class PinnedVerifier {
 public:
  explicit PinnedVerifier(std::string pin) : pin_(std::move(pin)) {}
  PinnedVerifier(const PinnedVerifier&) = delete;
  PinnedVerifier& operator=(const PinnedVerifier&) = delete;

  // Replaces the context's chain verification with the pin check and makes a mismatch abort the
  // handshake (SSL_VERIFY_PEER).
  void install(SSL_CTX& context);

  const std::string& pin() const noexcept { return pin_; }
  // True once a server showed another key: the reason to give for the failed connection.
  bool mismatch_seen() const noexcept { return mismatch_.load(std::memory_order_relaxed); }

 private:
  static int check(X509_STORE_CTX* store, void* self);

  std::string pin_;
  std::atomic<bool> mismatch_{false};
};

}  // namespace passerelle::sync::tls
