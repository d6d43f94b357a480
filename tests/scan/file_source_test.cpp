// The image-folder camera: golden frames in name order, PGM parsing, and what goes wrong.
#include "kiosk/scan/file_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "kiosk/scan/decode_worker.h"
#include "kiosk/scan/image_files.h"
#include "kiosk/scan/qr_decoder.h"
#include "tests/scan/golden.h"
#include "tests/scan/recorder.h"
#include "tests/support/test_support.h"

#ifndef PASSERELLE_TEST_DATA_DIR
#error "PASSERELLE_TEST_DATA_DIR must name the tests/data directory"
#endif

namespace passerelle::scan {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using testing::golden_dir;

std::string golden_text(const fs::path& png) {
  fs::path txt = png;
  txt.replace_extension(".txt");
  return passerelle::testing::read_file(txt);
}

std::string pgm_bytes(const LumaFrame& frame, const std::string& header_comment = "") {
  std::string bytes =
      "P5\n" + header_comment + std::to_string(frame.width()) + " " + std::to_string(frame.height()) + "\n255\n";
  bytes.append(reinterpret_cast<const char*>(frame.data()), static_cast<std::size_t>(frame.width()) * frame.height());
  return bytes;
}

TEST(FileSource, ShowsTheGoldenFramesInNameOrder) {
  FileSource source({golden_dir(), 2, /*real_time=*/false});
  ASSERT_TRUE(source.start().has_value());
  const std::vector<fs::path> files = source.files();
  ASSERT_GE(files.size(), 10u);
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end(),
                             [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); }));
  const QrDecoder decoder;
  for (std::uint64_t frame = 0; frame < files.size() + 3; ++frame) {
    Result<std::optional<CapturedFrame>> captured = source.next_frame(1s);
    ASSERT_TRUE(captured.has_value() && captured->has_value());
    const fs::path& shown = files[frame % files.size()];
    EXPECT_EQ(decoder.decode((*captured)->view), golden_text(shown)) << shown;
  }
  EXPECT_EQ(source.describe(), "images in " + golden_dir().string());
}

TEST(FileSource, ThroughTheDecodeWorkerEveryGoldenTextAndNothingElse) {
  std::set<std::string> expected;
  for (const auto& entry : fs::directory_iterator(golden_dir())) {
    if (entry.path().extension() == ".png") expected.insert(golden_text(entry.path()));
  }
  testing::Recorder<std::string> codes;
  DecodeWorker worker(std::make_unique<FileSource>(FileSourceConfig{golden_dir(), 30, false}), {},
                      {[&](std::string code) { codes.add(std::move(code)); }, {}, {}});
  worker.start();
  const bool all_seen = codes.wait_until([&](const std::vector<std::string>& seen) {
    return std::set<std::string>(seen.begin(), seen.end()) == expected;
  });
  worker.stop();
  EXPECT_TRUE(all_seen);
  for (const std::string& code : codes.items()) EXPECT_EQ(expected.count(code), 1u) << code;
}

TEST(FileSource, ReadsPngAndPgmAndSkipsOtherFiles) {
  passerelle::testing::TempDir dir;
  const fs::path golden = golden_dir() / "ticket_plain_640x480.png";
  fs::copy_file(golden, dir.file("a.PNG"));
  Result<LumaFrame> luma = read_png_luma(golden);
  ASSERT_TRUE(luma.has_value()) << luma.error().message;
  passerelle::testing::write_file(dir.file("b.pgm"), pgm_bytes(*luma, "# from the golden PNG\n"));
  passerelle::testing::write_file(dir.file("notes.txt"), "not an image");

  FileSource source({dir.path(), 5, false});
  ASSERT_TRUE(source.start().has_value());
  ASSERT_EQ(source.files().size(), 2u);
  EXPECT_EQ(source.files()[0].filename(), "a.PNG");
  EXPECT_EQ(source.files()[1].filename(), "b.pgm");
  const QrDecoder decoder;
  for (int frame = 0; frame < 2; ++frame) {
    Result<std::optional<CapturedFrame>> captured = source.next_frame(1s);
    ASSERT_TRUE(captured.has_value() && captured->has_value());
    EXPECT_EQ(decoder.decode((*captured)->view), golden_text(golden));
    EXPECT_EQ(copy_to_luma((*captured)->view), *luma);
  }
}

