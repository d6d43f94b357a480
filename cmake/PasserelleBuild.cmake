# Build settings shared by every target: language level, warnings, sanitizers, dependencies.
# Every dependency is a Debian package (deploy/install-deps.sh); nothing is fetched.

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
find_package(nlohmann_json 3.10 REQUIRED)

# CI's clean builds compile each target as a few large files: nlohmann-json, GoogleTest, Beast and
# cpp-httplib are then parsed and instantiated once per batch instead of once per file: CI's
# release build went from about 22 minutes to 3.5 on 2 cores (docs/PERFORMANCE.md, "CI time").
# Off by default: a developer's incremental rebuild of one file would recompile its whole batch.
if(PASSERELLE_UNITY_BUILD)
  set(CMAKE_UNITY_BUILD ON)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE 16)
endif()

if(PASSERELLE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# The sanitizer build compiles at -O0 (tests/run-all.sh): ASan's checks are the most thorough
# there and it compiles in half the time of -O1. A few targets run frame by frame or search hard in
# the tests, and at -O0 under ASan those suites took minutes instead of seconds: they keep -O1.
function(passerelle_hot_path target)
  if(PASSERELLE_SANITIZE)
    target_compile_options(${target} PRIVATE -O1)
  endif()
endfunction()

# Applied per target so that third-party headers compiled elsewhere are not held to them.
function(passerelle_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast
                                           -Woverloaded-virtual -Wnull-dereference)
  # GCC 12 reports impossible memcpy overlaps in inlined `"text" + std::string(...)` at -O3
  # (GCC bug 105329, fixed in 13): a false positive that would fail Release builds with -Werror.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  # GCC 12 for aarch64 (Raspberry Pi OS) reports a "potential null pointer dereference" inside
  # libstdc++'s std::string copy, inlined into a plain std::vector<std::string> assignment
  # (sync/hub/cli/cmd_b2b_import.cpp); the same file is clean for amd64 with the same compiler. A
  # false positive of that target's inliner: kept as a warning there, an error everywhere else.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13
     AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
    target_compile_options(${target} PRIVATE -Wno-error=null-dereference)
  endif()
  # With ASan's instrumentation at -O1, GCC 12 reports uninitialised reads inside libstdc++'s own
  # std::regex and std::function (GCC bug 105562). The release build keeps the warning; ASan and
  # UBSan are what this build is for.
  if(PASSERELLE_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(PASSERELLE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
