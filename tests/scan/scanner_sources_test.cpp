// Handheld scanners: the evdev reader fed input_event records through a pipe, the serial reader
// through a pseudo-terminal, and the scanner worker's reconnection with a scripted source.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/input.h>
#include <unistd.h>

#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

#include "kiosk/scan/evdev_scanner.h"
#include "kiosk/scan/scanner_worker.h"
#include "kiosk/scan/serial_scanner.h"
#include "kiosk/scan/unique_fd.h"
#include "tests/scan/key_events.h"
#include "tests/scan/recorder.h"

namespace passerelle::scan {
namespace {

using namespace std::chrono_literals;

struct Pipe {
  UniqueFd read_end;
  UniqueFd write_end;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) std::abort();
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
  // How a test names the read end to a source that opens a path.
  std::string read_path() const { return "/proc/self/fd/" + std::to_string(read_end.get()); }
};

void write_all(int fd, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t written = ::write(fd, bytes, size);
    ASSERT_GT(written, 0);
    bytes += written;
    size -= static_cast<std::size_t>(written);
  }
}

// Key events as the kernel delivers them: each followed by a SYN_REPORT, which the reader skips.
std::string event_records(const std::vector<testing::KeyEvent>& events) {
  std::string bytes;
  for (const testing::KeyEvent& key : events) {
    input_event event{};
    event.type = EV_KEY;
    event.code = key.code;
    event.value = key.value;
    bytes.append(reinterpret_cast<const char*>(&event), sizeof event);
    input_event sync{};
    sync.type = EV_SYN;
    sync.code = SYN_REPORT;
    bytes.append(reinterpret_cast<const char*>(&sync), sizeof sync);
  }
  return bytes;
}

std::optional<std::string> next(TextSource& source, std::chrono::milliseconds timeout = 5s) {
  Result<std::optional<std::string>> text = source.next_text(timeout);
  EXPECT_TRUE(text.has_value()) << text.error().message;
  return text ? *text : std::nullopt;
}

// ---- evdev ------------------------------------------------------------------------------------

TEST(EvdevScanner, ReadsTextsTypedWithTheScannersLayout) {
  Pipe pipe;
  EvdevScanner scanner({pipe.read_path(), KeyboardLayout::fr, /*grab=*/false});
  ASSERT_TRUE(scanner.start().has_value());
  std::string bytes = event_records(testing::type_line("EIF-TKT-7F3K9Q", KeyboardLayout::fr));
  bytes += event_records(testing::type_line("PSL-ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", KeyboardLayout::fr));
  write_all(pipe.write_end.get(), bytes.data(), bytes.size());
  EXPECT_EQ(next(scanner), "EIF-TKT-7F3K9Q");
  EXPECT_EQ(next(scanner), "PSL-ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
  EXPECT_EQ(next(scanner, 20ms), std::nullopt);
  EXPECT_EQ(scanner.unknown_keys(), 0u);
}

TEST(EvdevScanner, JoinsRecordsSplitAcrossReads) {
  Pipe pipe;
  EvdevScanner scanner({pipe.read_path(), KeyboardLayout::us, false});
  ASSERT_TRUE(scanner.start().has_value());
  const std::string bytes = event_records(testing::type_line("EIF-TKT-1", KeyboardLayout::us));
  const std::size_t cut = sizeof(input_event) * 3 + 5;
  write_all(pipe.write_end.get(), bytes.data(), cut);
  EXPECT_EQ(next(scanner, 20ms), std::nullopt);
  write_all(pipe.write_end.get(), bytes.data() + cut, bytes.size() - cut);
  EXPECT_EQ(next(scanner), "EIF-TKT-1");
}

TEST(EvdevScanner, LostEventsDiscardTheTextBeingTyped) {
  Pipe pipe;
  EvdevScanner scanner({pipe.read_path(), KeyboardLayout::us, false});
  ASSERT_TRUE(scanner.start().has_value());
  std::vector<testing::KeyEvent> partial = testing::type_line("EIF-TKT-", KeyboardLayout::us);
  partial.resize(partial.size() - 2);  // no Enter: the kernel dropped the rest
  std::string bytes = event_records(partial);
  input_event dropped{};
  dropped.type = EV_SYN;
  dropped.code = SYN_DROPPED;
  bytes.append(reinterpret_cast<const char*>(&dropped), sizeof dropped);
  bytes += event_records(testing::type_line("EIF-TKT-5", KeyboardLayout::us));
  write_all(pipe.write_end.get(), bytes.data(), bytes.size());
  EXPECT_EQ(next(scanner), "EIF-TKT-5");
}

TEST(EvdevScanner, ClosedStreamIsADisconnection) {
  Pipe pipe;
  EvdevScanner scanner({pipe.read_path(), KeyboardLayout::us, false});
  ASSERT_TRUE(scanner.start().has_value());
  pipe.write_end.reset();
  Result<std::optional<std::string>> text = scanner.next_text(5s);
  ASSERT_FALSE(text.has_value());
  EXPECT_EQ(text.error().message, "scanner at " + pipe.read_path() + " was disconnected");
}

TEST(EvdevScanner, GrabbingSomethingElseThanAnInputDeviceFails) {
  Pipe pipe;
  EvdevScanner scanner({pipe.read_path(), KeyboardLayout::us, /*grab=*/true});
  const Status started = scanner.start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().message, pipe.read_path() + " is not an input device");
}

