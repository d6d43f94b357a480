// Text fitting on its own: shrink to the width, then ellipsise at the minimum size, never wider
// than the box and never cutting a character or an accent in two.
#include "core/print/text_fit.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/print/badge_render.h"
#include "core/print/cairo_handles.h"
#include "core/print/font_faces.h"
#include "core/text/utf8.h"

namespace passerelle::print {
namespace {

class TextFitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fonts = BadgeFonts::load(default_fonts_dir());
    ASSERT_TRUE(fonts) << fonts.error().message;
    fonts_ = std::make_unique<BadgeFonts>(std::move(*fonts));
    surface_.reset(cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1));
    cr_.reset(cairo_create(surface_.get()));
  }

  cairo_t* cr() { return cr_.get(); }
  cairo_font_face_t* bold() { return fonts_->bold(); }

  std::unique_ptr<BadgeFonts> fonts_;
  CairoSurface surface_;
  CairoContext cr_;
};

TEST_F(TextFitTest, ShortTextKeepsTheLargestSize) {
  const FittedLine line = fit_line(cr(), bold(), "Zoë", 200, {24, 10});
  EXPECT_EQ(line.text, "Zoë");
  EXPECT_DOUBLE_EQ(line.size, 24);
  EXPECT_FALSE(line.ellipsised);
  EXPECT_LE(line.width, 200);
}

TEST_F(TextFitTest, LongTextShrinksToTheWidthButNoFurther) {
  const std::string name = "Kierkegård-Holm";
  cairo_set_font_face(cr(), bold());
  cairo_set_font_size(cr(), 24);
  const double natural = text_width(cr(), name);
  const FittedLine line = fit_line(cr(), bold(), name, natural * 0.7, {24, 10});
  EXPECT_EQ(line.text, name);
  EXPECT_FALSE(line.ellipsised);
  EXPECT_LE(line.width, natural * 0.7);
  EXPECT_NEAR(line.size, 24 * 0.7, 0.5);  // shrunk just enough, not to the minimum
}

TEST_F(TextFitTest, BelowTheMinimumTheTextIsCutAtACharacterAndEllipsised) {
  const std::string name = "Łódź-Ørsted-Strauß-Szűcs-Żagar-Bērziņa-Dvořák";
  for (const double width : {40.0, 80.0, 120.0, 160.0}) {
    const FittedLine line = fit_line(cr(), bold(), name, width, {24, 10});
    EXPECT_TRUE(line.ellipsised);
    EXPECT_DOUBLE_EQ(line.size, 10);
    EXPECT_LE(line.width, width);
    EXPECT_TRUE(is_valid_utf8(line.text)) << line.text;
    ASSERT_GE(line.text.size(), 3u);
    EXPECT_EQ(line.text.substr(line.text.size() - 3), "\xE2\x80\xA6");
    const std::string kept = line.text.substr(0, line.text.size() - 3);
    EXPECT_EQ(name.rfind(kept, 0), 0u) << "not a prefix: " << kept;
  }
}

TEST_F(TextFitTest, CutNeverSeparatesACombiningAccentFromItsLetter) {
  // "José" decomposed, as macOS keyboards type it, repeated until it cannot fit.
  std::string name;
  for (int i = 0; i < 12; ++i) name += "Jose\xCC\x81-";
  for (double width = 30; width < 200; width += 7) {
    const FittedLine line = fit_line(cr(), bold(), name, width, {12, 10});
    const std::string kept = line.text.substr(0, line.text.size() - 3);
    ASSERT_FALSE(kept.empty() && width > 60);
    EXPECT_NE(kept.back(), 'e') << "accent dropped at width " << width << ": " << kept;
  }
}

TEST_F(TextFitTest, LongOrganisationBreaksIntoBalancedLinesAtOneSize) {
  const std::string organisation = "Fraunhofer-Institut für Produktionstechnik und Automatisierung IPA";
  const auto two = fit_lines(cr(), fonts_->regular(), organisation, 200, {10, 7}, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_DOUBLE_EQ(two[0].size, two[1].size);
  EXPECT_EQ(two[0].text + " " + two[1].text, organisation);

  const auto three = fit_lines(cr(), fonts_->regular(), organisation, 130, {10, 7}, 3);
  ASSERT_EQ(three.size(), 3u);
  std::string joined;
  for (const FittedLine& line : three) {
    EXPECT_DOUBLE_EQ(line.size, three[0].size);
    EXPECT_LE(line.width, 130);
    EXPECT_FALSE(line.ellipsised);
    joined += (joined.empty() ? "" : " ") + line.text;
  }
  EXPECT_EQ(joined, organisation);

  const auto short_one = fit_lines(cr(), fonts_->regular(), "KU Leuven", 150, {10, 7}, 3);
  ASSERT_EQ(short_one.size(), 1u);
  EXPECT_EQ(short_one[0].text, "KU Leuven");
}

}  // namespace
}  // namespace passerelle::print
