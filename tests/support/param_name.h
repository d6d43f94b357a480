// Test names for parameterised suites: INSTANTIATE_TEST_SUITE_P's 4th argument, so that ctest lists
// `Layouts/BadgePdfTest.EveryQrCodeReadsBackOnceAndNamesAreText/a4_grid` rather than an index and
// the parameter's bytes. tests/check-test-names.sh keeps every suite named.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace passerelle::testing {

// Names each test after its parameter's `name` field, which may hold only [A-Za-z0-9_] and must be
// unique within the suite (gtest refuses anything else when the test program starts).
struct ParamName {
  template <class Param>
  std::string operator()(const ::testing::TestParamInfo<Param>& info) const {
    return std::string(info.param.name);
  }
};

}  // namespace passerelle::testing