TEST(EvdevScanner, MissingDevice) {
  EvdevScanner scanner({"/dev/input/event-none", KeyboardLayout::us, true});
  const Status started = scanner.start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, Errc::not_found);
  EXPECT_EQ(started.error().message, "no scanner at /dev/input/event-none");
}

// ---- serial -----------------------------------------------------------------------------------

struct PseudoTerminal {
  UniqueFd master;
  std::string slave_path;
  PseudoTerminal() {
    master.reset(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    char name[128];
    if (!master.valid() || ::grantpt(master.get()) != 0 || ::unlockpt(master.get()) != 0 ||
        ::ptsname_r(master.get(), name, sizeof name) != 0) {
      std::abort();
    }
    slave_path = name;
  }
  void send(const std::string& bytes) { write_all(master.get(), bytes.data(), bytes.size()); }
};

TEST(SerialScanner, ReadsLinesEndedByCarriageReturnOrLineFeed) {
  PseudoTerminal terminal;
  SerialScanner scanner({terminal.slave_path, 115200});
  ASSERT_TRUE(scanner.start().has_value());
  terminal.send("EIF-TKT-7F3K9Q\r\nPSL-ABC\n\r\nEIF-");
  EXPECT_EQ(next(scanner), "EIF-TKT-7F3K9Q");
  EXPECT_EQ(next(scanner), "PSL-ABC");
  EXPECT_EQ(next(scanner, 20ms), std::nullopt);  // an empty line is no code; "EIF-" is unfinished
  terminal.send("TKT-2\x01\r");                  // control characters are dropped
  EXPECT_EQ(next(scanner), "EIF-TKT-2");
}

TEST(SerialScanner, DropsOverlongLines) {
  PseudoTerminal terminal;
  SerialScanner scanner({terminal.slave_path, 9600});
  ASSERT_TRUE(scanner.start().has_value());
  terminal.send(std::string(SerialScanner::kMaxLineBytes + 10, 'A') + "\n");
  terminal.send("EIF-TKT-3\n");
  EXPECT_EQ(next(scanner), "EIF-TKT-3");
}

TEST(SerialScanner, HangUpIsADisconnection) {
  PseudoTerminal terminal;
  SerialScanner scanner({terminal.slave_path, 9600});
  ASSERT_TRUE(scanner.start().has_value());
  terminal.master.reset();
  Result<std::optional<std::string>> text = scanner.next_text(5s);
  ASSERT_FALSE(text.has_value());
  EXPECT_EQ(text.error().message, "scanner at " + terminal.slave_path + " was disconnected");
}

TEST(SerialScanner, RefusesOtherSpeedsAndNonTerminals) {
  PseudoTerminal terminal;
  SerialScanner odd_speed({terminal.slave_path, 4800});
  const Status refused = odd_speed.start();
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, Errc::invalid_input);

  SerialScanner not_a_port({"/dev/null", 9600});
  const Status not_tty = not_a_port.start();
  ASSERT_FALSE(not_tty.has_value());
  EXPECT_EQ(not_tty.error().message, "/dev/null is not a serial port");

  SerialScanner missing({"/dev/ttyACM-none", 9600});
  const Status absent = missing.start();
  ASSERT_FALSE(absent.has_value());
  EXPECT_EQ(absent.error().message, "no scanner at /dev/ttyACM-none");
}

// ---- the worker -------------------------------------------------------------------------------

