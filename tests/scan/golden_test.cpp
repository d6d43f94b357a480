// Golden camera frames (tests/data/qr, written by make_golden_qr): each NAME.png must decode to
// exactly the text in NAME.txt, from packed luminance and from YUYV read in place.
#include "tests/scan/golden.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/scan/qr_decoder.h"
#include "tests/scan/png_io.h"

#ifndef PASSERELLE_TEST_DATA_DIR
#error "PASSERELLE_TEST_DATA_DIR must name the tests/data directory"
#endif

namespace passerelle::scan {
namespace {

namespace fs = std::filesystem;

using testing::golden_dir;

std::vector<std::string> golden_names() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(golden_dir(), error)) {
    if (entry.path().extension() == ".png") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class GoldenQr : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenQr, DecodesToTheExpectedText) {
  const fs::path png = golden_dir() / (GetParam() + ".png");
  const fs::path txt = golden_dir() / (GetParam() + ".txt");
  ASSERT_TRUE(fs::exists(txt)) << txt << " is missing";
  const std::string expected = read_text(txt);
  ASSERT_FALSE(expected.empty());
  ASSERT_NE(expected.back(), '\n') << txt << " must hold the text exactly, without a final newline";

  Result<LumaFrame> frame = testing::read_png(png);
  ASSERT_TRUE(frame.has_value()) << frame.error().message;
  const QrDecoder decoder;
  EXPECT_EQ(decoder.decode(frame->view()), expected);
  if (frame->width() % 2 == 0) {
    const YuyvFrame yuyv = YuyvFrame::from_luma(*frame);
    EXPECT_EQ(decoder.decode(yuyv.luma_view()), expected) << "YUYV in place";
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, GoldenQr, ::testing::ValuesIn(golden_names()), test_name);

TEST(GoldenQrFiles, AreAllThere) {
  // A renamed data directory would otherwise leave the parameterised suite silently empty.
  EXPECT_GE(golden_names().size(), 12u) << "golden files expected in " << golden_dir();
}

}  // namespace
}  // namespace passerelle::scan
