#include "sync/hub/server/prometheus.h"

#include <string_view>

namespace passerelle::hub {
namespace {

// Label values escape backslash, double quote and newline; device names are typed by people.
std::string label_value(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void sample(std::string& out, const char* name, const std::string& labels, const std::string& value) {
  out += name;
  if (!labels.empty()) out += "{" + labels + "}";
  out += " " + value + "\n";
}

std::string seconds(std::int64_t ms) {
  // Milliseconds as exact decimal seconds: no floating-point rounding in the text.
  const bool negative = ms < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(ms) : static_cast<std::uint64_t>(ms);
  std::string fraction = std::to_string(magnitude % 1000);
  fraction.insert(0, 3 - fraction.size(), '0');
  return (negative ? "-" : "") + std::to_string(magnitude / 1000) + "." + fraction;
}

}  // namespace

std::string prometheus_text(const HubMetrics& metrics) {
  std::string out;
  family(out, "passerelle_entries_stored", "gauge", "Journal entries the hub holds.");
  sample(out, "passerelle_entries_stored", "", std::to_string(metrics.entries_stored));
  family(out, "passerelle_entries_quarantined", "gauge", "Uploaded entries the hub refused and kept aside.");
  sample(out, "passerelle_entries_quarantined", "", std::to_string(metrics.entries_quarantined));
  family(out, "passerelle_alerts", "gauge", "Alerts raised (quarantines, double check-ins).");
  sample(out, "passerelle_alerts", "", std::to_string(metrics.alerts));
  family(out, "passerelle_devices", "gauge", "Enrolled devices by state.");
  sample(out, "passerelle_devices", "state=\"active\"", std::to_string(metrics.devices_active));
  sample(out, "passerelle_devices", "state=\"revoked\"", std::to_string(metrics.devices_revoked));
  family(out, "passerelle_feed_seq", "gauge", "The change feed's latest position.");
  sample(out, "passerelle_feed_seq", "", std::to_string(metrics.feed_seq));
  family(out, "passerelle_device_last_sync_seconds", "gauge", "Unix time of each device's last sync.");
  for (const auto& device : metrics.devices) {
    if (!device.last_sync_ms) continue;
    sample(out, "passerelle_device_last_sync_seconds",
           "device=\"" + label_value(device.device_id) + "\",name=\"" + label_value(device.name) + "\"",
           seconds(*device.last_sync_ms));
  }
  family(out, "passerelle_device_clock_offset_seconds", "gauge", "Hub time minus each device's clock.");
  for (const auto& device : metrics.devices) {
    if (!device.clock_offset_ms) continue;
    sample(out, "passerelle_device_clock_offset_seconds",
           "device=\"" + label_value(device.device_id) + "\",name=\"" + label_value(device.name) + "\"",
           seconds(*device.clock_offset_ms));
  }
  return out;
}

}  // namespace passerelle::hub
