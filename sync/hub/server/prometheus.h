// GET /metrics: the hub's counters in Prometheus' text exposition format (version 0.0.4).
// Pure; thread-safe.
#pragma once

#include <string>

#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

std::string prometheus_text(const HubMetrics& metrics);

}  // namespace passerelle::hub
