#include "sync/tls/self_signed.h"

#include <fcntl.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/util/files.h"
#include "sync/tls/certificate_pin.h"
#include "sync/tls/openssl_handles.h"

namespace passerelle::sync::tls {
namespace {

using detail::last_openssl_error;

constexpr long kValiditySeconds = 10L * 365 * 24 * 3600;  // renewal is re-enrolment: make it rare

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Error io_error(const std::string& what, const std::filesystem::path& path) {
  return Error{Errc::io, what + " " + path.string() + ": " + std::strerror(errno)};
}

Result<std::string> pem_of_key(EVP_PKEY& key) {
  const detail::Bio memory(BIO_new(BIO_s_mem()));
  if (!memory || PEM_write_bio_PrivateKey(memory.get(), &key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return make_error(Errc::io, "cannot encode the hub's key: " + last_openssl_error());
  char* data = nullptr;
  const long size = BIO_get_mem_data(memory.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

Result<std::string> pem_of_certificate(X509& certificate) {
  const detail::Bio memory(BIO_new(BIO_s_mem()));
  if (!memory || PEM_write_bio_X509(memory.get(), &certificate) != 1)
    return make_error(Errc::io, "cannot encode the hub's certificate: " + last_openssl_error());
  char* data = nullptr;
  const long size = BIO_get_mem_data(memory.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

Result<detail::Key> read_key(const std::filesystem::path& path) {
  const detail::Bio file(BIO_new_file(path.c_str(), "r"));
  if (!file) {
    last_openssl_error();
    return make_error(Errc::io, "cannot open the TLS key " + path.string());
  }
  detail::Key key(PEM_read_bio_PrivateKey(file.get(), nullptr, nullptr, nullptr));
  if (!key)
    return make_error(Errc::invalid_input, path.string() + " holds no PEM private key: " + last_openssl_error());
  return key;
}

Result<detail::Certificate> read_certificate(const std::filesystem::path& path) {
  const detail::Bio file(BIO_new_file(path.c_str(), "r"));
  if (!file) {
    last_openssl_error();
    return make_error(Errc::io, "cannot open the TLS certificate " + path.string());
  }
  detail::Certificate certificate(PEM_read_bio_X509(file.get(), nullptr, nullptr, nullptr));
  if (!certificate)
    return make_error(Errc::invalid_input, path.string() + " holds no PEM certificate: " + last_openssl_error());
  return certificate;
}

// P-256: every TLS client of the last decade speaks it, and its keys are small enough for fast
// handshakes on a kiosk's CPU.
Result<detail::Key> make_key() {
  detail::Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) return make_error(Errc::io, "cannot make the hub's key: " + last_openssl_error());
  return key;
}

Result<detail::Certificate> make_certificate(EVP_PKEY& key, const std::string& host) {
  detail::Certificate certificate(X509_new());
  if (!certificate) return make_error(Errc::io, "cannot make a certificate: " + last_openssl_error());
  X509* x = certificate.get();
  unsigned char serial_bytes[16];
  if (RAND_bytes(serial_bytes, sizeof serial_bytes) != 1)
    return make_error(Errc::io, "no randomness for the certificate: " + last_openssl_error());
  serial_bytes[0] &= 0x7f;  // a positive serial, as RFC 5280 asks
  const detail::BigNumber serial(BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr));
  const std::string subject = ("passerelle-hub " + host).substr(0, 64);  // the CN's upper bound
  X509_NAME* name = X509_get_subject_name(x);
  const bool built =
      serial && X509_set_version(x, 2) == 1 && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(x)) != nullptr &&
      X509_gmtime_adj(X509_getm_notBefore(x), -3600) != nullptr &&  // a kiosk's clock a little behind
      X509_gmtime_adj(X509_getm_notAfter(x), kValiditySeconds) != nullptr && X509_set_pubkey(x, &key) == 1 &&
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(subject.c_str()), -1,
                                 -1, 0) == 1 &&
      X509_set_issuer_name(x, name) == 1 && X509_sign(x, &key, EVP_sha256()) > 0;
  if (!built) return make_error(Errc::io, "cannot make the hub's certificate: " + last_openssl_error());
  return certificate;
}

}  // namespace

Result<std::string> check_certificate_and_key(const std::filesystem::path& certificate,
                                              const std::filesystem::path& private_key) {
  PSL_ASSIGN_OR_RETURN(auto cert, read_certificate(certificate));
  PSL_ASSIGN_OR_RETURN(auto key, read_key(private_key));
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    last_openssl_error();
    return make_error(Errc::invalid_input,
                      "the TLS key " + private_key.string() + " does not belong to " + certificate.string());
  }
  return pin_of_certificate(*cert);
}

Result<TlsIdentity> ensure_self_signed(const std::filesystem::path& dir, const std::string& host) {
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) {
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Error(io_error("cannot create", dir));
  }
  const auto lock_path = dir / ".lock";
  const FileDescriptor lock(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (lock.get() < 0) return Error(io_error("cannot open", lock_path));
  while (::flock(lock.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return Error(io_error("cannot lock", lock_path));
  }

  TlsIdentity identity{dir / "cert.pem", dir / "key.pem", {}, false};
  const bool has_key = std::filesystem::exists(identity.private_key, error);
  const bool has_certificate = std::filesystem::exists(identity.certificate, error);
  if (has_certificate && !has_key)
    return make_error(Errc::invalid_input, identity.certificate.string() + " is there but its key " +
                                               identity.private_key.string() +
                                               " is not: restore the key, or remove both to make a new identity "
                                               "(every kiosk must then be enrolled again)");
  if (!has_certificate) {
    // With a key and no certificate an earlier start stopped between the two files: the key
    // stays, so that a pin already handed out from it still holds.
    detail::Key key;
    if (has_key) {
      PSL_ASSIGN_OR_RETURN(key, read_key(identity.private_key));
    } else {
      PSL_ASSIGN_OR_RETURN(key, make_key());
      PSL_ASSIGN_OR_RETURN(const auto key_pem, pem_of_key(*key));
      PSL_TRY(write_file_atomically(identity.private_key, key_pem, FileAccess::owner_only));
    }
    PSL_ASSIGN_OR_RETURN(auto certificate, make_certificate(*key, host));
    PSL_ASSIGN_OR_RETURN(const auto certificate_pem, pem_of_certificate(*certificate));
    PSL_TRY(write_file_atomically(identity.certificate, certificate_pem, FileAccess::owner_only));
    identity.created = true;
  }
  PSL_ASSIGN_OR_RETURN(identity.pin, check_certificate_and_key(identity.certificate, identity.private_key));
  return identity;
}

}  // namespace passerelle::sync::tls
