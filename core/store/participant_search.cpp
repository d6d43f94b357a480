#include "core/store/participant_search.h"

#include "core/text/fold.h"
#include "core/util/strings.h"

namespace passerelle {

std::string participant_search_text(const ParticipantRecord& record) {
  return fold_for_search(record.first_name + " " + record.last_name + " " + record.organisation);
}

std::vector<std::string> search_words(std::string_view text) {
  return split_any(fold_for_search(text), " ");
}

}  // namespace passerelle
