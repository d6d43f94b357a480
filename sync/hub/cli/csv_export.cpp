#include "sync/hub/cli/csv_export.h"

namespace passerelle::hub {

OptionSpec excel_option() {
  return {"excel", "", "cells separated by ';', as Excel in French, German or Dutch reads them"};
}

csv::Delimiter csv_delimiter(const ParsedArgs& args) {
  return args.has("excel") ? csv::Delimiter::semicolon : csv::Delimiter::comma;
}

}  // namespace passerelle::hub
