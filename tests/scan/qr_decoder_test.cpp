// QrDecoder with the production settings: what it reads, what it refuses, in which layouts.
#include "kiosk/scan/qr_decoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>
#include <vector>

#include "kiosk/scan/synthetic.h"
#include "tests/scan/scenes.h"

namespace passerelle::scan {
namespace {

using testing::encode_or_die;

SceneParams small_frame() {
  SceneParams params;
  params.frame_width = 640;
  params.frame_height = 480;
  params.module_px = 4;
  params.noise_stddev = 3;
  params.blur_sigma_px = 0.6;
  return params;
}

TEST(QrDecoder, ProductionHintsLookForQrCodesOnly) {
  const ZXing::DecodeHints hints = QrDecoder::production_hints();
  EXPECT_EQ(hints.formats(), ZXing::BarcodeFormats(ZXing::BarcodeFormat::QRCode));
  EXPECT_FALSE(hints.isPure());
  EXPECT_TRUE(hints.tryDownscale());
  EXPECT_EQ(QrDecoder().hints().maxNumberOfSymbols(), 1);
}

TEST(QrDecoder, ReadsATokenAndATicketCode) {
  std::mt19937 random(3);
  const QrDecoder decoder;
  for (const std::string& text : {testing::fake_token(random), std::string("EIF-TKT-7F3K9Q")}) {
    const LumaFrame frame = render_scene(encode_or_die(text), small_frame());
    EXPECT_EQ(decoder.decode(frame.view()), text);
  }
}

TEST(QrDecoder, ReadsByteModeTextExactly) {
  // Lower case forces byte mode (libqrencode); codes from other systems may look like this.
  const std::string text = "eif-tkt-7f3k9q/day-2";
  const LumaFrame frame = render_scene(encode_or_die(text), small_frame());
  EXPECT_EQ(QrDecoder().decode(frame.view()), text);
}

TEST(QrDecoder, EmptySceneIsNoCodeNotAnError) {
  const QrDecoder decoder;
  for (std::uint32_t seed = 1; seed <= 6; ++seed) {
    SceneParams params;
    params.seed = seed;
    params.noise_stddev = 4;
    params.blur_sigma_px = 0.5;
    if (seed % 2 == 0) {
      params.frame_width = 640;
      params.frame_height = 480;
    }
    const LumaFrame frame = render_empty_scene(params);
    EXPECT_EQ(decoder.decode(frame.view()), std::nullopt) << "seed " << seed;
    EXPECT_TRUE(decoder.decode_all(frame.view()).empty()) << "seed " << seed;
  }
  EXPECT_EQ(decoder.failed_frames(), 0u);
}

TEST(QrDecoder, YuyvInPlaceDecodesLikeLuminance) {
  const QrDecoder decoder;
  int read = 0;
  for (std::uint32_t index = 0; index < 40; ++index) {
    const testing::SweepScene scene = testing::sweep_scene(index);
    const LumaFrame luma = render_scene(scene.code, scene.params);
    const YuyvFrame yuyv = YuyvFrame::from_luma(luma);
    const std::optional<std::string> from_luma = decoder.decode(luma.view());
    EXPECT_EQ(decoder.decode(yuyv.luma_view()), from_luma) << "scene " << index;
    read += from_luma.has_value();
  }
  EXPECT_GT(read, 20);  // the comparison covers frames that read, not only frames that do not
}

TEST(QrDecoder, ReadsAViewWithRowPadding) {
  const std::string text = "EIF-TKT-PADDED";
  const LumaFrame frame = render_scene(encode_or_die(text), small_frame());
  // The same pixels inside a buffer 32 bytes wider, as some drivers deliver them.
  const int stride = frame.width() + 32;
  std::vector<std::uint8_t> padded(static_cast<std::size_t>(stride * frame.height()), 0x55);
  for (int y = 0; y < frame.height(); ++y) {
    std::copy(frame.data() + y * frame.width(), frame.data() + (y + 1) * frame.width(), padded.begin() + y * stride);
  }
  EXPECT_EQ(QrDecoder().decode(FrameView{padded.data(), frame.width(), frame.height(), stride, 1}), text);
}

TEST(QrDecoder, ReadsABadgeHeldCloseToTheCamera) {
  // 16 px per module with sensor noise: only the downscaled layer of the image pyramid reads it.
  SceneParams params;
  params.module_px = 16;
  params.noise_stddev = 8;
  params.blur_sigma_px = 1.0;
  params.rotation_deg = 20;
  const std::string text = "EIF-TKT-CL0SE1";
  const LumaFrame frame = render_scene(encode_or_die(text), params);
  EXPECT_EQ(QrDecoder().decode(frame.view()), text);
}

TEST(QrDecoder, DecodeAllFindsEveryCodeOnAPage) {
  const std::string left_text = "EIF-TKT-LEFT01";
  const std::string right_text = "EIF-TKT-RIGHT2";
  const LumaFrame left = render_scene(encode_or_die(left_text), small_frame());
  SceneParams right_params = small_frame();
  right_params.rotation_deg = 25;
  right_params.seed = 7;
  const LumaFrame right = render_scene(encode_or_die(right_text), right_params);
  LumaFrame page(1280, 480);
  for (int y = 0; y < 480; ++y) {
    for (int x = 0; x < 640; ++x) {
      page.at(x, y) = left.at(x, y);
      page.at(640 + x, y) = right.at(x, y);
    }
  }
  std::vector<std::string> texts = QrDecoder().decode_all(page.view());
  std::sort(texts.begin(), texts.end());
  EXPECT_EQ(texts, (std::vector<std::string>{left_text, right_text}));
  // decode() stops at the first one.
  const std::optional<std::string> first = QrDecoder().decode(page.view());
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(*first == left_text || *first == right_text);
}

TEST(QrDecoder, OneDecoderServesSeveralThreads) {
  std::vector<LumaFrame> frames;
  for (std::uint32_t index = 0; index < 12; ++index) {
    const testing::SweepScene scene = testing::sweep_scene(index);
    frames.push_back(render_scene(scene.code, scene.params));
  }
  const QrDecoder decoder;
  std::vector<std::optional<std::string>> expected;
  for (const LumaFrame& frame : frames) expected.push_back(decoder.decode(frame.view()));

  std::vector<std::vector<std::optional<std::string>>> seen(2);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (const LumaFrame& frame : frames) seen[t].push_back(decoder.decode(frame.view()));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& results : seen) {
    ASSERT_EQ(results.size(), 3 * frames.size());
    for (std::size_t i = 0; i < results.size(); ++i) EXPECT_EQ(results[i], expected[i % frames.size()]);
  }
}

}  // namespace
}  // namespace passerelle::scan
