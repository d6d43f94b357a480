// Hub server under a show's load at once (docs/PERFORMANCE.md, "Hub server under load"):
//   kiosks    N kiosks at production pace, each on its own keep-alive connection, as SyncWorker
//             runs: every 500 ms it uploads the scans made since its last upload, if any, then
//             asks for the changes after its cursor (every kiosk downloads every other kiosk's
//             entries), fetching again at once while the hub says there are more; each kiosk
//             scans a badge every --scan-every seconds (10 by default: 30 scans a second at the
//             300 kiosks of a large trade fair's peak);
//   streams   M live streams (device tokens, at most 4 per device);
//   idle      I TCP connections that never send a byte (reopened when the hub closes them);
//   drips     D clients sending a request's headers one byte a second (reopened when cut);
//   probe     meanwhile, a fresh connection every 200 ms asks for /v1/changes: its latency (p50,
//             p99, max) and failures are the figure; the hub's threads and RSS are sampled from
//             /proc/<pid> every second.
// Usage: hub_load_bench [--kiosks N] [--streams M] [--idle I] [--drips D] [--seconds S]
//                       [--scan-every S] [--hub PATH] [--smoke]
// --hub runs another passerelle-hub binary (e.g. an older build) under the same load.
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "sync/protocol/wire.h"
#include "tests/hub/server_process.h"
#include "tests/hub/wire_entries.h"
#include "tests/support/test_support.h"

namespace passerelle::bench {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

struct Options {
  int kiosks = 300;
  int streams = 50;
  int idle = 500;
  int drips = 50;
  int seconds = 30;
  int scan_every_s = 10;
  std::string hub = PASSERELLE_HUB_BINARY;
};

struct Device {
  std::string id;
  std::string token;
};

int open_socket(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);  // completes in the background
  return fd;
}

// The idle, dripping and streaming sockets, all on one thread with poll(): the noise costs the
// benchmark no thread per connection either.
class Noise {
 public:
  Noise(int port, const Options& options, const std::vector<Device>& devices, std::int64_t event)
      : port_(port), options_(options), devices_(devices), event_(event) {}

  void run(const std::atomic<bool>& stop) {
    for (int i = 0; i < options_.idle; ++i) sockets_.push_back({Kind::idle, open_socket(port_), 0});
    for (int i = 0; i < options_.drips; ++i) sockets_.push_back({Kind::drip, open_socket(port_), 0});
    for (int i = 0; i < options_.streams; ++i) sockets_.push_back({Kind::stream, open_socket(port_), i});
    auto next_drip = SteadyClock::now();
    while (!stop) {
      std::vector<pollfd> fds;
      for (const auto& socket : sockets_) fds.push_back({socket.fd, POLLIN, 0});
      ::poll(fds.data(), fds.size(), 100);
      const bool drip_now = SteadyClock::now() >= next_drip;
      if (drip_now) next_drip += 1s;
      for (std::size_t i = 0; i < sockets_.size(); ++i) {
        auto& socket = sockets_[i];
        bool lost = false;
        if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
          char buffer[8192];
          const auto got = ::recv(socket.fd, buffer, sizeof buffer, MSG_DONTWAIT);
          if (got == 0 || (got < 0 && errno != EAGAIN)) lost = true;
          if (got > 0 && socket.kind == Kind::stream) stream_bytes += static_cast<std::size_t>(got);
        }
        if (!lost && socket.kind == Kind::stream && !socket.sent) socket.sent = send(socket, stream_request(socket));
        if (!lost && socket.kind == Kind::drip && drip_now)
          lost = !send(socket, socket.sent ? "x" : "GET /v1/health HTTP/1.1\r\nX-Drip: ");
        if (lost) {
          (socket.kind == Kind::idle ? idle_closed : socket.kind == Kind::drip ? drips_cut : streams_ended)++;
          ::close(socket.fd);
          socket.fd = open_socket(port_);
          socket.sent = false;
        }
      }
    }
    for (const auto& socket : sockets_) ::close(socket.fd);
  }

  std::atomic<int> idle_closed{0};
  std::atomic<int> drips_cut{0};
  std::atomic<int> streams_ended{0};
  std::atomic<std::size_t> stream_bytes{0};

 private:
  enum class Kind { idle, drip, stream };
  struct Sock {
    Kind kind;
    int fd;
    int index;
    bool sent = false;
  };

  std::string stream_request(const Sock& socket) const {
    const auto& device = devices_[static_cast<std::size_t>(socket.index) % devices_.size()];
    return "GET /v1/events/" + std::to_string(event_) + "/live HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " +
           device.token + "\r\n\r\n";
  }

  // False when the peer is gone; a socket still connecting (EAGAIN) tries again next round.
  static bool send(Sock& socket, const std::string& text) {
    const auto sent = ::send(socket.fd, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0) return errno == EAGAIN || errno == ENOTCONN;
    socket.sent = true;
    return true;
  }

  int port_;
  const Options& options_;
  const std::vector<Device>& devices_;
  std::int64_t event_;
  std::vector<Sock> sockets_;
};

