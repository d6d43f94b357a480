// A PDF of pages of equal cells, built in memory: badges, table cards and agendas are each one
// cell, drawn by the caller; this places them, adds cut marks when a page holds several, and
// finishes the document. Internal to core/print.
//
// Thread safety: each call uses its own surface and context. Failure: Errc::io when cairo cannot
// make or finish the document, Errc::invalid_input for text cairo refuses; `what` names the
// document in messages ("badges PDF").
#pragma once

#include <cairo.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/print/badge_render.h"
#include "core/util/result.h"

namespace passerelle::print {

// Draws cell `index` with its top-left corner at the user-space origin, in points.
using DrawCell = std::function<void(cairo_t* cr, std::size_t index)>;

// `count` cells (at least one), left to right then top to bottom, `sheet.columns` x `sheet.rows`
// to a page, centred. Returns the PDF's bytes.
Result<std::string> render_sheet_pdf(std::size_t count, const SheetGeometry& sheet, std::string_view title,
                                     std::string_view what, const DrawCell& draw);

}  // namespace passerelle::print
