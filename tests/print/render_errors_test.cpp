// What render_badges_pdf and the QR writers say when they cannot do their job, and that a failure
// leaves no file, no half file and no temporary file behind.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "core/print/badge_render.h"
#include "tests/support/test_support.h"

namespace passerelle::print {
namespace {

using passerelle::testing::TempDir;

std::vector<BadgeContent> one_badge() {
  return {{"Mette", "Ørsted", "Aarhus Universitet", "DK", "PSL-TEST", "Forum"}};
}

// Files in `folder` other than the ones a test put there on purpose.
std::vector<std::string> file_names(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) names.push_back(entry.path().filename());
  return names;
}

// Past the 7,089 digits of version 40-L; byte mode holds even fewer.
std::string text_too_long_for_any_qr() {
  return std::string(8000, 'x');
}

TEST(RenderErrors, EmptyBadgeListIsRejected) {
  TempDir dir;
  const Status rendered = render_badges_pdf({}, SheetLayout::a4_grid, dir.file("b.pdf"), default_fonts_dir());
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().code, Errc::invalid_input);
  EXPECT_NE(rendered.error().message.find("empty"), std::string::npos) << rendered.error().message;
  EXPECT_TRUE(file_names(dir.path()).empty());
}

TEST(RenderErrors, MissingFontsFolderNamesTheFont) {
  TempDir dir;
  const Status rendered =
      render_badges_pdf(one_badge(), SheetLayout::a6_single, dir.file("b.pdf"), dir.file("no-such-fonts"));
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().code, Errc::not_found);
  EXPECT_NE(rendered.error().message.find("DejaVuSans.ttf"), std::string::npos) << rendered.error().message;
  EXPECT_TRUE(file_names(dir.path()).empty());
}

TEST(RenderErrors, FontFileThatIsNotAFontIsRejected) {
  TempDir dir;
  std::filesystem::create_directory(dir.file("fonts"));
  passerelle::testing::write_file(dir.file("fonts") / "DejaVuSans.ttf", "not a font");
  passerelle::testing::write_file(dir.file("fonts") / "DejaVuSans-Bold.ttf", "not a font either");
  const Status rendered = render_badges_pdf(one_badge(), SheetLayout::a6_single, dir.file("b.pdf"), dir.file("fonts"));
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().code, Errc::invalid_input);
  EXPECT_FALSE(std::filesystem::exists(dir.file("b.pdf")));
}

TEST(RenderErrors, UnwritableOutputFolderIsAnIoError) {
  TempDir dir;
  // A regular file where a folder should be: refused even for root, unlike a chmod.
  passerelle::testing::write_file(dir.file("not-a-folder"), "x");
  const Status rendered =
      render_badges_pdf(one_badge(), SheetLayout::a4_grid, dir.file("not-a-folder") / "b.pdf", default_fonts_dir());
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().code, Errc::io);
  EXPECT_NE(rendered.error().message.find("not-a-folder"), std::string::npos) << rendered.error().message;

  const Status missing =
      render_badges_pdf(one_badge(), SheetLayout::a4_grid, dir.file("missing") / "b.pdf", default_fonts_dir());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::io);
  EXPECT_EQ(file_names(dir.path()), std::vector<std::string>{"not-a-folder"});
}

TEST(RenderErrors, QrTextTooLongForAnyVersionNamesTheBadge) {
  TempDir dir;
  std::vector<BadgeContent> badges = one_badge();
  badges.push_back({"Jürgen", "Strauß", "", "DE", text_too_long_for_any_qr(), "Forum"});
  const Status rendered = render_badges_pdf(badges, SheetLayout::a4_grid, dir.file("b.pdf"), default_fonts_dir());
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().code, Errc::invalid_input);
  EXPECT_NE(rendered.error().message.find("badge 2 (Jürgen Strauß)"), std::string::npos) << rendered.error().message;
  EXPECT_TRUE(file_names(dir.path()).empty());
}

TEST(RenderErrors, QrCodeTooBigToPrintAtHalfAMillimetrePerModuleIsRejected) {
  TempDir dir;
  // About version 30: encodable, but 145 modules at 0.5 mm do not fit on a 55 mm high badge.
  std::vector<BadgeContent> badges = one_badge();
  badges[0].qr_text = std::string(1500, 'A');
  const Status rendered = render_badges_pdf(badges, SheetLayout::a4_grid, dir.file("b.pdf"), default_fonts_dir());
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().code, Errc::invalid_input);
  EXPECT_NE(rendered.error().message.find("0.5 mm"), std::string::npos) << rendered.error().message;
}

