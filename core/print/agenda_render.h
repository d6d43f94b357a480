// Personal B2B agendas and table cards as PDF (issue #13), on the paper the badges use (A4, A6,
// the 62 mm label roll; badge_render.h), in DejaVu Sans through cairo like the badges.
//
// An agenda is one page per participant, in their language (the caller gives the texts): the
// event, the participant, their badge's QR code (so the page also works at a B2B kiosk), and one
// row per meeting (time, table, partner with organisation and country). However many meetings, it
// stays one page: rows and their text shrink to fit. A table card is one card per table, the
// number as large as the card allows, on the badges' sheets (eight cards with cut marks on A4).
//
// Output files are written whole or not at all (write_document, as badges).
// Failures (Status): Errc::invalid_input for an empty list, text that is not UTF-8, a QR text that
// cannot be encoded or printed at 0.5 mm per module (named by page and name); Errc::not_found for a
// missing font file; Errc::io when the output folder is missing or a write fails.
// Thread safety: as badge_render.h: each call loads its own fonts and surfaces.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/print/badge_render.h"
#include "core/util/result.h"

namespace passerelle::print {

struct AgendaRow {
  std::string time;  // "10:00–10:20", in the event's time zone
  std::string table;
  std::string partner;  // the partner's name
  std::string partner_organisation;
  std::string partner_country;  // ISO 3166 alpha-2
};

// The words of one agenda, in its reader's language.
struct AgendaTexts {
  std::string title;  // "Your B2B meetings"
  std::string time_head;
  std::string table_head;
  std::string partner_head;
  std::string none;    // instead of the rows when there are none
  std::string footer;  // when it was printed and where changes are shown
};

struct AgendaPage {
  std::string first_name;
  std::string last_name;
  std::string organisation;
  std::string qr_text;  // the badge code
  std::string event_name;
  std::string day;  // under the title, e.g. "2026-12-08"
  AgendaTexts texts;
  std::vector<AgendaRow> rows;
};

// One page per agenda, in order.
Status render_agendas_pdf(const std::vector<AgendaPage>& agendas, SheetLayout paper, const std::filesystem::path& out,
                          const std::filesystem::path& fonts_dir);

struct TableCard {
  std::string event_name;
  std::string area;     // the hall, or empty
  std::string caption;  // above the number, e.g. "Table · Tisch · Tafel"
  std::string number;   // "12"
};

// The cards on the layout's sheets (A4: 8 per page with cut marks), in order.
Status render_table_cards_pdf(const std::vector<TableCard>& cards, SheetLayout layout, const std::filesystem::path& out,
                              const std::filesystem::path& fonts_dir);

}  // namespace passerelle::print
