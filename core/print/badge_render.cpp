#include "core/print/badge_render.h"

#include <cassert>
#include <cstdlib>
#include <string>
#include <utility>

#include "core/print/badge_draw.h"
#include "core/print/cairo_handles.h"
#include "core/print/font_faces.h"
#include "core/print/output.h"
#include "core/print/qr.h"
#include "core/print/sheet_pdf.h"
#include "core/text/utf8.h"
#include "core/util/strings.h"

namespace passerelle::print {
namespace {

// "badge 3 (Anna Kowalska)" for error messages, 1-based like a spreadsheet row.
std::string describe(std::size_t index, const BadgeContent& badge) {
  std::string label = "badge " + std::to_string(index + 1);
  const std::string name = std::string(trim(badge.first_name)) + " " + std::string(trim(badge.last_name));
  if (is_valid_utf8(name) && !trim(name).empty()) label += " (" + std::string(trim(name)) + ")";
  return label;
}

Status check_text(const BadgeContent& badge) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"first name", &badge.first_name}, {"last name", &badge.last_name}, {"organisation", &badge.organisation},
      {"country", &badge.country},       {"QR text", &badge.qr_text},     {"event name", &badge.event_name},
  };
  for (const auto& [what, text] : fields) {
    if (!is_valid_utf8(*text)) return make_error(Errc::invalid_input, std::string(what) + " is not valid UTF-8");
  }
  return {};
}

// A badge ready to draw: its symbol and the side it gets.
struct PreparedBadge {
  QrMatrix qr;
  double qr_side;
};

// Everything that can be wrong with the input is found here, before any page is drawn.
Result<std::vector<PreparedBadge>> prepare(const std::vector<BadgeContent>& badges, const BadgeStyle& style) {
  std::vector<PreparedBadge> prepared;
  prepared.reserve(badges.size());
  for (std::size_t i = 0; i < badges.size(); ++i) {
    const BadgeContent& badge = badges[i];
    auto checked = check_text(badge);
    if (!checked) return make_error(checked.error().code, describe(i, badge) + ": " + checked.error().message);
    auto qr = encode_qr(badge.qr_text);
    if (!qr) return make_error(qr.error().code, describe(i, badge) + ": " + qr.error().message);
    auto side = qr_side_on_badge(*qr, style);
    if (!side) return make_error(side.error().code, describe(i, badge) + ": " + side.error().message);
    prepared.push_back(PreparedBadge{std::move(*qr), *side});
  }
  return prepared;
}

}  // namespace

SheetGeometry sheet_geometry(SheetLayout layout) {
  switch (layout) {
    case SheetLayout::a4_grid:
      return {210, 297, 90, 55, 2, 4};
    case SheetLayout::a6_single:
      return {105, 148, 105, 148, 1, 1};
    case SheetLayout::label_62mm:
      return {62, 100, 62, 100, 1, 1};
  }
  assert(false && "unknown SheetLayout");
  return {210, 297, 90, 55, 2, 4};
}

BadgeContent badge_content(const ParticipantRecord& record, std::string code, std::string event_name) {
  return BadgeContent{record.first_name, record.last_name, record.organisation,
                      record.country,    std::move(code),  std::move(event_name)};
}

Status render_badges_pdf(const std::vector<BadgeContent>& badges, SheetLayout layout, const std::filesystem::path& out,
                         const std::filesystem::path& fonts_dir) {
  if (badges.empty()) return make_error(Errc::invalid_input, "no badges to print: the list is empty");
  PSL_TRY(check_output_folder(out));
  PSL_ASSIGN_OR_RETURN(const std::string pdf, badges_pdf(badges, layout, fonts_dir));
  return write_document(out, pdf, "badges PDF");
}

Result<std::string> badges_pdf(const std::vector<BadgeContent>& badges, SheetLayout layout,
                               const std::filesystem::path& fonts_dir) {
  if (badges.empty()) return make_error(Errc::invalid_input, "no badges to print: the list is empty");
  const SheetGeometry sheet = sheet_geometry(layout);
  const BadgeStyle style = badge_style(layout);
  PSL_ASSIGN_OR_RETURN(const std::vector<PreparedBadge> prepared, prepare(badges, style));
  PSL_ASSIGN_OR_RETURN(const BadgeFonts fonts, BadgeFonts::load(fonts_dir));

  const std::string_view event = trim(badges.front().event_name);
  const std::string title = event.empty() ? "Badges" : "Badges: " + std::string(event);
  return render_sheet_pdf(badges.size(), sheet, title, "badges PDF", [&](cairo_t* cr, std::size_t i) {
    draw_badge(cr, fonts, badges[i], prepared[i].qr, prepared[i].qr_side, style);
  });
}

namespace {

std::filesystem::path assets_dir() {
  if (const char* assets = std::getenv("PASSERELLE_ASSETS"); assets != nullptr && *assets != '\0') return assets;
  std::error_code error;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = program.parent_path().parent_path() / "share" / "passerelle" / "assets";
    if (std::filesystem::is_regular_file(installed / "fonts" / "DejaVuSans.ttf", error)) return installed;
  }
  return PASSERELLE_ASSETS_DIR;
}

}  // namespace

std::filesystem::path default_fonts_dir() {
  return assets_dir() / "fonts";
}

std::filesystem::path default_i18n_dir() {
  return assets_dir() / "i18n";
}

std::filesystem::path default_assets_dir() {
  return assets_dir();
}

}  // namespace passerelle::print
