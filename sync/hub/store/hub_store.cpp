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

void HubStore::ingest_async(Principal uploader, sync::IncomingBatch batch, IngestDone done) {
  done(ingest(uploader, batch));
}

}  // namespace passerelle::hub
