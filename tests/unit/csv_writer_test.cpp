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

}  // namespace
}  // namespace passerelle::testing
