#include "sync/tls/certificate_pin.h"

#include <openssl/pem.h>
#include <sodium.h>

#include <array>
#include <cstdio>
#include <vector>

#include "sync/tls/openssl_handles.h"

namespace passerelle::sync::tls {

Result<std::string> pin_of_certificate(X509& certificate) {
  EVP_PKEY* key = X509_get0_pubkey(&certificate);
  if (key == nullptr) return make_error(Errc::invalid_input, "the certificate has no readable public key");
  const int length = i2d_PUBKEY(key, nullptr);
  if (length <= 0) return make_error(Errc::invalid_input, "cannot encode the certificate's public key");
  std::vector<unsigned char> der(static_cast<std::size_t>(length));
  unsigned char* cursor = der.data();
  i2d_PUBKEY(key, &cursor);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), der.data(), der.size());
  std::array<char, sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)> text{};
  sodium_bin2base64(text.data(), text.size(), digest.data(), digest.size(), sodium_base64_VARIANT_ORIGINAL);
  return std::string(kPinPrefix) + text.data();
}

Result<std::string> pin_of_certificate_file(const std::filesystem::path& pem) {
  const detail::Bio file(BIO_new_file(pem.c_str(), "r"));
  if (!file) {
    detail::last_openssl_error();
    return make_error(Errc::io, "cannot open the certificate " + pem.string());
  }
  const detail::Certificate certificate(PEM_read_bio_X509(file.get(), nullptr, nullptr, nullptr));
  if (!certificate)
    return make_error(Errc::invalid_input, pem.string() + " holds no PEM certificate: " + detail::last_openssl_error());
  return pin_of_certificate(*certificate);
}

bool is_certificate_pin(std::string_view text) noexcept {
  if (!text.starts_with(kPinPrefix)) return false;
  text.remove_prefix(kPinPrefix.size());
  if (text.size() != 44) return false;
  std::array<unsigned char, 33> bytes{};
  std::size_t decoded = 0;
  const char* end = nullptr;
  const std::string copy(text);
  return sodium_base642bin(bytes.data(), bytes.size(), copy.c_str(), copy.size(), nullptr, &decoded, &end,
                           sodium_base64_VARIANT_ORIGINAL) == 0 &&
         end == copy.c_str() + copy.size() && decoded == crypto_hash_sha256_BYTES;
}

}  // namespace passerelle::sync::tls