std::string proc_status(int pid, const std::string& key) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(key)) return line.substr(key.size());
  }
  return "0";
}

// The benchmark reads only the cursor from a change page, and counts its entries, without a full
// parse: its 300 kiosk threads share the hub's two cores, and what they spend is not the hub's.
std::optional<std::int64_t> json_number(std::string_view body, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\":";
  const auto at = body.find(quoted);
  if (at == std::string_view::npos) return std::nullopt;
  std::int64_t value = 0;
  const char* begin = body.data() + at + quoted.size();
  const auto [end, error] = std::from_chars(begin, body.data() + body.size(), value);
  if (error != std::errc() || end == begin) return std::nullopt;
  return value;
}

long occurrences(std::string_view body, std::string_view needle) {
  long count = 0;
  for (auto at = body.find(needle); at != std::string_view::npos; at = body.find(needle, at + needle.size())) ++count;
  return count;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

int run(const Options& options) {
  testing::TempDir dir;
  const auto db = dir.file("hub.db");
  std::int64_t event = 0;
  std::vector<std::string> codes;
  // Made by the binary under test, so that another build (--hub) serves a database of its own
  // schema: an event, then one enrolment code per kiosk, read from each ticket's first line.
  const auto hub_command = [&](const std::string& arguments) {
    return testing::run_command(testing::shell_quote(options.hub) + " --db " + testing::shell_quote(db.string()) + " " +
                                arguments + " 2>&1");
  };
  if (const auto made = hub_command("init --event Load"); !made.ok) return std::cerr << made.text, 1;
  for (int i = 0; i < options.kiosks; ++i) {
    const auto ticket = hub_command("enrol --hub-url http://127.0.0.1:9 --ttl 1h");
    const auto code_at = ticket.text.find(' ', ticket.text.find(' ') + 1);
    if (!ticket.ok || code_at == std::string::npos) return std::cerr << ticket.text, 1;
    codes.push_back(ticket.text.substr(code_at + 1, ticket.text.find_first_of(" \n", code_at + 1) - code_at - 1));
  }
  std::string error;
  // The binary's own default --threads: what an organiser would run.
  auto server = testing::ServerProcess::start_binary(
      options.hub, {"--db", db.string(), "serve", "--listen", "127.0.0.1:0"}, dir.file("server.log"), error);
  if (!server) return std::cerr << error << "\n", 1;
  const int port = server->port();
  const auto client = [port] {
    auto made = std::make_unique<httplib::Client>("127.0.0.1", port);
    made->set_connection_timeout(10s);
    made->set_read_timeout(10s);
    made->set_write_timeout(10s);
    return made;
  };
  std::vector<Device> devices;
  for (int i = 0; i < options.kiosks; ++i) {
    auto reply = client()->Post(
        "/v1/enrol",
        sync::to_json(sync::EnrolRequest{codes[static_cast<std::size_t>(i)], "K" + std::to_string(i), {}, 1}),
        "application/json");
    if (!reply || reply->status != 200) return std::cerr << "enrolment failed\n", 1;
    auto answer = sync::parse_enrol_answer(reply->body);
    devices.push_back({answer->device_id, answer->token});
    event = answer->event_id;
  }

  std::atomic<bool> stop{false};
  std::atomic<long> kiosk_ok{0};
  std::atomic<long> kiosk_failed{0};
  std::atomic<long> pages_followed{0};
  std::atomic<long> changes_received{0};
  std::vector<std::thread> kiosks;
  for (int i = 0; i < options.kiosks; ++i) {
    kiosks.emplace_back([&, i] {
      const auto& device = devices[static_cast<std::size_t>(i)];
      auto http = client();
      http->set_keep_alive(true);
      const httplib::Headers auth{{"Authorization", "Bearer " + device.token}};
      std::int64_t seq = 0;
      std::int64_t cursor = 0;
      const auto scan_every = std::chrono::seconds(std::max(1, options.scan_every_s));
      auto next = SteadyClock::now() + std::chrono::milliseconds(i * 500 / std::max(1, options.kiosks));
      // Kiosks start their scans spread over one scan interval, as a queue forms.
      auto next_scan = next + scan_every * i / std::max(1, options.kiosks);
      while (!stop) {
        std::this_thread::sleep_until(next);
        next += 500ms;
        std::vector<sync::WireEntry> scans;
        for (; next_scan <= SteadyClock::now(); next_scan += scan_every)
          scans.push_back(testing::make_rejected_entry(device.id, ++seq, event));
        if (!scans.empty()) {
          const auto reply = http->Post("/v1/upload", auth, sync::to_json(sync::UploadBatch{device.id, 1, 0, scans}),
                                        "application/json");
          (reply && reply->status == 200 ? kiosk_ok : kiosk_failed)++;
        }
        for (bool more = true; more && !stop;) {
          const auto reply = http->Get("/v1/changes?after=" + std::to_string(cursor) + "&limit=200", auth);
          const bool ok = reply && reply->status == 200;
          (ok ? kiosk_ok : kiosk_failed)++;
          if (!ok) break;
          cursor = json_number(reply->body, "cursor").value_or(cursor);
          more = reply->body.find("\"more\":true") != std::string::npos;
          if (more) ++pages_followed;
          changes_received += occurrences(reply->body, "\"uuid\":");
        }
      }
    });
  }
  Noise noise(port, options, devices, event);
  std::thread noise_thread([&] { noise.run(stop); });

  std::vector<double> latencies_ms;
  int probe_failed = 0;
  int max_threads = 0;
  long max_rss_kib = 0;
  const auto start = SteadyClock::now();
  auto next_sample = start;
  const httplib::Headers probe_auth{{"Authorization", "Bearer " + devices.front().token}};
  while (SteadyClock::now() - start < std::chrono::seconds(options.seconds)) {
    const auto began = SteadyClock::now();
    auto reply = client()->Get("/v1/changes?after=0&limit=10", probe_auth);
    const auto took = std::chrono::duration<double, std::milli>(SteadyClock::now() - began).count();
    if (reply && reply->status == 200) {
      latencies_ms.push_back(took);
    } else {
      ++probe_failed;
    }
    if (SteadyClock::now() >= next_sample) {
      next_sample += 1s;
      max_threads = std::max(max_threads, std::stoi(proc_status(server->pid(), "Threads:")));
      max_rss_kib = std::max(max_rss_kib, std::stol(proc_status(server->pid(), "VmRSS:")));
    }
    std::this_thread::sleep_until(began + 200ms);
  }
  stop = true;
  for (auto& kiosk : kiosks) kiosk.join();
  noise_thread.join();

  std::printf("hub_load_bench: %d kiosks, %d streams, %d idle, %d slow-drip, %d s, hub %s\n", options.kiosks,
              options.streams, options.idle, options.drips, options.seconds, options.hub.c_str());
  std::printf("  fresh request  p50 %.1f ms  p99 %.1f ms  max %.1f ms  answered %zu  failed %d\n",
              percentile(latencies_ms, 0.50), percentile(latencies_ms, 0.99), percentile(latencies_ms, 1.0),
              latencies_ms.size(), probe_failed);
  std::printf("  kiosk requests answered %ld  failed %ld  (pages followed at once %ld, entries downloaded %ld)\n",
              kiosk_ok.load(), kiosk_failed.load(), pages_followed.load(), changes_received.load());
  std::printf("  idle closed by the hub %d  drips cut %d  streams ended %d  stream bytes %zu\n",
              noise.idle_closed.load(), noise.drips_cut.load(), noise.streams_ended.load(), noise.stream_bytes.load());
  std::printf("  hub threads max %d  hub RSS max %.1f MiB\n", max_threads, static_cast<double>(max_rss_kib) / 1024.0);
  return 0;
}

}  // namespace
}  // namespace passerelle::bench

int main(int argc, char** argv) {
  passerelle::bench::Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string("0"); };
    if (arg == "--smoke") {
      options = {8, 4, 20, 4, 3, 1, options.hub};
    } else if (arg == "--kiosks") {
      options.kiosks = std::stoi(next());
    } else if (arg == "--streams") {
      options.streams = std::stoi(next());
    } else if (arg == "--idle") {
      options.idle = std::stoi(next());
    } else if (arg == "--drips") {
      options.drips = std::stoi(next());
    } else if (arg == "--seconds") {
      options.seconds = std::stoi(next());
    } else if (arg == "--scan-every") {
      options.scan_every_s = std::stoi(next());
    } else if (arg == "--hub") {
      options.hub = next();
    } else {
      std::cerr << "usage: hub_load_bench [--kiosks N] [--streams M] [--idle I] [--drips D] [--seconds S] "
                   "[--scan-every S] [--hub PATH] [--smoke]\n";
      return 2;
    }
  }
  return passerelle::bench::run(options);
}
