// core/csv/csv_writer.h: the one CSV writer of every export.
#include "core/csv/csv_writer.h"

#include <gtest/gtest.h>

namespace passerelle::testing {
namespace {

TEST(CsvWriter, CellsASpreadsheetWouldRunGetAnApostrophe) {
  EXPECT_EQ(csv::export_cell("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv::export_cell("+1+1"), "'+1+1");
  EXPECT_EQ(csv::export_cell("-2"), "'-2");
  EXPECT_EQ(csv::export_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv::export_cell("\t=1+1"), "\"'\t=1+1\"");
  EXPECT_EQ(csv::export_cell("\r=1+1"), "\"'\r=1+1\"");
}

TEST(CsvWriter, OtherCellsAreOnlyQuotedAsRfc4180Needs) {
  EXPECT_EQ(csv::export_cell(""), "");
  EXPECT_EQ(csv::export_cell("Anne-Marie"), "Anne-Marie");  // a '-' inside is no formula
  EXPECT_EQ(csv::export_cell("'t Hooft"), "'t Hooft");
  EXPECT_EQ(csv::export_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv::export_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv::quote_field("=1+1"), "=1+1");  // for files read back as they are
}

TEST(CsvWriter, RowsHaveABomAndCrlf) {
  csv::Writer writer;
  writer.row({"a", "=b"});
  writer.row({"", "c d"});
  EXPECT_EQ(writer.text(),
            "\xEF\xBB\xBF"
            "a,'=b\r\n,c d\r\n");
}

// --excel: Excel set to French, German or Dutch splits rows at semicolons; a cell holding one
// is quoted so that it stays one cell, and a comma needs no quotes but is quoted all the same
// (the file then reads alike in a program that guesses the delimiter).
TEST(CsvWriter, ASemicolonFileQuotesCellsHoldingASemicolonAndKeepsBomAndCrlf) {
  csv::Writer writer(csv::Delimiter::semicolon);
  writer.row({"external_id", "organisation", "note"});
  writer.row({"P1", "Dąbrowska; Dubois & Co", "a,b"});
  writer.row({"P2", "-2", ""});
  EXPECT_EQ(writer.text(),
            "\xEF\xBB\xBF"
            "external_id;organisation;note\r\n"
            "P1;\"Dąbrowska; Dubois & Co\";\"a,b\"\r\n"
            "P2;'-2;\r\n");
}

}  // namespace
}  // namespace passerelle::testing