// Fails to open `open_failures` times, then hands out its texts; when they run out, it fails once
// as if unplugged (if `unplug_after`), then has nothing more to say.
class ScriptedScanner : public TextSource {
 public:
  ScriptedScanner(int open_failures, std::deque<std::string> texts, bool unplug_after)
      : open_failures_(open_failures), texts_(std::move(texts)), unplug_after_(unplug_after) {}

  Status start() override {
    if (open_failures_ > 0) {
      --open_failures_;
      return make_error(Errc::not_found, "no scanner at /dev/ttyACM7");
    }
    return {};
  }
  Result<std::optional<std::string>> next_text(std::chrono::milliseconds timeout) override {
    if (!texts_.empty()) {
      std::string text = std::move(texts_.front());
      texts_.pop_front();
      return std::optional<std::string>(std::move(text));
    }
    if (unplug_after_) {
      unplug_after_ = false;
      return make_error(Errc::io, "scanner at /dev/ttyACM7 was disconnected");
    }
    std::this_thread::sleep_for(timeout);
    return std::optional<std::string>();
  }
  void stop() override {}
  std::string describe() const override { return "scanner at /dev/ttyACM7"; }

 private:
  int open_failures_;
  std::deque<std::string> texts_;
  bool unplug_after_;
};

struct ScannerReport {
  DeviceStatus status;
  std::string detail;
};

TEST(ScannerWorker, RetriesAMissingScannerAndFiltersRereads) {
  testing::Recorder<std::string> codes;
  testing::Recorder<ScannerReport> statuses;
  ScannerWorkerConfig config;
  config.first_retry = 1ms;
  config.longest_retry = 4ms;
  ScannerWorker worker(std::make_unique<ScriptedScanner>(2, std::deque<std::string>{"A", "A", "B"}, true), config,
                       {[&](std::string code) { codes.add(std::move(code)); },
                        [&](DeviceStatus status, std::string detail) {
                          statuses.add({status, std::move(detail)});
                        }});
  worker.start();
  ASSERT_TRUE(statuses.wait_for_count(5));
  ASSERT_TRUE(codes.wait_for_count(2));
  worker.stop();
  EXPECT_EQ(codes.items(), (std::vector<std::string>{"A", "B"}));
  const std::vector<ScannerReport> reports = statuses.items();
  ASSERT_GE(reports.size(), 5u);
  EXPECT_EQ(reports[0].status, DeviceStatus::lost);
  EXPECT_EQ(reports[0].detail, "no scanner at /dev/ttyACM7; retrying in 1 ms");
  EXPECT_EQ(reports[1].status, DeviceStatus::lost);
  EXPECT_EQ(reports[1].detail, "no scanner at /dev/ttyACM7; retrying in 2 ms");
  EXPECT_EQ(reports[2].status, DeviceStatus::recovered);
  EXPECT_EQ(reports[3].status, DeviceStatus::lost);
  EXPECT_EQ(reports[3].detail, "scanner at /dev/ttyACM7 was disconnected; retrying in 1 ms");
  EXPECT_EQ(reports[4].status, DeviceStatus::recovered);
}

TEST(ScannerWorker, ReadsARealStreamAndStopsPromptly) {
  Pipe pipe;
  testing::Recorder<std::string> codes;
  testing::Recorder<ScannerReport> statuses;
  ScannerWorker worker(std::make_unique<EvdevScanner>(EvdevScannerConfig{pipe.read_path(), KeyboardLayout::de, false}),
                       {},
                       {[&](std::string code) { codes.add(std::move(code)); },
                        [&](DeviceStatus status, std::string detail) {
                          statuses.add({status, std::move(detail)});
                        }});
  worker.start();
  const std::string bytes = event_records(testing::type_line("EIF-TKT-7F3K9Q", KeyboardLayout::de));
  write_all(pipe.write_end.get(), bytes.data(), bytes.size());
  ASSERT_TRUE(codes.wait_for_count(1));
  worker.stop();
  EXPECT_EQ(codes.items(), std::vector<std::string>{"EIF-TKT-7F3K9Q"});
  ASSERT_FALSE(statuses.items().empty());
  EXPECT_EQ(statuses.items()[0].status, DeviceStatus::started);
  EXPECT_EQ(statuses.items()[0].detail, "scanner at " + pipe.read_path());
}

}  // namespace
}  // namespace passerelle::scan
