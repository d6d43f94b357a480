#include "sync/tls/pinned_verifier.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "sync/tls/certificate_pin.h"

namespace passerelle::sync::tls {

void PinnedVerifier::install(SSL_CTX& context) {
  SSL_CTX_set_cert_verify_callback(&context, &PinnedVerifier::check, this);
  // Without VERIFY_PEER a client goes on after a failed check; httplib leaves the mode of each
  // connection as the context's when its own verification is off.
  SSL_CTX_set_verify(&context, SSL_VERIFY_PEER, nullptr);
}

int PinnedVerifier::check(X509_STORE_CTX* store, void* self) {
  auto* verifier = static_cast<PinnedVerifier*>(self);
  X509* leaf = X509_STORE_CTX_get0_cert(store);
  if (leaf != nullptr) {
    const auto pin = pin_of_certificate(*leaf);
    if (pin && *pin == verifier->pin_) return 1;
  }
  verifier->mismatch_.store(true, std::memory_order_relaxed);
  X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
  return 0;
}

}  // namespace passerelle::sync::tls
