// Certificate pins: how a kiosk knows its hub without a certificate authority (docs/sync.md, "TLS").
//
// A pin is "sha256//" followed by the base64 of the SHA-256 of the certificate's public key
// (its DER SubjectPublicKeyInfo): the form curl's --pinnedpubkey takes, so an organiser can check
// a hub by hand. Pinning the key rather than the certificate lets a hub renew its certificate
// with the same key without re-enrolling every kiosk.
//
// Thread safety: stateless functions. Failure: Errc::invalid_input for a certificate that cannot
// be read or parsed, Errc::io for a file that cannot be opened.
#pragma once

#include <openssl/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::sync::tls {

inline constexpr std::string_view kPinPrefix = "sha256//";

// The pin of a certificate's public key.
Result<std::string> pin_of_certificate(X509& certificate);
// The pin of the first certificate of a PEM file (the leaf of a chain).
Result<std::string> pin_of_certificate_file(const std::filesystem::path& pem);
// True for a well-formed pin: the prefix and 44 characters of base64 that decode to 32 bytes.
bool is_certificate_pin(std::string_view text) noexcept;

}  // namespace passerelle::sync::tls
