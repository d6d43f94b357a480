// Printable badges: a PDF of name badges for a whole event, and a badge's QR code alone as PNG or
// SVG (for e-mails and web pages). Vector output through cairo, text in DejaVu Sans via FreeType,
// QR symbols through libqrencode (core/print/qr.h).
//
// Every badge shows the first name and last name large and bold (each shrunk to fit its line, and
// ellipsised with "…" only below a minimum size), the organisation (up to two lines), the country
// (ISO 3166 alpha-2, with the English name for European countries), the event name small, and the
// QR code with its 4-module quiet zone, each module at least 0.5 mm wide.
//
// Output files are written whole or not at all: the document is built in memory and written to a
// temporary file that is renamed over `out` (write_file_atomically), so a failure never leaves a
// truncated file behind and an older file at `out` survives a failed run.
//
// Failures (Status):
//   Errc::invalid_input  empty badge list, a badge whose text is not UTF-8, a QR text that is empty,
//                        too long for any QR version, or whose symbol cannot fit on the chosen
//                        layout at 0.5 mm per module; the message names the badge by position and name.
//   Errc::not_found      a font file missing from fonts_dir.
//   Errc::io             the output folder does not exist or cannot be written, a write failed.
//
// Thread safety: every function may be called from several threads at once; each call loads
// its own fonts and surfaces. default_fonts_dir() reads the environment (not safe against a
// concurrent setenv).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/participant.h"
#include "core/util/result.h"

namespace passerelle::print {

struct BadgeContent {
  std::string first_name;
  std::string last_name;
  std::string organisation;
  std::string country;  // ISO 3166-1 alpha-2, e.g. "DK"; other text is printed as it is
  std::string qr_text;  // the badge code: a signed token or a ticket code
  std::string event_name;
};

// What a participant's badge shows: one rule for every printer (the command line's sheets and
// labels, the live view's download). `code` is their current badge code (badge::badge_code).
BadgeContent badge_content(const ParticipantRecord& record, std::string code, std::string event_name);

enum class SheetLayout {
  a4_grid,     // A4 portrait, 2 columns x 4 rows of 90 x 55 mm badges, with cut marks in the margins
  a6_single,   // one 105 x 148 mm badge per A6 portrait page
  label_62mm,  // one 62 x 100 mm badge per page: a 62 mm continuous label roll (Brother QL style)
};

// Badge size and badges per page of a layout, for callers that tell users what to print on.
struct SheetGeometry {
  double page_width_mm;
  double page_height_mm;
  double badge_width_mm;
  double badge_height_mm;
  int columns;
  int rows;
};
SheetGeometry sheet_geometry(SheetLayout layout);

// One or more pages holding every badge, in order (left to right, then top to bottom on A4).
Status render_badges_pdf(const std::vector<BadgeContent>& badges, SheetLayout layout, const std::filesystem::path& out,
                         const std::filesystem::path& fonts_dir);
// The same document in memory, for a server to send (the live view's badge download); the
// failures above but the output folder's.
Result<std::string> badges_pdf(const std::vector<BadgeContent>& badges, SheetLayout layout,
                               const std::filesystem::path& fonts_dir);

// The QR code of `text` as a black-on-white PNG, `module_px` pixels per module (1 to 64), quiet
// zone included.
Status write_qr_png(std::string_view text, const std::filesystem::path& out, int module_px = 8);

// The QR code of `text` as an SVG, one unit per module, quiet zone included.
Status write_qr_svg(std::string_view text, const std::filesystem::path& out);

// The assets folder (fonts, sounds, texts, the hub's pages), the one rule for every program:
// $PASSERELLE_ASSETS when set; else PREFIX/share/passerelle/assets when the program runs from
// PREFIX/bin and that folder holds the fonts (an installed package); else the source tree's
// (PASSERELLE_ASSETS_DIR, set at build time), for a program run from its build tree.
std::filesystem::path default_assets_dir();
// default_assets_dir()/fonts.
std::filesystem::path default_fonts_dir();
// The same for the texts in four languages (core/text/translations.h): .../i18n.
std::filesystem::path default_i18n_dir();

}  // namespace passerelle::print
