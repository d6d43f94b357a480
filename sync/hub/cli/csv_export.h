// What every CSV export of passerelle-hub (`export attendance`, `export badges`) takes alike:
// --excel, for Excel set to a language that separates cells with semicolons.
#pragma once

#include "core/csv/csv_writer.h"
#include "sync/hub/cli/args.h"

namespace passerelle::hub {

// The --excel flag, as each export's CommandSpec lists it.
OptionSpec excel_option();

// ';' with --excel, else ','. The file stays UTF-8 with a BOM and CRLF line ends either way.
csv::Delimiter csv_delimiter(const ParsedArgs& args);

}  // namespace passerelle::hub
