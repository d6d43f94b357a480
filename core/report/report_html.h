// A Document (report_document.h) as one self-contained HTML file: the styles inline, each chart a
// hand-written inline SVG, no script, no font, no image or link to fetch, so that it opens
// offline, on a phone (the page narrows to the screen and wide tables scroll on their own) and
// prints (a print style sheet keeps tables and charts whole on a page where they fit).
//
// Every text from the data (names of events, checkpoints, sectors) is escaped.
// Pure: returns the bytes; no I/O; safe from any thread.
#pragma once

#include <string>

#include "core/report/report_document.h"

namespace passerelle::report {

std::string render_html(const Document& document);

// `text` with &, <, >, " and ' written as entities.
std::string escape_html(std::string_view text);

}  // namespace passerelle::report
