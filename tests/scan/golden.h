// The golden QR images (tests/data/qr): each PNG beside the text it must decode to.
#pragma once

#include <filesystem>

namespace passerelle::scan::testing {

inline std::filesystem::path golden_dir() {
  return std::filesystem::path(PASSERELLE_TEST_DATA_DIR) / "qr";
}

}  // namespace passerelle::scan::testing
