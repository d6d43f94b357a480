// Frame views and owning frames: layout of packed luminance and of YUYV read in place.
#include "kiosk/scan/frame.h"

#include <gtest/gtest.h>

namespace passerelle::scan {
namespace {

LumaFrame gradient(int width, int height) {
  LumaFrame frame(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) frame.at(x, y) = static_cast<std::uint8_t>((x * 7 + y * 13) % 256);
  }
  return frame;
}

TEST(LumaFrame, IsPackedAndFilled) {
  const LumaFrame frame(6, 4, 200);
  EXPECT_EQ(frame.width(), 6);
  EXPECT_EQ(frame.height(), 4);
  EXPECT_FALSE(frame.empty());
  EXPECT_EQ(frame.at(5, 3), 200);
  const FrameView view = frame.view();
  EXPECT_EQ(view.data, frame.data());
  EXPECT_EQ(view.row_stride, 6);
  EXPECT_EQ(view.pixel_stride, 1);
  EXPECT_TRUE(LumaFrame().empty());
}

TEST(LumaFrame, ViewReadsWhatWasWritten) {
  const LumaFrame frame = gradient(10, 5);
  const FrameView view = frame.view();
  for (int y = 0; y < 5; ++y) {
    for (int x = 0; x < 10; ++x) EXPECT_EQ(view.at(x, y), frame.at(x, y));
  }
}

TEST(YuyvFrame, InterleavesLumaWithNeutralChroma) {
  const LumaFrame luma = gradient(4, 2);
  const YuyvFrame yuyv = YuyvFrame::from_luma(luma);
  ASSERT_EQ(yuyv.bytes().size(), 4u * 2u * 2u);
  // Y0 U Y1 V for each pair of pixels.
  EXPECT_EQ(yuyv.bytes()[0], luma.at(0, 0));
  EXPECT_EQ(yuyv.bytes()[1], 128);
  EXPECT_EQ(yuyv.bytes()[2], luma.at(1, 0));
  EXPECT_EQ(yuyv.bytes()[3], 128);
  EXPECT_EQ(yuyv.bytes()[8], luma.at(0, 1));
}

TEST(YuyvFrame, LumaViewReadsInPlace) {
  const LumaFrame luma = gradient(64, 48);
  const YuyvFrame yuyv = YuyvFrame::from_luma(luma);
  const FrameView view = yuyv.luma_view();
  EXPECT_EQ(view.data, yuyv.bytes().data());
  EXPECT_EQ(view.width, 64);
  EXPECT_EQ(view.height, 48);
  EXPECT_EQ(view.row_stride, 128);
  EXPECT_EQ(view.pixel_stride, 2);
  EXPECT_EQ(copy_to_luma(view), luma);
}

TEST(CopyToLuma, PacksAViewWithRowPadding) {
  const LumaFrame wide = gradient(12, 3);
  // The left 8 columns of `wide`: row stride 12, width 8.
  const FrameView cropped{wide.data(), 8, 3, 12, 1};
  const LumaFrame copy = copy_to_luma(cropped);
  ASSERT_EQ(copy.width(), 8);
  for (int y = 0; y < 3; ++y) {
    for (int x = 0; x < 8; ++x) EXPECT_EQ(copy.at(x, y), wide.at(x, y));
  }
}

}  // namespace
}  // namespace passerelle::scan
