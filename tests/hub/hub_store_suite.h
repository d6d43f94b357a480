// The fixture of HubStore's suite: a backend with one event of five participants, and helpers to
// enrol devices, make entries and upload or download as the server would.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/util/clock.h"
#include "sync/hub/store/hub_store.h"
#include "sync/protocol/wire.h"
#include "tests/hub/hub_store_backends.h"

namespace passerelle::testing {

// A well-formed argon2id PHC string at the interactive limits that no password matches: the store
// never hashes, so tests of it hand it this and cost no hashing.
inline const std::string kArgon2idHash =
    "$argon2id$v=19$m=65536,t=2,p=1$cGFzc2VyZWxsZS1kZWNveQ$" + std::string(43, 'A');

// The value of a Result, or a recorded failure and a default value: lets a test go on to report
// more, without crashing on an empty Result.
template <class T>
T value_or_fail(Result<T> result, const char* what) {
  if (!result) {
    ADD_FAILURE() << what << ": " << result.error().message;
    return T{};
  }
  return std::move(result).value();
}

class HubStoreSuite : public ::testing::TestWithParam<HubStoreBackendFactory> {
 protected:
  static constexpr std::int64_t kStartMs = 1767261600000;  // 2026-01-01 10:00 in Brussels

  struct Device {
    hub::Principal principal;
    std::string token;
    const std::string& id() const { return principal.device_id; }
  };

  void SetUp() override;

  Device enrol(const std::string& name, const std::vector<std::string>& previous_ids = {});
  // An entry of `device` at the event's entrance: a scan of an unknown code (no participant), so
  // that it never makes a double check-in.
  sync::WireEntry scan(const std::string& device, std::int64_t seq);
  // An accepted check-in of `external_id` at the entrance.
  sync::WireEntry checkin(const std::string& device, std::int64_t seq, const std::string& external_id);
  static sync::IncomingBatch batch(const std::string& device_id, const std::vector<sync::WireEntry>& entries);
  sync::UploadAnswer upload(const Device& device, const std::vector<sync::WireEntry>& entries);
  // Every page from `after` on, until `more` is false.
  std::vector<sync::Change> download_all(const Device& device, std::int64_t after = 0, int limit = 100);

  ManualClock clock_{kStartMs};
  std::unique_ptr<HubStoreBackend> backend_;
  std::unique_ptr<hub::HubStore> store_;
  std::int64_t event_ = 0;
};

// What a download held, by kind.
struct ChangeCounts {
  std::vector<sync::ParticipantChange> participants;
  std::vector<sync::RevocationChange> revocations;
  std::vector<sync::KeyChange> keys;
  std::vector<sync::MeetingChange> meetings;
  std::vector<sync::WireEntry> entries;
};
ChangeCounts sort_changes(const std::vector<sync::Change>& changes);

}  // namespace passerelle::testing
