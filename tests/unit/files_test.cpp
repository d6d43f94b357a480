// core/util/files.h: files written whole, with their mode from the start, never through a link.
#include "core/util/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/support/test_support.h"

namespace passerelle::testing {
namespace {

int mode_of(const std::filesystem::path& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return -1;
  return static_cast<int>(info.st_mode & 0777);
}

TEST(Files, ModesAreSetAtCreationWhateverTheUmask) {
  TempDir dir;
  const mode_t previous = ::umask(0);  // the most permissive: nothing narrows the mode for us
  EXPECT_TRUE(write_file_atomically(dir.file("secret"), "key", FileAccess::owner_only));
  EXPECT_TRUE(write_file_atomically(dir.file("shared"), "list"));
  EXPECT_TRUE(create_new_file(dir.file("empty"), FileAccess::owner_only));
  ::umask(previous);
  EXPECT_EQ(mode_of(dir.file("secret")), 0600);
  EXPECT_EQ(mode_of(dir.file("shared")), 0644);
  EXPECT_EQ(mode_of(dir.file("empty")), 0600);
  EXPECT_EQ(read_file(dir.file("secret")), "key");
  EXPECT_FALSE(std::filesystem::exists(temporary_path_for(dir.file("secret"))));
}

TEST(Files, ReplacingASecretNarrowsAWiderOldFile) {
  TempDir dir;
  write_file(dir.file("token"), "old");
  ::chmod(dir.file("token").c_str(), 0644);
  ASSERT_TRUE(write_file_atomically(dir.file("token"), "new", FileAccess::owner_only));
  EXPECT_EQ(mode_of(dir.file("token")), 0600);
  EXPECT_EQ(read_file(dir.file("token")), "new");
}

// A link planted at the temporary name (another user's, in a shared folder) would make the
// writer write the secret into the link's target, or truncate it.
TEST(Files, ALinkAtTheTemporaryNameIsNotFollowed) {
  TempDir dir;
  const auto target = dir.file("secret.key");
  const auto victim = dir.file("victim");
  write_file(victim, "untouched");
  std::filesystem::create_symlink(victim, temporary_path_for(target));
  ASSERT_TRUE(write_file_atomically(target, "signing key", FileAccess::owner_only));
  EXPECT_EQ(read_file(victim), "untouched");
  EXPECT_EQ(read_file(target), "signing key");
  EXPECT_EQ(mode_of(target), 0600);
  EXPECT_FALSE(std::filesystem::is_symlink(target));

  // The same for a link to a name that does not exist yet: nothing is created through it.
  const auto absent = dir.file("absent");
  std::filesystem::create_symlink(absent, temporary_path_for(dir.file("other")));
  ASSERT_TRUE(write_file_atomically(dir.file("other"), "x", FileAccess::owner_only));
  EXPECT_FALSE(std::filesystem::exists(absent));
}

TEST(Files, CreateNewFileRefusesAnythingAlreadyThere) {
  TempDir dir;
  write_file(dir.file("taken"), "x");
  EXPECT_EQ(create_new_file(dir.file("taken"), FileAccess::owner_only).error().code, Errc::io);
  std::filesystem::create_symlink(dir.file("nowhere"), dir.file("link"));
  EXPECT_FALSE(create_new_file(dir.file("link"), FileAccess::owner_only));
  EXPECT_FALSE(std::filesystem::exists(dir.file("nowhere")));
}

}  // namespace
}  // namespace passerelle::testing