TEST(FileSource, SaysWhatIsWrongWithTheFolder) {
  FileSource missing({"/nonexistent/folder", 2, false});
  const Status not_there = missing.start();
  ASSERT_FALSE(not_there.has_value());
  EXPECT_EQ(not_there.error().code, Errc::io);

  passerelle::testing::TempDir dir;
  FileSource empty({dir.path(), 2, false});
  const Status nothing = empty.start();
  ASSERT_FALSE(nothing.has_value());
  EXPECT_EQ(nothing.error().code, Errc::not_found);
  EXPECT_EQ(nothing.error().message, "no PNG or PGM images in " + dir.path().string());

  passerelle::testing::write_file(dir.file("broken.png"), "not a png");
  FileSource broken({dir.path(), 2, false});
  const Status bad = broken.start();
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, Errc::invalid_input);
  EXPECT_NE(bad.error().message.find("broken.png"), std::string::npos);
}

TEST(Pgm, BinaryWithCommentsAndSixteenBitSamples) {
  const std::string eight_bit =
      std::string("P5\n# a comment\n3 2 # another\n255\n") + std::string("\x00\x80\xff\x01\x02\x03", 6);
  Result<LumaFrame> frame = parse_pgm(eight_bit, "eight.pgm");
  ASSERT_TRUE(frame.has_value()) << frame.error().message;
  EXPECT_EQ(frame->width(), 3);
  EXPECT_EQ(frame->height(), 2);
  EXPECT_EQ(frame->at(1, 0), 0x80);
  EXPECT_EQ(frame->at(2, 0), 0xff);
  EXPECT_EQ(frame->at(2, 1), 3);

  const std::string sixteen_bit = std::string("P5 2 1 65535\n") + std::string("\xff\xff\x80\x00", 4);
  Result<LumaFrame> wide = parse_pgm(sixteen_bit, "wide.pgm");
  ASSERT_TRUE(wide.has_value()) << wide.error().message;
  EXPECT_EQ(wide->at(0, 0), 255);
  EXPECT_EQ(wide->at(1, 0), 128);
}

TEST(Pgm, PlainFormatScalesToEightBits) {
  Result<LumaFrame> frame = parse_pgm("P2\n2 2\n15\n0 15\n# mid\n7 8\n", "plain.pgm");
  ASSERT_TRUE(frame.has_value()) << frame.error().message;
  EXPECT_EQ(frame->at(0, 0), 0);
  EXPECT_EQ(frame->at(1, 0), 255);
  EXPECT_EQ(frame->at(0, 1), 119);
  EXPECT_EQ(frame->at(1, 1), 136);
}

TEST(Pgm, RefusesMalformedFiles) {
  const char* malformed[] = {
      "",                            // empty
      "P6\n1 1\n255\n\x01\x02\x03",  // a colour PPM
      "P5\n2 2\n255\n\x01\x02\x03",  // truncated raster
      "P5\n0 2\n255\n",              // no width
      "P5\n99999 2\n255\n",          // too wide
      "P5\n1 1\n0\n\x01",            // maxval 0
      "P5\n1 1\n255",                // no whitespace before the raster
      "P2\n2 1\n10\n3 11\n",         // a sample above maxval
      "P2\n2 1\n10\n3\n",            // a sample missing
  };
  for (const char* bytes : malformed) {
    const Result<LumaFrame> frame = parse_pgm(bytes, "bad.pgm");
    ASSERT_FALSE(frame.has_value()) << bytes;
    EXPECT_EQ(frame.error().code, Errc::invalid_input);
    EXPECT_EQ(frame.error().message.rfind("bad.pgm is not a PGM image", 0), 0u) << frame.error().message;
  }
  EXPECT_EQ(read_pgm("/nonexistent.pgm").error().code, Errc::io);
  EXPECT_EQ(read_image("picture.jpg").error().code, Errc::invalid_input);
}

}  // namespace
}  // namespace passerelle::scan
