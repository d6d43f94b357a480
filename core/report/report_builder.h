// The figures put into words: an EventReport or a ProgrammeReport as a Document (the sections,
// tables and charts every format draws), and an event's per-day attendance lists, in the event's
// language (`[event] language`) through the `[report]` texts of assets/i18n (core/text/translations.h).
//
// Pure: no I/O; safe from any thread (Translations' const members are).
#pragma once

#include <vector>

#include "core/report/event_report.h"
#include "core/report/programme_report.h"
#include "core/report/report_document.h"
#include "core/text/translations.h"

namespace passerelle::report {

// `generated` is shown as written: when the report was made ("2026-12-10 12:00 (Europe/Amsterdam)").
Document event_document(const EventReport& report, const Translations& texts, const std::string& generated);

// In the language of the first event (the organiser's, as a programme is one organiser's forums).
Document programme_document(const ProgrammeReport& programme, const Translations& texts, const std::string& generated);

// One sheet per event day, in order, in the event's language.
std::vector<AttendanceSheet> attendance_sheets(const EventReport& report, const Translations& texts);

// "37%" of part in whole; "-" when whole is 0. Shares are rounded to whole per cents.
std::string percent(int part, int whole);

}  // namespace passerelle::report
