// HubClient: the hub's API (docs/sync.md, "HTTP API") as typed calls over a HubTransport, with
// every failure sorted into what the sync worker should do about it.
//
// How HTTP answers map (docs/sync.md: "the kiosk retries 5xx and transport errors with back-off,
// never 4xx except 401"):
//   2xx with a well-formed body      -> the value
//   401, 403                         -> unauthorised: the token is unknown (401), revoked (403
//                                       "revoked") or not allowed this (403 "forbidden"); for
//                                       enrolment, the code is bad (401 "bad_code");
//                                       Errc::invalid_input; stop and show
//   408, 429, 5xx, no answer at all  -> retryable, Errc::busy (503: the hub's storage is busy) or io
//   a 2xx body that does not parse   -> retryable, Errc::invalid_input (a captive portal's page)
//   any other status                 -> rejected: the hub refuses this request as it is,
//                                       Errc::invalid_input; sending it again the same will not help
// Errc has no class of its own for "unauthorised", so the failure kind travels beside the Error
// in HubError rather than in its code.
//
// Ownership: borrows the transport, which must outlive the client. Thread safety: one thread (the
// transport's rule). Messages carry the hub's own error message, never personal data we sent.
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "core/util/result.h"
#include "sync/client/hub_transport.h"
#include "sync/protocol/event_setup_json.h"
#include "sync/protocol/wire.h"

namespace passerelle::kiosk {

enum class HubFailure { retryable, rejected, unauthorised };

struct HubError {
  HubFailure failure = HubFailure::retryable;
  int http_status = 0;      // 0 when no answer came
  Error error;              // for logs and the staff screen: the call, the status and the hub's words
  std::string hub_code;     // the hub's error code ("revoked", "bad_code", ...), when it sent one
  std::string hub_message;  // the hub's own error message alone, when it sent one
};

// A value or a HubError; Result<T>'s shape, with the failure kind kept.
template <class T>
class [[nodiscard]] HubResult {
 public:
  HubResult(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  HubResult(HubError error)
      : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }
  T& value() {
    assert(has_value());
    return std::get<0>(state_);
  }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const HubError& error() const {
    assert(!has_value());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, HubError> state_;
};

class HubClient {
 public:
  explicit HubClient(HubTransport& transport, std::string token = {})
      : transport_(&transport), token_(std::move(token)) {}

  void set_token(std::string token) { token_ = std::move(token); }
  const std::string& token() const { return token_; }

  // POST /v1/enrol (no token: the code is the credential).
  HubResult<sync::EnrolAnswer> enrol(const sync::EnrolRequest& request);
  // POST /v1/upload
  HubResult<sync::UploadAnswer> upload(const sync::UploadBatch& batch);
  // GET /v1/setup: the event this device was enrolled for (a kiosk set up from nothing)
  HubResult<sync::SetupAnswer> setup();
  // GET /v1/changes?after=N&limit=M
  HubResult<sync::ChangePage> changes(std::int64_t after, int limit);
  // POST /v1/reconcile
  HubResult<sync::ReconcileAnswer> reconcile(const sync::ReconcileRequest& request);

 private:
  HubTransport* transport_;
  std::string token_;
};

// The failure kind of an HTTP status that is not 2xx (see the table above).
HubFailure failure_of_status(int status) noexcept;

}  // namespace passerelle::kiosk
