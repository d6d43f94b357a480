// A badge's QR code on its own: the PNG reads back through ZXing, the SVG draws the same modules.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "core/print/badge_render.h"
#include "core/print/qr.h"
#include "tests/print/pdf_probe.h"
#include "tests/support/test_support.h"

namespace passerelle::print {
namespace {

using passerelle::testing::TempDir;

const std::string kToken =
    "PSL-HSLYWIK65KNHTIEUCCNQH2GWPBBI2OZR723XRCWWRR4WLI64EY52EJW65WCWHPIDVPDBAKGC6WLQUTOHA7JN2RDZTC4OXYDDW3E6W3LFXLGZG4"
    "PW54ROAXIYBERH4N2C66WG6";

TEST(QrPng, DecodesBackToTheText) {
  TempDir dir;
  for (const std::string& text : {kToken, std::string("tix_8f3a9c2e71b4d05a"), std::string("Łódź · 2025 · €")}) {
    const auto png = dir.file("qr.png");
    const Status written = write_qr_png(text, png, 4);
    ASSERT_TRUE(written) << written.error().message;
    const auto image = passerelle::testing::load_png_as_grey(png);
    ASSERT_GT(image.width, 0);
    EXPECT_EQ(passerelle::testing::decode_qr_codes(image), std::vector<std::string>{text});
  }
}

TEST(QrPng, HasTheQuietZoneAndTheRequestedModuleSize) {
  TempDir dir;
  const auto png = dir.file("qr.png");
  const int module_px = 8;
  ASSERT_TRUE(write_qr_png(kToken, png, module_px));
  const auto matrix = encode_qr(kToken);
  ASSERT_TRUE(matrix);
  const auto image = passerelle::testing::load_png_as_grey(png);
  const int side = (matrix->size() + 8) * module_px;
  ASSERT_EQ(image.width, side);
  ASSERT_EQ(image.height, side);
  const int quiet = 4 * module_px;
  int dark_in_quiet_zone = 0;
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const bool in_symbol = x >= quiet && x < side - quiet && y >= quiet && y < side - quiet;
      if (!in_symbol && image.at(x, y) < 128) ++dark_in_quiet_zone;
    }
  }
  EXPECT_EQ(dark_in_quiet_zone, 0);
  // Pixel-exact modules: the finder pattern's top-left module is dark, the pixel before it white.
  EXPECT_LT(image.at(quiet, quiet), 128);
  EXPECT_GT(image.at(quiet - 1, quiet - 1), 128);
}

TEST(QrSvg, IsWellFormedAndCoversExactlyTheDarkModules) {
  TempDir dir;
  const auto svg_file = dir.file("qr.svg");
  const Status written = write_qr_svg(kToken, svg_file);
  ASSERT_TRUE(written) << written.error().message;
  const std::string svg = passerelle::testing::read_file(svg_file);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_NE(svg.find("<rect"), std::string::npos);
  EXPECT_NE(svg.find("<path"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);

  const auto matrix = encode_qr(kToken);
  ASSERT_TRUE(matrix);
  const std::string side = std::to_string(matrix->size() + 8);
  EXPECT_NE(svg.find("viewBox=\"0 0 " + side + " " + side + "\""), std::string::npos);

  // Each run is "M<x> <y>h<n>v1h-<n>z": the runs must tile exactly the dark modules.
  std::vector<bool> covered(static_cast<std::size_t>(matrix->size() * matrix->size()));
  std::size_t at = 0;
  while ((at = svg.find('M', at)) != std::string::npos) {
    int x = 0, y = 0, length = 0, back = 0;
    int consumed = 0;
    ASSERT_EQ(std::sscanf(svg.c_str() + at, "M%d %dh%dv1h-%dz%n", &x, &y, &length, &back, &consumed), 4)
        << svg.substr(at, 40);
    ASSERT_EQ(length, back);
    at += static_cast<std::size_t>(consumed);
    for (int i = 0; i < length; ++i) {
      const auto index = static_cast<std::size_t>(y * matrix->size() + x + i);
      ASSERT_FALSE(covered[index]) << "module drawn twice";
      covered[index] = true;
    }
  }
  for (int y = 0; y < matrix->size(); ++y) {
    for (int x = 0; x < matrix->size(); ++x) {
      EXPECT_EQ(covered[static_cast<std::size_t>(y * matrix->size() + x)], matrix->dark(x, y)) << x << "," << y;
    }
  }
}

}  // namespace
}  // namespace passerelle::print
