#include "sync/hub/cli/badge_selection.h"

#include "core/badge/issuer.h"
#include "core/text/collation.h"

namespace passerelle::hub {

Result<print::SheetLayout> parse_layout(std::string_view name) {
  if (name == "a4") return print::SheetLayout::a4_grid;
  if (name == "a6") return print::SheetLayout::a6_single;
  if (name == "label62") return print::SheetLayout::label_62mm;
  return make_error(Errc::invalid_input, "unknown layout '" + std::string(name) + "' (a4, a6, label62)");
}

Result<RegisteredParticipants> registered_participants(Store& store, const Event& event) {
  PSL_ASSIGN_OR_RETURN(auto all, store.participants(event.id));
  RegisteredParticipants selection;
  for (auto& person : all) {
    switch (person.record.status) {
      case ParticipantStatus::registered:
        selection.people.push_back(std::move(person));
        break;
      case ParticipantStatus::cancelled:
        ++selection.cancelled;
        break;
      case ParticipantStatus::blocked:
        ++selection.blocked;
        break;
    }
  }
  sort_by_name(selection.people, event.language);
  return selection;
}

Result<std::vector<Participant>> select_participants(Store& store, const Event& event,
                                                     const std::vector<std::string>& external_ids) {
  if (external_ids.empty()) {
    PSL_ASSIGN_OR_RETURN(auto registered, registered_participants(store, event));
    if (registered.people.empty()) return make_error(Errc::not_found, "the event has no registered participant");
    return std::move(registered.people);
  }
  std::vector<Participant> people;
  for (const auto& external_id : external_ids) {
    PSL_ASSIGN_OR_RETURN(auto person, store.find_by_external_id(event.id, external_id));
    if (!person) return make_error(Errc::not_found, "no participant with external id '" + external_id + "'");
    people.push_back(std::move(*person));
  }
  return people;
}

Result<std::vector<print::BadgeContent>> badge_contents(Store& store, const Event& event,
                                                        const std::vector<Participant>& people) {
  std::vector<print::BadgeContent> contents;
  contents.reserve(people.size());
  for (const auto& person : people) {
    PSL_ASSIGN_OR_RETURN(auto code, badge::badge_code(store, person));
    contents.push_back(print::badge_content(person.record, std::move(code), event.name));
  }
  return contents;
}

}  // namespace passerelle::hub
