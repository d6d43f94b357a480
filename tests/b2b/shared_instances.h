// The twelve forum instances of the B2B Meeting Scheduling benchmark, kept outside the repository
// in ../shared/data/b2b-forums (its README.md says which have no valid schedule). The build passes
// their directory as B2B_FORUMS_DIR.
//
// A test that needs them starts with PASSERELLE_REQUIRE_B2B_FORUMS(): without the directory it
// skips on a developer's machine and fails under CI=true, where every test must run.
// Thread safety: read_instance touches only its own files.
#pragma once

#include <array>
#include <filesystem>
#include <string_view>

#include "core/b2b/problem.h"
#include "core/util/result.h"

namespace passerelle::testing {

inline constexpr std::array<std::string_view, 12> kForumInstances{
    "forum-13.fixed040-Forb", "forum-13.forb0007",    "forum-13.original",    "forum-14.fixed040-Forb",
    "forum-14.forb0007",      "forum-14.original",    "tic-12.fixed040-Forb", "tic-12.forb0007",
    "tic-12.original",        "tic-13.fixed040-Forb", "tic-13.forb0007",      "tic-13.original",
};

// Each of an instance's files is read up to this size: the largest of the twelve is a few KiB.
inline constexpr std::size_t kMaxInstanceFileBytes = 16U << 20U;

// B2B_FORUMS_DIR as the build set it; it may not exist on this machine.
std::filesystem::path b2b_forums_dir();

// True when the environment says CI=true.
bool ci_requires_b2b_forums();

// Reads directory/params.json, requests.csv and unavailable.csv and hands them to
// b2b::parse_instance. Errc::io naming the file when one cannot be read or exceeds
// kMaxInstanceFileBytes; otherwise parse_instance's answer.
Result<b2b::Problem> read_instance(const std::filesystem::path& directory);

}  // namespace passerelle::testing

// In a test body: skips when b2b_forums_dir() is not a directory, or fails under CI=true.
#define PASSERELLE_REQUIRE_B2B_FORUMS()                                                                     \
  do {                                                                                                      \
    const auto psl_forums_ = ::passerelle::testing::b2b_forums_dir();                                       \
    if (!std::filesystem::is_directory(psl_forums_)) {                                                      \
      if (::passerelle::testing::ci_requires_b2b_forums()) {                                                \
        FAIL() << "no B2B instances at " << psl_forums_ << "; CI=true requires the scheduler tests to run"; \
      }                                                                                                     \
      GTEST_SKIP() << "no B2B instances at " << psl_forums_ << " (../shared/data/b2b-forums)";              \
    }                                                                                                       \
  } while (false)
