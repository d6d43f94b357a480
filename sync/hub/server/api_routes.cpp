#include "sync/hub/server/api_routes.h"

#include <nlohmann/json.hpp>

#include "sync/hub/server/http_support.h"
#include "sync/hub/server/live_stream.h"
#include "sync/hub/server/prometheus.h"
#include "sync/protocol/event_setup_json.h"
#include "sync/protocol/wire.h"

namespace passerelle::hub {
namespace {

using http::send_error;
using http::send_failure;
using http::send_json;

struct Api {
  HubStore* store;
  const Clock* clock;
  FeedSignal* signal;
  ApiSettings settings;

  // An event that exists, from the path; writes 400 or 404 otherwise.
  std::optional<std::int64_t> path_event(const Request& request, Response& response) const {
    auto id = http::parse_non_negative(request.path_params.at(0), "the event id");
    if (!id) {
      send_failure(response, id.error());
      return std::nullopt;
    }
    auto event = store->resolve_event(*id);
    if (!event) {
      send_failure(response, event.error());
      return std::nullopt;
    }
    return *event;
  }

  void health(const Request&, const Principal*, Response& response) const { response.body = "ok"; }

  void enrol(const Request& request, const Principal*, Response& response) const {
    auto parsed = sync::parse_enrol_request(request.body);
    if (!parsed) return send_failure(response, parsed.error());
    auto answer = store->enrol(*parsed);
    if (!answer) {
      if (answer.error().code == Errc::not_found) return send_error(response, 401, "bad_code", answer.error().message);
      if (answer.error().code == Errc::conflict)
        return send_error(response, 409, "device_id_taken", answer.error().message);
      return send_failure(response, answer.error());
    }
    send_json(response, 200, sync::to_json(*answer));
  }

  // The connection checked the token on the headers (Route::access) before reading the body.
  // Parsed here, on a worker; the answer comes from the store once the batch is committed, and
  // no worker waits for that meanwhile (HubStore::ingest_async).
  void upload(const Request& request, const Principal* device, Reply reply) const {
    auto batch = sync::parse_upload_batch(request.body);
    if (!batch) return reply(failure_response(batch.error()));
    if (!device->may_act_as(batch->device_id))
      return reply(error_response(403, "forbidden", "this device did not write entries under " + batch->device_id));
    store->ingest_async(
        *device, std::move(*batch),
        [this, reply = std::move(reply)](Result<sync::UploadAnswer> answer) { reply(upload_answer(answer)); });
  }

  Response upload_answer(const Result<sync::UploadAnswer>& answer) const {
    if (!answer) {
      // Revoked (or its ids changed) between authentication and the transaction.
      if (answer.error().code == Errc::conflict) return error_response(403, "revoked", answer.error().message);
      // The device's quarantine quota is used up: nothing of the batch is stored; the kiosk keeps
      // it and retries (docs/sync.md, "Quarantine quota").
      if (answer.error().code == Errc::exhausted) return error_response(429, "quarantine_full", answer.error().message);
      return failure_response(answer.error());
    }
    signal->notify();
    Response response;
    send_json(response, 200, sync::to_json(*answer));
    return response;
  }

  static Response error_response(int status, std::string_view code, std::string_view message) {
    Response response;
    send_error(response, status, code, message);
    return response;
  }

  static Response failure_response(const Error& error) {
    Response response;
    send_failure(response, error);
    return response;
  }

  void changes(const Request& request, const Principal* device, Response& response) const {
    auto after = http::integer_param(request, "after", 0);
    if (!after) return send_failure(response, after.error());
    auto limit = http::integer_param(request, "limit", sync::kMaxChangePage);
    if (!limit) return send_failure(response, limit.error());
    if (*limit < 1 || *limit > sync::kMaxChangePage)
      return send_error(response, 400, "bad_request", "limit must be 1 to " + std::to_string(sync::kMaxChangePage));
    auto page = store->changes(*device, *after, static_cast<int>(*limit));
    if (!page) return send_failure(response, page.error());
    send_json(response, 200, sync::to_json(*page));
  }

  // A kiosk enrolled from nothing asks this once, before its first download (docs/sync.md,
  // "Setting up from nothing"): the event it was enrolled for, never another.
  void setup(const Request&, const Principal* device, Response& response) const {
    auto setup = store->event_setup(device->event_id);
    if (!setup) return send_failure(response, setup.error());
    send_json(response, 200, sync::to_json(*setup, clock->wall_ms()));
  }

