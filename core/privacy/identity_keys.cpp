#include "core/privacy/identity_keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <system_error>

#include "core/text/fold.h"
#include "core/util/files.h"
#include "core/util/sodium.h"
#include "core/util/strings.h"

namespace passerelle::privacy {
namespace {

constexpr std::string_view kKeyIdSetting = "privacy.identity_key_id";
constexpr std::string_view kKeyFileName = "identity.key";
constexpr const char* kKeyPathVariable = "PASSERELLE_IDENTITY_KEY";
// The file holds the key as 64 hex digits and a newline: it can be printed and typed back from a
// paper backup. Anything longer is not a key file.
constexpr std::size_t kMaxKeyFile = 128;

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

std::string hmac_hex(const IdentityKey& key, std::string_view text) {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  return to_hex(mac.data(), mac.size());
}

// What the database records of the key: a MAC of a fixed text, which says whether a key file is
// the one the stored keys were made with and tells nothing about any email.
std::string key_id(const IdentityKey& key) {
  return hmac_hex(key, "passerelle identity key id");
}

Result<IdentityKey> parse_key_file(const std::filesystem::path& path, std::string_view content) {
  const auto hex = trim(content);
  IdentityKey key{};
  std::size_t length = 0;
  if (hex.size() != key.size() * 2 ||
      sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, nullptr) != 0 ||
      length != key.size())
    return make_error(Errc::invalid_input,
                      "the identity key file " + path.string() + " does not hold a key (64 hexadecimal digits)");
  return key;
}

Error io_error(const std::string& what, const std::filesystem::path& path, int error_number) {
  return make_error(Errc::io, what + " " + path.string() + ": " + std::strerror(error_number));
}

// Writes a new key to `path` unless a file is there already (another process won the race, which
// is fine: its key is then read back). The key is written whole under a temporary name and linked
// into place, so nobody ever reads a half-written key file.
Status create_key_file(const std::filesystem::path& path) {
  IdentityKey key{};
  randombytes_buf(key.data(), key.size());
  const std::string content = to_hex(key.data(), key.size()) + "\n";
  sodium_memzero(key.data(), key.size());
  PSL_ASSIGN_OR_RETURN(const auto temporary, create_temporary_for(path, FileAccess::owner_only));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open", temporary, errno);
  const bool written = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  const int write_errno = errno;
  const bool synced = written && ::fsync(fd) == 0;
  const int sync_errno = errno;
  ::close(fd);
  if (!written || !synced) {
    ::unlink(temporary.c_str());
    return io_error("cannot write the identity key to", temporary, written ? sync_errno : write_errno);
  }
  const int linked = ::link(temporary.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && link_errno != EEXIST) return io_error("cannot create the identity key file", path, link_errno);
  sync_parent_folder(path);
  return {};
}

// The key of stores opened on ":memory:": made once per process, kept nowhere.
const IdentityKey& process_key() {
  static const IdentityKey key = [] {
    IdentityKey made{};
    randombytes_buf(made.data(), made.size());
    return made;
  }();
  return key;
}

}  // namespace

std::string normalise_email(std::string_view email) {
  return to_lower_ascii(trim(email));
}

std::string normalise_organisation(std::string_view organisation) {
  return std::string(trim(fold_for_search(organisation)));
}

std::string keyed_hash(const IdentityKey& key, std::string_view normalised) {
  if (normalised.empty()) return {};
  return hmac_hex(key, normalised);
}

std::filesystem::path identity_key_path(Store& store) {
  if (const char* configured = std::getenv(kKeyPathVariable); configured != nullptr && *configured != '\0')
    return configured;
  const auto& database = store.database().path();
  if (database.empty() || database == ":memory:") return {};
  return std::filesystem::absolute(database).parent_path() / kKeyFileName;
}

Result<IdentityKey> load_or_create_identity_key(Store& store) {
  ensure_sodium();
  const auto path = identity_key_path(store);
  if (path.empty()) return process_key();
  PSL_ASSIGN_OR_RETURN(const auto recorded, store.local_value(kKeyIdSetting));
  std::error_code error;
  const bool exists = std::filesystem::exists(std::filesystem::symlink_status(path, error));
  if (!exists) {
    if (recorded)
      return make_error(Errc::conflict,
                        "the identity key file " + path.string() +
                            " is missing, and this database holds identity keys made with it: restore the file "
                            "from its backup (a new key would stop erased participants from counting as returning)");
    PSL_TRY(create_key_file(path));
  }
  PSL_ASSIGN_OR_RETURN(const auto content, read_file_bounded(path, kMaxKeyFile));
  PSL_ASSIGN_OR_RETURN(const auto key, parse_key_file(path, content));
  const auto id = key_id(key);
  if (recorded && *recorded != id)
    return make_error(Errc::conflict, "the identity key file " + path.string() +
                                          " is not the key this database's identity keys were made with: restore "
                                          "the right file (docs/PRIVACY.md)");
  if (!recorded) PSL_TRY(store.set_local_value(kKeyIdSetting, id));
  return key;
}

IdentityKeys keys_of(const IdentityKey& key, const Participant& participant) {
  return IdentityKeys{participant.id, keyed_hash(key, normalise_email(participant.record.email)),
                      keyed_hash(key, normalise_organisation(participant.record.organisation))};
}

Result<std::vector<IdentityKeys>> identity_keys(Store& store, std::int64_t event_id) {
  PSL_ASSIGN_OR_RETURN(const auto key, load_or_create_identity_key(store));
  PSL_ASSIGN_OR_RETURN(auto select,
                       store.database().query("SELECT p.id, p.email, p.organisation, e.email_key, e.organisation_key "
                                              "FROM participant p LEFT JOIN participant_erasure e "
                                              "ON e.participant_id = p.id WHERE p.event_id = ? ORDER BY p.id"));
  select.bind_all(event_id);
  std::vector<IdentityKeys> keys;
  while (true) {
    PSL_ASSIGN_OR_RETURN(const bool has_row, select.step());
    if (!has_row) break;
    IdentityKeys row;
    row.participant_id = select.column_int(0);
    if (!select.column_is_null(3)) {
      row.email_key = select.column_text(3);
      row.organisation_key = select.column_text(4);
    } else {
      row.email_key = keyed_hash(key, normalise_email(select.column_text(1)));
      row.organisation_key = keyed_hash(key, normalise_organisation(select.column_text(2)));
    }
    keys.push_back(std::move(row));
  }
  return keys;
}

}  // namespace passerelle::privacy
