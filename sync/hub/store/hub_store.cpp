#include "sync/hub/store/hub_store.h"

#include <algorithm>

#include "sync/hub/store/hub_tokens.h"

namespace passerelle::hub {

bool Principal::may_act_as(std::string_view authored_id) const {
  if (is_organiser()) return true;
  return std::find(authored_ids.begin(), authored_ids.end(), authored_id) != authored_ids.end();
}

bool Principal::sees_event(std::int64_t id) const {
  return is_web() && std::binary_search(events.begin(), events.end(), id);
}

bool WebSession::csrf_matches(std::string_view presented) const {
  return !csrf_token.empty() && same_secret(csrf_token, presented);
}

namespace {

Error not_on_this_storage(std::string_view what) {
  return make_error(Errc::unsupported, std::string(what) + " is not available on this hub's storage");
}

}  // namespace

Result<std::vector<ParticipantMatch>> HubStore::search_participants(std::int64_t, std::string_view, int) {
  return not_on_this_storage("participant search");
}

Result<std::optional<ParticipantCard>> HubStore::participant_card(std::int64_t, std::int64_t) {
  return not_on_this_storage("the participant page");
}

Status HubStore::revoke_badge(std::int64_t, std::int64_t, std::int64_t, std::string_view) {
  return make_error(Errc::unsupported,
                    "badges are revoked on the event file here (passerelle-hub badges revoke), then published");
}

Result<std::int64_t> HubStore::reissue_badge(std::int64_t, std::int64_t) {
  return make_error(Errc::unsupported,
                    "badges are reissued on the event file here (passerelle-hub badges reissue), then published");
}

Result<std::optional<BadgeToPrint>> HubStore::badge_to_print(std::int64_t, std::int64_t) {
  return make_error(Errc::unsupported,
                    "badges are printed from the event file here (passerelle-hub badges --participant)");
}

void HubStore::ingest_async(Principal uploader, sync::IncomingBatch batch, IngestDone done) {
  done(ingest(uploader, batch));
}

}  // namespace passerelle::hub
