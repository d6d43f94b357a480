#include "core/report/programme_report.h"

#include <set>
#include <string>
#include <unordered_map>

namespace passerelle::report {

ProgrammeReport compute_programme_report(std::vector<EventReport> events) {
  ProgrammeReport programme;
  // Key -> number of the given events it attended; a key counts once per event however many
  // people of that event share it (two colleagues of one organisation, a shared mailbox).
  std::unordered_map<std::string, int> email_events;
  std::unordered_map<std::string, int> organisation_events;
  int without_email = 0;
  for (const EventReport& event : events) {
    programme.participants.registered += event.participants.registered;
    programme.participants.attended += event.participants.attended;
    std::set<std::string> emails;
    std::set<std::string> organisations;
    for (const auto& identity : event.identities) {
      if (!identity.attended) continue;
      if (identity.email_key.empty())
        ++without_email;
      else
        emails.insert(identity.email_key);
      if (!identity.organisation_key.empty()) organisations.insert(identity.organisation_key);
    }
    for (const auto& key : emails) ++email_events[key];
    for (const auto& key : organisations) ++organisation_events[key];
    if (event.meetings) {
      programme.meetings_held += event.meetings->held;
      programme.meetings_cross_border += event.meetings->cross_border;
      programme.meetings_would_cooperate += event.meetings->would_cooperate;
    }
  }
  programme.distinct_attendees = static_cast<int>(email_events.size()) + without_email;
  for (const auto& [key, times] : email_events) {
    ++programme.attendees_by_events[times];
    if (times >= 2) ++programme.returning_participants;
  }
  if (without_email > 0) programme.attendees_by_events[1] += without_email;
  programme.distinct_organisations = static_cast<int>(organisation_events.size());
  for (const auto& [key, times] : organisation_events)
    if (times >= 2) ++programme.returning_organisations;
  programme.events = std::move(events);
  return programme;
}

}  // namespace passerelle::report