  void live(const Request& request, const Principal* principal, Response& response) const {
    const auto event = path_event(request, response);
    if (!event) return;
    if (!principal->is_organiser() && principal->event_id != *event)
      return send_error(response, 403, "forbidden", "this device belongs to another event");
    auto after = http::integer_param(request, "after", 0);
    if (const auto last = request.header("Last-Event-ID")) after = http::parse_non_negative(*last, "Last-Event-ID");
    if (!after) return send_failure(response, after.error());
    // The connection streams from here (live_stream.h), re-checking this token every round.
    auto token = http::bearer_token(request).value_or("");
    LiveStreamStart start;
    start.after = *after;
    start.owner = principal->is_organiser() ? "organiser:" + token : principal->device_id;
    start.source = entries_source(*store, *event, std::move(token), settings.live_batch);
    response.live = std::move(start);
  }

  void reconciliation(const Request& request, const Principal*, Response& response) const {
    const auto event = path_event(request, response);
    if (!event) return;
    auto rows = store->reconciliation(*event);
    if (!rows) return send_failure(response, rows.error());
    nlohmann::json devices = nlohmann::json::array();
    for (const auto& row : *rows) {
      nlohmann::json missing = nlohmann::json::array();
      for (const auto& range : row.missing) missing.push_back({range.first, range.last});
      devices.push_back({{"device_id", row.device_id},
                         {"owner_device_id", row.owner_device_id},
                         {"owner_name", row.owner_name},
                         {"count", row.count},
                         {"sha256", row.sha256},
                         {"contiguous", row.contiguous},
                         {"highest", row.highest},
                         {"missing", std::move(missing)},
                         {"quarantined", row.quarantined}});
    }
    const nlohmann::json body{{"event", *event}, {"devices", std::move(devices)}, {"hub_time_ms", clock->wall_ms()}};
    send_json(response, 200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }

  void reconcile(const Request& request, const Principal* device, Response& response) const {
    auto parsed = sync::parse_reconcile_request(request.body);
    if (!parsed) return send_failure(response, parsed.error());
    if (!device->may_act_as(parsed->device_id))
      return send_error(response, 403, "forbidden", "this device did not write entries under " + parsed->device_id);
    auto answer = store->reconcile(*device, *parsed);
    if (!answer) return send_failure(response, answer.error());
    send_json(response, 200, sync::to_json(*answer));
  }

  void metrics(const Request&, const Principal*, Response& response) const {
    auto metrics = store->metrics();
    if (!metrics) return send_failure(response, metrics.error());
    response.content_type = kPrometheusContentType;
    response.body = prometheus_text(*metrics);
  }
};

}  // namespace

void install_api_routes(Router& router, HubStore& store, const Clock& clock, FeedSignal& signal,
                        const ApiSettings& settings) {
  auto api = std::make_shared<const Api>(Api{&store, &clock, &signal, settings});
  const auto add = [&](const char* method, const char* pattern, Access access, BodyRule body,
                       void (Api::*handler)(const Request&, const Principal*, Response&) const) {
    router.add(Route{method, pattern, access, body,
                     [api, handler](const Request& request, const Principal* principal, Response& response) {
                       ((*api).*handler)(request, principal, response);
                     },
                     nullptr});
  };
  add("GET", "/v1/health", Access::anyone, BodyRule::none, &Api::health);
  add("POST", "/v1/enrol", Access::anyone, BodyRule::enrolment, &Api::enrol);
  router.add(Route{"POST", "/v1/upload", Access::device, BodyRule::required, nullptr,
                   [api](const Request& request, const Principal* device, Reply reply) {
                     api->upload(request, device, std::move(reply));
                   }});
  add("GET", "/v1/changes", Access::device, BodyRule::none, &Api::changes);
  add("GET", "/v1/setup", Access::device, BodyRule::none, &Api::setup);
  add("GET", "/v1/events/{n}/live", Access::either, BodyRule::none, &Api::live);
  add("GET", "/v1/events/{n}/reconciliation", Access::organiser, BodyRule::none, &Api::reconciliation);
  add("POST", "/v1/reconcile", Access::device, BodyRule::required, &Api::reconcile);
  add("GET", "/metrics", settings.metrics_need_token ? Access::organiser : Access::anyone, BodyRule::none,
      &Api::metrics);
}

}  // namespace passerelle::hub
