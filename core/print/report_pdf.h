// The event and programme reports on paper (issue #14): a report Document
// (core/report/report_document.h) drawn with cairo on A4 as the HTML shows it (key figures,
// tables split across pages with their head repeated, bar and column charts), and a day's
// attendance list in the form funders of cross-border programmes ask for (event, venue, date,
// one row per participant with organisation, check-in time and an empty box to sign in, "page x
// of y"). DejaVu Sans through FreeType as on badges; the hub links no browser.
//
// Returns the PDF's bytes: the caller writes them with the report's other files
// (write_file_atomically), so nothing is half-written.
// Failures: Errc::not_found for a missing font file; Errc::invalid_input for text that is not
// UTF-8; Errc::io when cairo cannot make the document.
// Thread safety: each call loads its own fonts and surfaces (as badge_render.h).
#pragma once

#include <filesystem>
#include <string>

#include "core/report/report_document.h"
#include "core/util/result.h"

namespace passerelle::print {

Result<std::string> render_report_pdf(const report::Document& document, const std::filesystem::path& fonts_dir);

Result<std::string> render_attendance_sheet_pdf(const report::AttendanceSheet& sheet,
                                                const std::filesystem::path& fonts_dir);

}  // namespace passerelle::print
