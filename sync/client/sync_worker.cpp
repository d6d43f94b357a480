#include "sync/client/sync_worker.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <utility>

#include "core/store/store.h"
#include "core/util/strings.h"
#include "core/worker/retry_backoff.h"
#include "sync/client/hub_client.h"
#include "sync/client/kiosk_setup.h"
#include "sync/client/sync_keys.h"
#include "sync/protocol/sync_store.h"

namespace passerelle::kiosk {

namespace {

using SteadyClock = std::chrono::steady_clock;

// How long an idle worker (not enrolled, refused by the hub) sleeps between looks at its signals: it is
// woken by them anyway; the bound only keeps the arithmetic away from time_point::max.
constexpr std::chrono::hours kIdleWait{24};
// The persisted offset is rewritten only when it moved this much: each write is a durable commit.
constexpr std::int64_t kOffsetPersistStepMs = 1000;
constexpr std::chrono::seconds kLastSyncPersistEvery{60};

enum class Attempt {
  synced,   // every step went through
  retry,    // out of reach or the store failed: back off
  refused,  // the hub refuses the request as it is: wait the longest back-off
  idle,     // nothing to do until a signal: not enrolled, or refused by the hub
};

std::optional<std::int64_t> parse_int(const std::optional<std::string>& text) {
  return text ? parse_integer<std::int64_t>(*text) : std::nullopt;
}

std::uint64_t seed_of(const SyncWorkerConfig& config) {
  if (config.backoff_seed != 0) return config.backoff_seed;
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace

// Everything the worker's thread owns; lives on that thread only.
class SyncLoop {
 public:
  SyncLoop(SyncWorker& worker, Store& store, std::stop_token stop)
      : worker_(worker),
        stop_(std::move(stop)),
        config_(worker.config_),
        clock_(*worker.clock_),
        store_(store),
        sync_store_(store),
        backoff_(config_.backoff_initial, config_.backoff_max, config_.backoff_jitter, seed_of(config_)),
        upload_limit_(std::clamp(config_.upload_batch, 1, sync::kMaxUploadBatch)) {}

  void run();

 private:
  bool stopping() const { return stop_.stop_requested(); }
  void load_settings();
  void take_ticket(const std::string& text);
  Attempt attempt();
  Attempt enrol_step();
  Status commit_enrolment(const sync::EnrolAnswer& answer, const HubEndpoint& hub);
  Attempt upload_step(HubClient& client);
  Attempt download_step(HubClient& client);
  Attempt reconcile_step(HubClient& client);
  Status mark_synced();
  Attempt hub_failed(const HubError& error);
  Attempt store_failed(const Error& error);
  Result<HubClient*> client_for(const HubEndpoint& hub);
  void record_offset(std::int64_t hub_time_ms, std::int64_t sent_ms, std::int64_t received_ms);
  void clear_ticket();
  void refresh_counts();
  void publish();

  SyncWorker& worker_;
  std::stop_token stop_;
  const SyncWorkerConfig& config_;
  const Clock& clock_;
  Store& store_;
  sync::SyncStore sync_store_;
  RetryBackoff backoff_;
  int upload_limit_;
  SyncStatus status_;
  std::optional<SyncStatus> published_;

  std::int64_t event_id_ = 0;
  std::string hub_url_;  // as enrolled
  std::string hub_pin_;  // the ticket's certificate pin; kept when [sync] hub_url moves the hub
  std::string token_;
  std::optional<SyncLink> refused_link_;  // revoked or unauthorised: no sync until a new enrolment
  std::string pending_ticket_;
  std::string redeemed_ticket_;
  // The hub answered an enrolment but the store failed to keep it: the code is spent, so the
  // answer is kept here and written again before anything else.
  std::optional<std::pair<sync::EnrolAnswer, HubEndpoint>> unsaved_enrolment_;

  std::shared_ptr<HubTransport> transport_;
  HubEndpoint transport_hub_;
  std::optional<HubClient> client_;

  std::optional<std::int64_t> persisted_offset_;
  std::optional<SteadyClock::time_point> last_sync_persisted_;
  std::optional<SteadyClock::time_point> next_reconcile_;
};

void SyncLoop::run() {
  load_settings();
  refresh_counts();
  publish();
  auto next_attempt = SteadyClock::now();
  bool backing_off = false;
  for (;;) {
    bool notified = false;
    std::optional<std::string> ticket;
    {
      std::unique_lock lock(worker_.mutex_);
      auto& signals = worker_.signals_;
      if (!worker_.thread_.wait_until(lock, stop_, next_attempt,
                                      [&] { return signals.notified || signals.ticket.has_value(); }))
        return;
      notified = std::exchange(signals.notified, false);
      ticket = std::exchange(signals.ticket, std::nullopt);
    }
    if (ticket) take_ticket(*ticket);
    // A new ticket is worth an attempt at once; a new entry only while the hub is answering.
    const bool due =
        SteadyClock::now() >= next_attempt || (ticket && !pending_ticket_.empty()) || (notified && !backing_off);
    if (!due) {
      refresh_counts();
      publish();
      continue;
    }
    const Attempt result = attempt();
    const auto now = SteadyClock::now();
    status_.retry_in_ms = 0;
    backing_off = result != Attempt::synced;
    switch (result) {
      case Attempt::synced:
        backoff_.reset();
        next_attempt = now + config_.poll_interval;
        break;
      case Attempt::retry: {
        const auto delay = backoff_.next();
        status_.retry_in_ms = delay.count();
        next_attempt = now + delay;
        break;
      }
      case Attempt::refused:
        status_.retry_in_ms = backoff_.max().count();
        next_attempt = now + backoff_.max();
        break;
      case Attempt::idle:
        next_attempt = now + kIdleWait;
        break;
    }
    refresh_counts();
    publish();
  }
}

void SyncLoop::load_settings() {
  // A setting that cannot be read is treated as absent; the first store error a step meets is
  // shown as last_error.
  const auto value = [&](std::string_view key) -> std::string {
    auto read = store_.local_value(key);
    return read && *read ? **read : std::string();
  };
  hub_url_ = value(sync_keys::kHubUrl);
  hub_pin_ = value(sync_keys::kHubPin);
  token_ = value(sync_keys::kToken);
  const std::string refusal = value(sync_keys::kRevoked);
  if (refusal == to_string(SyncLink::revoked)) refused_link_ = SyncLink::revoked;
  if (refusal == to_string(SyncLink::unauthorised)) refused_link_ = SyncLink::unauthorised;
  const std::string ticket = value(sync_keys::kPendingTicket);
  if (!ticket.empty()) take_ticket(ticket);
  if (auto offset = parse_int(value(sync_keys::kClockOffsetMs))) {
    status_.clock_offset_ms = offset;
    persisted_offset_ = offset;
  }
  event_id_ = config_.event_id;
  if (event_id_ == 0)
    if (auto event = store_.resolve_event(std::nullopt)) event_id_ = event->id;
  status_.last_sync_ms = parse_int(value(sync_keys::kLastSyncMs));
  if (status_.last_sync_ms && event_id_ != 0)
    if (auto zone = store_.event_timezone(event_id_))
      status_.last_sync_local = (*zone)->local_time_of_day(*status_.last_sync_ms);
  status_.enrolled = !token_.empty();
  status_.hub_url = config_.hub_url_override.empty() ? hub_url_ : config_.hub_url_override;
  status_.link = refused_link_                                 ? *refused_link_
                 : !token_.empty() || !pending_ticket_.empty() ? SyncLink::connecting
                                                               : SyncLink::not_enrolled;
}

void SyncLoop::take_ticket(const std::string& text) {
  // A camera reads a code held up to it many times: the same ticket is one enrolment.
  if (text == pending_ticket_ || text == redeemed_ticket_) return;
  auto ticket = sync::parse_enrolment_ticket(text);
  if (!ticket) {
    status_.enrolment = EnrolmentState::bad_ticket;
    status_.enrolment_message = ticket.error().message;
    return;
  }
  pending_ticket_ = text;
  status_.enrolment = EnrolmentState::pending;
  status_.enrolment_message.clear();
  if (status_.link == SyncLink::not_enrolled) status_.link = SyncLink::connecting;
  // Kept until redeemed, so that a kiosk restarted before it reached the hub still enrols.
  if (auto saved = store_.set_local_value(sync_keys::kPendingTicket, text); !saved)
    status_.last_error = "kiosk database: " + saved.error().message;
  publish();
}

void SyncLoop::clear_ticket() {
  pending_ticket_.clear();
  (void)store_.set_local_value(sync_keys::kPendingTicket, "");  // at worst, a restart asks the hub again
}

Attempt SyncLoop::attempt() {
  if (unsaved_enrolment_) {
    if (auto saved = commit_enrolment(unsaved_enrolment_->first, unsaved_enrolment_->second); !saved)
      return store_failed(saved.error());
    unsaved_enrolment_.reset();
  }
  if (!pending_ticket_.empty()) {
    const Attempt enrolled = enrol_step();
    if (enrolled != Attempt::synced) return enrolled;
  }
  if (token_.empty()) {
    status_.link = SyncLink::not_enrolled;
    return Attempt::idle;
  }
  if (refused_link_) {
    status_.link = *refused_link_;
    return Attempt::idle;
  }
  auto client = client_for(HubEndpoint{status_.hub_url, hub_pin_});
  if (!client) {
    status_.link = SyncLink::offline;
    status_.last_error = client.error().message;
    return Attempt::refused;
  }
  for (auto step : {&SyncLoop::upload_step, &SyncLoop::download_step, &SyncLoop::reconcile_step}) {
    if (stopping()) return Attempt::retry;
    const Attempt result = (this->*step)(**client);
    if (result != Attempt::synced) return result;
  }
  if (auto marked = mark_synced(); !marked) return store_failed(marked.error());
  return Attempt::synced;
}

Attempt SyncLoop::enrol_step() {
  auto ticket = sync::parse_enrolment_ticket(pending_ticket_);  // checked by take_ticket()
  if (!ticket) {
    clear_ticket();
    return Attempt::synced;
  }
  const HubEndpoint hub{ticket->hub_url, ticket->certificate_pin};
  auto client = client_for(hub);
  if (!client) {
    status_.enrolment = EnrolmentState::bad_ticket;
    status_.enrolment_message = client.error().message;
    clear_ticket();
    return Attempt::synced;
  }
  sync::EnrolRequest request;
  request.code = ticket->code;
  request.name = kiosk_device_name(config_.device_name);
  auto ids = store_.authored_device_ids();
  if (!ids) return store_failed(ids.error());
  request.previous_device_ids = std::move(*ids);
  // The enrolment itself carries no token; the client keeps the old one for the steps after.
  const std::int64_t sent = clock_.wall_ms();
  request.kiosk_time_ms = sent;
  auto answer = (*client)->enrol(request);
  const std::int64_t received = clock_.wall_ms();
  if (!answer) {
    if (answer.error().failure == HubFailure::retryable) return hub_failed(answer.error());
    // The code is bad, expired or spent: asking again cannot help; a new ticket can.
    status_.enrolment = EnrolmentState::refused;
    const auto& error = answer.error();
    status_.enrolment_message =
        error.hub_message.empty() ? "HTTP " + std::to_string(error.http_status) : error.hub_message;
    clear_ticket();
    return Attempt::synced;
  }
  record_offset(answer->hub_time_ms, sent, received);
  redeemed_ticket_ = pending_ticket_;
  clear_ticket();
  if (auto saved = commit_enrolment(*answer, hub); !saved) {
    unsaved_enrolment_.emplace(*answer, hub);
    return store_failed(saved.error());
  }
  return Attempt::synced;
}

Status SyncLoop::commit_enrolment(const sync::EnrolAnswer& answer, const HubEndpoint& hub) {
  // The token first: with it, entries of the old ids can go up even if adopting the id fails.
  if (hub.url != hub_url_) {
    // Another hub's feed positions mean nothing here; start its feed from the beginning.
    PSL_TRY(store_.set_local_value(sync_keys::kCursor, "0"));
  }
  PSL_TRY(store_.set_local_value(sync_keys::kHubPin, hub.certificate_pin));
  PSL_TRY(store_.set_local_value(sync_keys::kHubUrl, hub.url));
  PSL_TRY(store_.set_local_value(sync_keys::kToken, answer.token));
  PSL_TRY(store_.set_local_value(sync_keys::kHubEventId, std::to_string(answer.event_id)));
  PSL_TRY(store_.set_local_value(sync_keys::kRevoked, ""));
  PSL_TRY(store_.adopt_device_id(answer.device_id, answer.journal_key));
  hub_url_ = hub.url;
  hub_pin_ = hub.certificate_pin;
  token_ = answer.token;
  refused_link_.reset();
  if (client_) client_->set_token(token_);
  status_.enrolled = true;
  status_.hub_url = config_.hub_url_override.empty() ? hub_url_ : config_.hub_url_override;
  status_.link = SyncLink::connecting;
  status_.enrolment = EnrolmentState::done;
  status_.enrolment_message.clear();
  if (event_id_ != 0 && answer.event_id != event_id_)
    status_.enrolment_message = "the hub's event is " + std::to_string(answer.event_id) + ", this kiosk's is " +
                                std::to_string(event_id_) + ": entries will be refused";
  return {};
}

Attempt SyncLoop::upload_step(HubClient& client) {
  for (;;) {
    if (stopping()) return Attempt::retry;
    auto batch = sync_store_.unsent_batch(upload_limit_);
    if (!batch) return store_failed(batch.error());
    if (batch->entries.empty()) return Attempt::synced;
    sync::UploadBatch upload;
    upload.device_id = batch->device_id;
    upload.clock_offset_ms = status_.clock_offset_ms.value_or(0);
    upload.entries = std::move(batch->entries);
    const std::int64_t sent = clock_.wall_ms();
    upload.kiosk_time_ms = sent;
    auto answer = client.upload(upload);
    const std::int64_t received = clock_.wall_ms();
    if (!answer) {
      if (answer.error().http_status == 413 && upload_limit_ > 1) {
        upload_limit_ = std::max(1, upload_limit_ / 2);  // the hub (or a proxy) wants smaller batches
        continue;
      }
      return hub_failed(answer.error());
    }
    record_offset(answer->hub_time_ms, sent, received);
    status_.quarantined += std::count_if(answer->statuses.begin(), answer->statuses.end(), [](const auto& status) {
      return status.status == sync::EntryStatus::quarantined;
    });
    // Only now, only as far as the hub holds without a gap, and never past what this batch
    // carried: an entry the hub lacks is sent again.
    if (auto moved = sync_store_.acknowledge(upload.device_id, upload.entries.back().seq, answer->acked_seq); !moved)
      return store_failed(moved.error());
    if (answer->acked_seq < upload.entries.front().seq) {
      // The hub lacks an entry below this batch that it had acknowledged before (restored from
      // an old backup?). The mark never moves back, so resending this batch cannot close the gap.
      status_.link = SyncLink::offline;
      status_.last_error = "the hub acknowledges device " + upload.device_id + " only up to entry " +
                           std::to_string(answer->acked_seq) + "; this kiosk sent from " +
                           std::to_string(upload.entries.front().seq);
      return Attempt::refused;
    }
    refresh_counts();
    publish();
  }
}

Attempt SyncLoop::download_step(HubClient& client) {
  auto stored = store_.local_value(sync_keys::kCursor);
  if (!stored) return store_failed(stored.error());
  std::int64_t cursor = parse_int(*stored).value_or(0);
  status_.download_done = 0;
  for (;;) {
    if (stopping()) return Attempt::retry;
    const std::int64_t sent = clock_.wall_ms();
    auto page = client.changes(cursor, config_.page_limit);
    const std::int64_t received = clock_.wall_ms();
    if (!page) return hub_failed(page.error());
    record_offset(page->hub_time_ms, sent, received);
    // An empty page that does not move the cursor changes nothing: skip its durable commit.
    if (!page->changes.empty() || page->cursor != cursor) {
      auto applied = sync_store_.apply_change_page(*page, sync_keys::kCursor);
      if (!applied) return store_failed(applied.error());
    }
    status_.download_done += static_cast<std::int64_t>(page->changes.size());
    status_.download_remaining = page->more ? std::max<std::int64_t>(page->remaining, 1) : 0;
    const bool moved = page->cursor != cursor;
    cursor = page->cursor;
    if (!page->more || !moved) {
      status_.download_remaining = 0;
      return Attempt::synced;
    }
    refresh_counts();
    publish();
  }
}

Attempt SyncLoop::reconcile_step(HubClient& client) {
  const auto now = SteadyClock::now();
  if (next_reconcile_ && now < *next_reconcile_) return Attempt::synced;
  auto unsent = sync_store_.unsent_count();
  if (!unsent) return store_failed(unsent.error());
  if (*unsent > 0) return Attempt::synced;  // the counts would differ by what is in flight
  auto ids = store_.authored_device_ids();
  if (!ids) return store_failed(ids.error());
  std::int64_t missing = 0;
  for (const auto& id : *ids) {
    auto uuids = sync_store_.entry_uuids(id);
    if (!uuids) return store_failed(uuids.error());
    if (uuids->empty()) continue;
    sync::ReconcileRequest request{id, static_cast<std::int64_t>(uuids->size()), {}};
    request.sha256 = sync::uuid_set_digest(std::move(*uuids));
    auto answer = client.reconcile(request);
    if (!answer) {
      // A hub without reconciliation is no reason to stop syncing; try again next interval.
      if (answer.error().failure == HubFailure::rejected) break;
      return hub_failed(answer.error());
    }
    if (answer->matches) continue;
    std::int64_t lacking = 0;
    for (const auto& range : answer->missing) lacking += std::max<std::int64_t>(0, range.last - range.first + 1);
    missing += std::max(lacking, request.count - answer->hub_count);
  }
  status_.hub_missing = missing;
  next_reconcile_ = now + config_.reconcile_interval;
  return Attempt::synced;
}

Status SyncLoop::mark_synced() {
  const std::int64_t now_ms = clock_.wall_ms();
  status_.link = SyncLink::online;
  status_.last_error.clear();
  status_.last_sync_ms = now_ms;
  if (event_id_ != 0)
    if (auto zone = store_.event_timezone(event_id_)) status_.last_sync_local = (*zone)->local_time_of_day(now_ms);
  const auto now = SteadyClock::now();
  if (!last_sync_persisted_ || now - *last_sync_persisted_ >= kLastSyncPersistEvery) {
    PSL_TRY(store_.set_local_value(sync_keys::kLastSyncMs, std::to_string(now_ms)));
    last_sync_persisted_ = now;
  }
  if (const auto offset = status_.clock_offset_ms;
      offset && (!persisted_offset_ || std::abs(*offset - *persisted_offset_) >= kOffsetPersistStepMs)) {
    PSL_TRY(store_.set_local_value(sync_keys::kClockOffsetMs, std::to_string(*offset)));
    persisted_offset_ = offset;
  }
  return {};
}

Attempt SyncLoop::hub_failed(const HubError& error) {
  status_.last_error = error.error.message;
  switch (error.failure) {
    case HubFailure::unauthorised:
      // Revoked, or the hub does not know us (any more): stop, keep everything, say so. Asking
      // again would get the same answer; a new enrolment resumes.
      refused_link_ = error.hub_code == "revoked" ? SyncLink::revoked : SyncLink::unauthorised;
      status_.link = *refused_link_;
      // If this write is lost, the next start asks the hub once more and learns it again.
      (void)store_.set_local_value(sync_keys::kRevoked, to_string(*refused_link_));
      return Attempt::idle;
    case HubFailure::rejected:
      status_.link = SyncLink::offline;
      return Attempt::refused;
    case HubFailure::retryable:
      break;
  }
  status_.link = SyncLink::offline;
  return Attempt::retry;
}

Attempt SyncLoop::store_failed(const Error& error) {
  status_.last_error = "kiosk database: " + error.message;
  return Attempt::retry;
}

Result<HubClient*> SyncLoop::client_for(const HubEndpoint& hub) {
  if (client_ && transport_hub_ == hub) return &*client_;
  PSL_ASSIGN_OR_RETURN(auto made, worker_.transports_(hub));
  std::shared_ptr<HubTransport> transport(std::move(made));
  {
    std::lock_guard lock(worker_.mutex_);
    worker_.transport_in_use_ = transport;
  }
  client_.emplace(*transport, token_);
  transport_ = std::move(transport);
  transport_hub_ = hub;
  return &*client_;
}

void SyncLoop::record_offset(std::int64_t hub_time_ms, std::int64_t sent_ms, std::int64_t received_ms) {
  status_.clock_offset_ms = hub_time_ms - (sent_ms + received_ms) / 2;
}

void SyncLoop::refresh_counts() {
  if (auto unsent = sync_store_.unsent_count()) status_.unsent = *unsent;
  if (auto ids = store_.authored_device_ids(); ids && !ids->empty()) status_.device_id = ids->back();
  if (event_id_ != 0)
    if (auto doubles = sync_store_.double_checkins(event_id_))
      status_.double_checkins = static_cast<std::int64_t>(doubles->size());
}

void SyncLoop::publish() {
  if (published_ && *published_ == status_) return;
  published_ = status_;
  worker_.publish_(status_);
}

SyncWorker::SyncWorker(SyncWorkerConfig config, const Clock& clock, TransportFactory transports, Publish publish)
    : config_(std::move(config)), clock_(&clock), transports_(std::move(transports)), publish_(std::move(publish)) {
  thread_.start([this](std::stop_token stop) { run(std::move(stop)); },
                [this](std::string_view what) {
                  // Sync ends for this run of the kiosk and says why; check-ins go on regardless.
                  SyncStatus last_words;
                  last_words.last_error = "sync stopped: " + std::string(what);
                  publish_(last_words);
                });
}

SyncWorker::~SyncWorker() {
  // Asked before the look at the transport in use, so that a transport made after the look
  // belongs to a loop that already sees the stop at its next step.
  thread_.request_stop();
  std::shared_ptr<HubTransport> transport;
  {
    std::lock_guard lock(mutex_);
    transport = transport_in_use_;
  }
  if (transport) transport->cancel();
  thread_.stop();
}

void SyncWorker::notify() {
  {
    std::lock_guard lock(mutex_);
    signals_.notified = true;
  }
  thread_.notify();
}

void SyncWorker::enrol(std::string ticket_text) {
  {
    std::lock_guard lock(mutex_);
    signals_.ticket = std::move(ticket_text);
  }
  thread_.notify();
}

void SyncWorker::run(std::stop_token stop) {
  RetryBackoff backoff(config_.backoff_initial, config_.backoff_max, config_.backoff_jitter, seed_of(config_));
  for (;;) {
    // The connection is opened here so that it lives on this thread only.
    auto store = Store::open(config_.database, *clock_);
    if (store) {
      SyncLoop loop(*this, *store, stop);
      loop.run();
      return;
    }
    SyncStatus unopened;
    unopened.last_error = "kiosk database: " + store.error().message;
    publish_(unopened);
    if (!WorkerThread::sleep_for(stop, backoff.next())) return;
  }
}

}  // namespace passerelle::kiosk
