#include "sync/hub/cli/badge_selection.h"

#include "core/badge/issuer.h"

namespace passerelle::hub {

Result<print::SheetLayout> parse_layout(std::string_view name) {
  if (name == "a4") return print::SheetLayout::a4_grid;
  if (name == "a6") return print::SheetLayout::a6_single;
  if (name == "label62") return print::SheetLayout::label_62mm;
  return make_error(Errc::invalid_input, "unknown layout '" + std::string(name) + "' (a4, a6, label62)");
}

Result<std::vector<Participant>> select_participants(Store& store, std::int64_t event_id,
                                                     const std::vector<std::string>& external_ids) {
  std::vector<Participant> people;
  if (external_ids.empty()) {
    PSL_ASSIGN_OR_RETURN(auto all, store.participants(event_id));
    for (auto& person : all)
      if (person.record.status == ParticipantStatus::registered) people.push_back(std::move(person));
    if (people.empty()) return make_error(Errc::not_found, "the event has no registered participant");
    return people;
  }
  for (const auto& external_id : external_ids) {
    PSL_ASSIGN_OR_RETURN(auto person, store.find_by_external_id(event_id, external_id));
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
    const auto& record = person.record;
    contents.push_back(print::BadgeContent{record.first_name, record.last_name, record.organisation, record.country,
                                           std::move(code), event.name});
  }
  return contents;
}

}  // namespace passerelle::hub
