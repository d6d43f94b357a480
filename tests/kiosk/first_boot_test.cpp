// find_bundles (kiosk/app/first_boot.h): where a kiosk at first boot looks for a bundle on a USB
// stick. It looks two folders down (/media/USER/LABEL), never follows a link, skips hidden files,
// and stops at its bounds on a stick holding thousands of files.
#include "kiosk/app/first_boot.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

void touch(const std::filesystem::path& path, std::size_t bytes = 10) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << std::string(bytes, 'x');
}

std::vector<std::string> names(const std::vector<BundleChoice>& found) {
  std::vector<std::string> out;
  for (const auto& choice : found) out.push_back(choice.file_name);
  return out;
}

TEST(FindBundles, LooksTwoFoldersDownAndNoFurther) {
  testing::TempDir dir;
  const auto media = dir.path() / "media";
  touch(media / "top.db");
  touch(media / "anna" / "STICK" / "kiosk-door-1.DB", 2048);
  touch(media / "anna" / "STICK" / "notes.txt");
  touch(media / "anna" / "STICK" / "deeper" / "too-deep.db");
  touch(media / "anna" / "STICK" / ".hidden.db");
  touch(media / "anna" / ".Trash" / "old.db");
  std::filesystem::create_directory_symlink(media / "anna", media / "link");
  const auto found = find_bundles({media, dir.path() / "absent"});
  EXPECT_EQ(names(found), (std::vector<std::string>{"kiosk-door-1.DB", "top.db"}));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].bytes, 2048);
  EXPECT_EQ(found[0].folder, (media / "anna" / "STICK").string());
}

TEST(FindBundles, StopsAtItsBounds) {
  testing::TempDir dir;
  for (int i = 0; i < 40; ++i) touch(dir.path() / ("bundle-" + std::to_string(100 + i) + ".db"));
  EXPECT_EQ(find_bundles({dir.path()}, 16).size(), 16u);
  // Entries visited, files or not: a stick full of photos costs a bounded look every 2 s.
  EXPECT_LE(find_bundles({dir.path()}, 100, 10).size(), 10u);
}

}  // namespace
}  // namespace passerelle::kiosk
