#include "sync/hub/server/api_routes.h"

#include <nlohmann/json.hpp>

#include "sync/protocol/wire.h"
#include "sync/hub/server/http_support.h"
#include "sync/hub/server/prometheus.h"

namespace passerelle::hub {
namespace {

using http::Access;
using http::send_error;
using http::send_failure;
using http::send_json;

struct Api {
  HubStore* store;
  const Clock* clock;
  FeedSignal* signal;
  ApiSettings settings;

  // httplib 0.11 checks Content-Length against the payload limit but not chunked bodies.
  bool body_fits(const httplib::Request& request, httplib::Response& response) const {
    if (request.body.size() <= settings.max_body_bytes) return true;
    send_error(response, 413, "too_large", "the request body is larger than the hub accepts");
    return false;
  }

  // An event that exists, from the path; writes 400 or 404 otherwise.
  std::optional<std::int64_t> path_event(const httplib::Request& request, httplib::Response& response) const {
    auto id = http::parse_non_negative(request.matches[1].str(), "the event id");
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

  void health(const httplib::Request&, httplib::Response& response) const { response.set_content("ok", "text/plain"); }

  void enrol(const httplib::Request& request, httplib::Response& response) const {
    if (!body_fits(request, response)) return;
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

  void upload(const httplib::Request& request, httplib::Response& response) const {
    const auto device = http::authorise(*store, request, response, Access::device);
    if (!device || !body_fits(request, response)) return;
    auto batch = sync::parse_upload_batch(request.body);
    if (!batch) return send_failure(response, batch.error());
    if (!device->may_act_as(batch->device_id))
      return send_error(response, 403, "forbidden", "this device did not write entries under " + batch->device_id);
    auto answer = store->ingest(*device, *batch);
    if (!answer) {
      // Revoked (or its ids changed) between authentication and the transaction.
      if (answer.error().code == Errc::conflict) return send_error(response, 403, "revoked", answer.error().message);
      // The device's quarantine quota is used up: nothing of the batch is stored; the kiosk keeps
      // it and retries (docs/sync.md, "Quarantine quota").
      if (answer.error().code == Errc::exhausted)
        return send_error(response, 429, "quarantine_full", answer.error().message);
      return send_failure(response, answer.error());
    }
    signal->notify();
    send_json(response, 200, sync::to_json(*answer));
  }

  void changes(const httplib::Request& request, httplib::Response& response) const {
    const auto device = http::authorise(*store, request, response, Access::device);
    if (!device) return;
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

  void live(const httplib::Request& request, httplib::Response& response) const {
    const auto principal = http::authorise(*store, request, response, Access::either);
    if (!principal) return;
    const auto event = path_event(request, response);
    if (!event) return;
    if (!principal->is_organiser() && principal->event_id != *event)
      return send_error(response, 403, "forbidden", "this device belongs to another event");
    auto after = http::integer_param(request, "after", 0);
    if (request.has_header("Last-Event-ID"))
      after = http::parse_non_negative(request.get_header_value("Last-Event-ID"), "Last-Event-ID");
    if (!after) return send_failure(response, after.error());
    start_live_stream(response, *store, *signal, *event, *after, settings.live);
  }

  void reconciliation(const httplib::Request& request, httplib::Response& response) const {
    if (!http::authorise(*store, request, response, Access::organiser)) return;
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

  void reconcile(const httplib::Request& request, httplib::Response& response) const {
    const auto device = http::authorise(*store, request, response, Access::device);
    if (!device || !body_fits(request, response)) return;
    auto parsed = sync::parse_reconcile_request(request.body);
    if (!parsed) return send_failure(response, parsed.error());
    if (!device->may_act_as(parsed->device_id))
      return send_error(response, 403, "forbidden", "this device did not write entries under " + parsed->device_id);
    auto answer = store->reconcile(*device, *parsed);
    if (!answer) return send_failure(response, answer.error());
    send_json(response, 200, sync::to_json(*answer));
  }

  void metrics(const httplib::Request& request, httplib::Response& response) const {
    if (settings.metrics_need_token && !http::authorise(*store, request, response, Access::organiser)) return;
    auto metrics = store->metrics();
    if (!metrics) return send_failure(response, metrics.error());
    response.set_content(prometheus_text(*metrics), kPrometheusContentType);
  }
};

}  // namespace

void install_api_routes(httplib::Server& server, HubStore& store, const Clock& clock, FeedSignal& signal,
                        const ApiSettings& settings) {
  auto api = std::make_shared<const Api>(Api{&store, &clock, &signal, settings});
  auto route = [api](void (Api::*handler)(const httplib::Request&, httplib::Response&) const) {
    return [api, handler](const httplib::Request& request, httplib::Response& response) {
      ((*api).*handler)(request, response);
    };
  };
  server.Get("/v1/health", route(&Api::health));
  server.Post("/v1/enrol", route(&Api::enrol));
  server.Post("/v1/upload", route(&Api::upload));
  server.Get("/v1/changes", route(&Api::changes));
  server.Get(R"(/v1/events/(\d+)/live)", route(&Api::live));
  server.Get(R"(/v1/events/(\d+)/reconciliation)", route(&Api::reconciliation));
  server.Post("/v1/reconcile", route(&Api::reconcile));
  server.Get("/metrics", route(&Api::metrics));
}

}  // namespace passerelle::hub