TEST(RenderErrors, EmptyQrTextAndBrokenUtf8AreRejected) {
  TempDir dir;
  std::vector<BadgeContent> badges = one_badge();
  badges[0].qr_text.clear();
  EXPECT_EQ(render_badges_pdf(badges, SheetLayout::a4_grid, dir.file("b.pdf"), default_fonts_dir()).error().code,
            Errc::invalid_input);
  badges = one_badge();
  badges[0].organisation = "Universit\xE9 de Lille";  // Latin-1, as a careless export gives it
  const Status rendered = render_badges_pdf(badges, SheetLayout::a4_grid, dir.file("b.pdf"), default_fonts_dir());
  ASSERT_FALSE(rendered);
  EXPECT_EQ(rendered.error().code, Errc::invalid_input);
  EXPECT_NE(rendered.error().message.find("organisation is not valid UTF-8"), std::string::npos)
      << rendered.error().message;
}

TEST(RenderErrors, FailedRunKeepsThePreviousFileWhole) {
  TempDir dir;
  const auto pdf = dir.file("b.pdf");
  ASSERT_TRUE(render_badges_pdf(one_badge(), SheetLayout::label_62mm, pdf, default_fonts_dir()));
  const std::string before = passerelle::testing::read_file(pdf);
  ASSERT_EQ(before.rfind("%PDF-", 0), 0u);

  std::vector<BadgeContent> badges = one_badge();
  badges.push_back({"Ana", "Žagar", "", "SI", text_too_long_for_any_qr(), ""});
  ASSERT_FALSE(render_badges_pdf(badges, SheetLayout::label_62mm, pdf, default_fonts_dir()));
  EXPECT_EQ(passerelle::testing::read_file(pdf), before);
  EXPECT_EQ(file_names(dir.path()), std::vector<std::string>{"b.pdf"});
}

TEST(RenderErrors, QrWritersRejectWhatCannotBeEncoded) {
  TempDir dir;
  const Status png = write_qr_png(text_too_long_for_any_qr(), dir.file("q.png"));
  ASSERT_FALSE(png);
  EXPECT_EQ(png.error().code, Errc::invalid_input);
  const Status svg = write_qr_svg(text_too_long_for_any_qr(), dir.file("q.svg"));
  ASSERT_FALSE(svg);
  EXPECT_EQ(svg.error().code, Errc::invalid_input);
  EXPECT_EQ(write_qr_png("", dir.file("q.png")).error().code, Errc::invalid_input);
  EXPECT_EQ(write_qr_svg(std::string("PSL-A\0B", 7), dir.file("q.svg")).error().code, Errc::invalid_input);
  EXPECT_EQ(write_qr_png("PSL-X", dir.file("q.png"), 0).error().code, Errc::invalid_input);
  EXPECT_EQ(write_qr_svg("PSL-X", dir.file("missing") / "q.svg").error().code, Errc::io);
  EXPECT_TRUE(file_names(dir.path()).empty());
}

TEST(DefaultFontsDir, HoldsTheFontsAndFollowsTheEnvironment) {
  const char* saved = std::getenv("PASSERELLE_ASSETS");
  const std::string saved_value = saved != nullptr ? saved : "";
  ::unsetenv("PASSERELLE_ASSETS");
  EXPECT_TRUE(std::filesystem::is_regular_file(default_fonts_dir() / "DejaVuSans.ttf")) << default_fonts_dir();
  EXPECT_TRUE(std::filesystem::is_regular_file(default_fonts_dir() / "DejaVuSans-Bold.ttf")) << default_fonts_dir();
  ::setenv("PASSERELLE_ASSETS", "/usr/share/passerelle", 1);
  EXPECT_EQ(default_fonts_dir(), std::filesystem::path("/usr/share/passerelle/fonts"));
  if (saved != nullptr) {
    ::setenv("PASSERELLE_ASSETS", saved_value.c_str(), 1);
  } else {
    ::unsetenv("PASSERELLE_ASSETS");
  }
}

}  // namespace
}  // namespace passerelle::print
