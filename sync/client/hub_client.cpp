#include "sync/client/hub_client.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text/utf8.h"

namespace passerelle::kiosk {
namespace {

constexpr std::size_t kMaxShownBytes = 300;

std::string shortened(std::string text) {
  if (text.size() > kMaxShownBytes) {
    // Cut on a UTF-8 boundary so the staff screen never draws half a character.
    text.resize(truncate_utf8(text, kMaxShownBytes).size());
    text += "...";
  }
  return text;
}

struct HubErrorBody {
  std::string code;
  std::string message;
};

// The hub's {"error": {"code": ..., "message": ...}}; empty fields for a body in any other shape
// (a proxy's HTML page), which is named, never shown.
HubErrorBody hub_error_body(const std::string& body) {
  HubErrorBody out;
  const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return out;
  const auto error = json.find("error");
  if (error == json.end() || !error->is_object()) return out;
  if (const auto code = error->find("code"); code != error->end() && code->is_string())
    out.code = code->get<std::string>();
  if (const auto message = error->find("message"); message != error->end() && message->is_string())
    out.message = shortened(message->get<std::string>());
  return out;
}

template <class T, class Parse>
HubResult<T> interpret(Result<HttpReply> reply, std::string_view call, Parse parse) {
  if (!reply) return HubError{HubFailure::retryable, 0, std::move(reply).error(), {}, {}};
  const int status = reply->status;
  if (status >= 200 && status < 300) {
    auto parsed = parse(reply->body);
    if (!parsed)
      return HubError{HubFailure::retryable,
                      status,
                      make_error(Errc::invalid_input, std::string(call) + ": the hub's answer was not understood: " +
                                                          shortened(parsed.error().message)),
                      {},
                      {}};
    return std::move(parsed).value();
  }
  const HubFailure failure = failure_of_status(status);
  const Errc code = failure != HubFailure::retryable ? Errc::invalid_input : status == 503 ? Errc::busy : Errc::io;
  const HubErrorBody said = hub_error_body(reply->body);
  std::string text = said.message;
  if (!said.code.empty()) text += (text.empty() ? "(" : " (") + said.code + ")";
  if (text.empty()) text = reply->body.empty() ? "no details" : "a body that is not the hub's error format";
  return HubError{failure, status,
                  make_error(code, std::string(call) + ": the hub answered " + std::to_string(status) + ": " + text),
                  said.code, said.message};
}

}  // namespace

HubFailure failure_of_status(int status) noexcept {
  if (status == 401 || status == 403) return HubFailure::unauthorised;
  if (status == 408 || status == 429 || (status >= 500 && status < 600)) return HubFailure::retryable;
  return HubFailure::rejected;
}

HubResult<sync::EnrolAnswer> HubClient::enrol(const sync::EnrolRequest& request) {
  return interpret<sync::EnrolAnswer>(transport_->post_json("/v1/enrol", sync::to_json(request), {}), "enrol",
                                      [](const std::string& body) { return sync::parse_enrol_answer(body); });
}

HubResult<sync::UploadAnswer> HubClient::upload(const sync::UploadBatch& batch) {
  return interpret<sync::UploadAnswer>(transport_->post_json("/v1/upload", sync::to_json(batch), token_), "upload",
                                       [](const std::string& body) { return sync::parse_upload_answer(body); });
}

HubResult<sync::SetupAnswer> HubClient::setup() {
  return interpret<sync::SetupAnswer>(transport_->get_json("/v1/setup", token_), "setup",
                                      [](const std::string& body) { return sync::parse_setup_answer(body); });
}

HubResult<sync::ChangePage> HubClient::changes(std::int64_t after, int limit) {
  const int bounded = std::clamp(limit, 1, sync::kMaxChangePage);
  const std::string path = "/v1/changes?after=" + std::to_string(after) + "&limit=" + std::to_string(bounded);
  return interpret<sync::ChangePage>(transport_->get_json(path, token_), "changes",
                                     [](const std::string& body) { return sync::parse_change_page(body); });
}

HubResult<sync::ReconcileAnswer> HubClient::reconcile(const sync::ReconcileRequest& request) {
  return interpret<sync::ReconcileAnswer>(transport_->post_json("/v1/reconcile", sync::to_json(request), token_),
                                          "reconcile",
                                          [](const std::string& body) { return sync::parse_reconcile_answer(body); });
}

}  // namespace passerelle::kiosk
