// Small readers of an ImportPlan shared by the column-mapping suites.
#pragma once

#include <string>
#include <vector>

#include "core/import/participant_mapping.h"

namespace passerelle::testing {

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The source headers mapped to `field`, in column order.
inline std::vector<std::string> headers_of(const import::ImportPlan& plan, import::Field field) {
  std::vector<std::string> headers;
  for (const auto& [mapped, header] : plan.mapping)
    if (mapped == field) headers.push_back(header);
  return headers;
}

}  // namespace passerelle::testing
