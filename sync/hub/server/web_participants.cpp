#include "sync/hub/server/web_participants.h"

#include <nlohmann/json.hpp>

#include "core/print/badge_render.h"
#include "core/util/strings.h"
#include "sync/hub/live/live_figures.h"
#include "sync/hub/server/http_support.h"
#include "sync/hub/server/web_support.h"
#include "sync/hub/store/figure_rows.h"

namespace passerelle::hub {
namespace {

using http::send_error;
using http::send_failure;
using http::send_json;
using nlohmann::json;

std::string dump(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The participant of the path's second parameter, as a number; 404 written otherwise.
std::optional<std::int64_t> path_participant(const Request& request, Response& response) {
  auto id = http::parse_non_negative(request.path_params.at(1), "the participant id");
  if (!id) {
    send_error(response, 404, "not_found", "no such participant in this event");
    return std::nullopt;
  }
  return *id;
}

// badge-<registration id>-<serial>.pdf, the id kept to [A-Za-z0-9_-] (a header's quoted string
// and every file system take those), with "participant" for an id that keeps nothing.
std::string badge_file_name(const BadgeToPrint& badge) {
  std::string id;
  for (const char c : badge.record.external_id.substr(0, 64))
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') id += c;
  return "badge-" + (id.empty() ? std::string("participant") : id) + "-" + std::to_string(badge.badge_serial) + ".pdf";
}

std::string page_of(std::int64_t event, std::int64_t participant) {
  return "/events/" + std::to_string(event) + "/participants/" + std::to_string(participant);
}

// Where a write's answer sends the browser back: the participant's page, saying what happened.
// The expected refusals become a reason the page words; anything else is the JSON error.
void after_write(Response& response, const Status& written, std::int64_t event, std::int64_t participant,
                 std::string_view done) {
  if (written) return web::redirect(response, page_of(event, participant) + "?done=" + std::string(done));
  switch (written.error().code) {
    case Errc::unsupported:
      return web::redirect(response, page_of(event, participant) + "?error=storage");
    case Errc::invalid_input:
      return web::redirect(response, page_of(event, participant) + "?error=invalid");
    case Errc::not_found:
      return send_error(response, 404, "not_found", "no such participant in this event");
    default:
      return send_failure(response, written.error());
  }
}

// Each of the card's meetings judged as the dashboard judges its tables (live_meeting_state), by
// their index; empty for a cancelled one. A failed read costs the states, never the page.
std::vector<std::string> judged_states(HubStore& store, std::int64_t event, const ParticipantCard& card,
                                       std::int64_t now_ms) {
  std::vector<std::string> states(card.meetings.size());
  if (card.meetings.empty()) return states;
  const auto rows = store.live_rows(event, now_ms);
  if (!rows) return states;
  for (std::size_t i = 0; i < card.meetings.size(); ++i) {
    const auto& meeting = card.meetings[i];
    if (meeting.status == "cancelled") continue;
    meetings::FigureMeeting judged;
    judged.a = card.participant.id;
    judged.b = meeting.partner_id;
    judged.start_ms = meeting.start_ms;
    judged.end_ms = meeting.end_ms;
    states[i] = live_meeting_state(rows->input, judged);
  }
  return states;
}

struct Participants {
  HubStore* store;
  const Clock* clock;

  void search(const Request& request, const Principal* principal, Response& response) const {
    const auto event = web::own_event(request, *principal, response);
    if (!event) return;
    const std::string text(request.param("q").value_or(""));
    if (text.size() > kMaxSearchText)
      return send_error(response, 400, "bad_request",
                        "a search is at most " + std::to_string(kMaxSearchText) + " bytes");
    auto found = store->search_participants(*event, text, kWebSearchResults);
    if (!found) return send_failure(response, found.error());
    json results = json::array();
    for (const auto& match : *found)
      results.push_back({{"id", match.id},
                         {"external_id", match.external_id},
                         {"name", person_name(match.first_name, match.last_name)},
                         {"organisation", match.organisation},
                         {"country", match.country},
                         {"status", to_string(match.status)}});
    send_json(response, 200, dump({{"results", std::move(results)}, {"limit", kWebSearchResults}}));
  }

  void card(const Request& request, const Principal* principal, Response& response) const {
    const auto event = web::own_event(request, *principal, response);
    if (!event) return;
    const auto id = path_participant(request, response);
    if (!id) return;
    auto card = store->participant_card(*event, *id);
    if (!card) return send_failure(response, card.error());
    if (!*card) return send_error(response, 404, "not_found", "no such participant in this event");
    const auto& person = (*card)->participant;
    const auto& record = person.record;
    json entries = json::array();
    for (const auto& entry : (*card)->entries)
      entries.push_back({{"at_ms", entry.at_ms},
                         {"kind", to_string(entry.kind)},
                         {"outcome", to_string(entry.outcome)},
                         {"checkpoint", entry.checkpoint},
                         {"device_id", entry.device_id}});
    json meetings = json::array();
    const auto states = judged_states(*store, *event, **card, clock->wall_ms());
    for (std::size_t i = 0; i < (*card)->meetings.size(); ++i) {
      const auto& meeting = (*card)->meetings[i];
      json shown{{"start_ms", meeting.start_ms},
                 {"end_ms", meeting.end_ms},
                 {"table", meeting.table_label},
                 {"status", meeting.status},
                 {"origin", meeting.origin},
                 {"partner",
                  {{"id", meeting.partner_id},
                   {"name", meeting.partner_name},
                   {"organisation", meeting.partner_organisation}}}};
      if (!states[i].empty()) shown["state"] = states[i];
      meetings.push_back(std::move(shown));
    }
    json revocations = json::array();
    for (const auto& revocation : (*card)->revocations)
      revocations.push_back({{"badge_serial", revocation.badge_serial},
                             {"reason", revocation.reason},
                             {"revoked_ms", revocation.revoked_ms}});
    const json body{{"participant",
                     {{"id", person.id},
                      {"external_id", record.external_id},
                      {"name", person_name(record.first_name, record.last_name)},
                      {"organisation", record.organisation},
                      {"email", record.email},
                      {"country", record.country},
                      {"sector", record.sector},
                      {"org_type", to_string(record.org_type)},
                      {"role", record.role},
                      {"status", to_string(record.status)},
                      {"tags", record.tags},
                      {"badge_serial", person.badge_serial},
                      {"erased", (*card)->erased}}},
                    {"entries", std::move(entries)},
                    {"entries_limit", kMaxCardEntries},
                    {"meetings", std::move(meetings)},
                    {"revocations", std::move(revocations)},
                    {"csrf", principal->csrf_token}};
    send_json(response, 200, dump(body));
  }

  // The current badge as a PDF, one A6 badge as `badges --participant ID --layout a6` prints it:
  // what the page offers after a reissue. A credential: never cached, always a download.
  void badge_pdf(const Request& request, const Principal* principal, Response& response) const {
    const auto event = web::own_event(request, *principal, response);
    if (!event) return;
    const auto id = path_participant(request, response);
    if (!id) return;
    auto badge = store->badge_to_print(*event, *id);
    if (!badge && badge.error().code == Errc::unsupported)
      return send_error(response, 409, "storage", badge.error().message);
    if (!badge) return send_failure(response, badge.error());
    if (!*badge) return send_error(response, 404, "not_found", "no such participant in this event");
    const BadgeToPrint& shown = **badge;
    if (shown.record.status != ParticipantStatus::registered)
      return send_error(response, 409, "not_registered", "a cancelled or blocked participant gets no badge");
    auto pdf = print::badges_pdf({print::badge_content(shown.record, shown.code, shown.event_name)},
                                 print::SheetLayout::a6_single, print::default_fonts_dir());
    if (!pdf) return send_failure(response, pdf.error());
    web::secure(response);
    response.status = 200;
    response.content_type = "application/pdf";
    response.body = std::move(*pdf);
    response.set_header("Content-Disposition", "attachment; filename=\"" + badge_file_name(shown) + "\"");
    response.set_header("Cache-Control", "no-store");
  }

  // What a form of the participant's page is about, once it passed the checks every write needs
  // (the event is the account's, the form is the session's and of this site); empty, with the
  // refusal written, otherwise.
  struct FormTarget {
    std::int64_t event = 0;
    std::int64_t participant = 0;
    HeaderList fields;
  };
  static std::optional<FormTarget> form_target(const Request& request, const Principal& principal, Response& response) {
    const auto event = web::own_event(request, principal, response);
    if (!event) return std::nullopt;
    const auto id = path_participant(request, response);
    if (!id) return std::nullopt;
    auto fields = web::form_fields(request, response);
    if (!fields || !web::form_allowed(request, *fields, principal, response)) return std::nullopt;
    return FormTarget{*event, *id, std::move(*fields)};
  }

  void revoke(const Request& request, const Principal* principal, Response& response) const {
    const auto target = form_target(request, *principal, response);
    if (!target) return;
    const auto [event, id, fields] = *target;
    // The current badge unless the form names one, as `badges revoke` without --serial.
    std::int64_t serial = 0;
    const std::string given = web::field(fields, "serial");
    if (given.empty()) {
      auto card = store->participant_card(event, id);
      if (!card) return after_write(response, card.error(), event, id, "revoked");
      if (!*card) return send_error(response, 404, "not_found", "no such participant in this event");
      serial = (*card)->participant.badge_serial;
    } else {
      serial = parse_integer<std::int64_t>(given).value_or(0);  // 0 is refused below, with the rule
    }
    after_write(response, store->revoke_badge(event, id, serial, web::field(fields, "reason")), event, id, "revoked");
  }

  void reissue(const Request& request, const Principal* principal, Response& response) const {
    const auto target = form_target(request, *principal, response);
    if (!target) return;
    const auto serial = store->reissue_badge(target->event, target->participant);
    after_write(response, serial ? Status{} : Status(serial.error()), target->event, target->participant, "reissued");
  }
};

}  // namespace

void install_participant_routes(Router& router, HubStore& store, const Clock& clock) {
  auto participants = std::make_shared<const Participants>(Participants{&store, &clock});
  const auto add = [&](const char* method, const char* pattern, BodyRule body,
                       void (Participants::*handler)(const Request&, const Principal*, Response&) const) {
    router.add(Route{method, pattern, Access::web, body,
                     [participants, handler](const Request& request, const Principal* principal, Response& response) {
                       ((*participants).*handler)(request, principal, response);
                     },
                     nullptr});
  };
  add("GET", "/web/events/{n}/search", BodyRule::none, &Participants::search);
  add("GET", "/web/events/{n}/participants/{n}", BodyRule::none, &Participants::card);
  add("GET", "/web/events/{n}/participants/{n}/badge.pdf", BodyRule::none, &Participants::badge_pdf);
  add("POST", "/web/events/{n}/participants/{n}/revoke", BodyRule::form, &Participants::revoke);
  add("POST", "/web/events/{n}/participants/{n}/reissue", BodyRule::form, &Participants::reissue);
}

}  // namespace passerelle::hub
