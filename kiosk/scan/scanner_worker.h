// ScannerWorker: one thread that reads codes from a handheld scanner (a TextSource) and hands
// them on, reopening the scanner with a back-off (1 s, 2 s ... 10 s) when it is unplugged or
// missing, like the DecodeWorker does for the camera. Codes pass the same re-read filter, which
// also tames scanners in presentation mode that read a badge again and again.
//
// Callbacks: on_code and on_status run on the worker thread; they must return quickly and must
// not call stop(). Either may be empty.
// Ownership: the worker owns its source. Thread safety: start(), stop() and the destructor from
// one controlling thread. Failure: none escapes; device errors become DeviceStatus::lost reports,
// and so does an exception escaping the thread ("scanner worker stopped: ..."), after which the
// scanner is read no more until stop() and start().
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/worker/worker_thread.h"
#include "kiosk/scan/text_source.h"
#include "kiosk/scan/worker_support.h"

namespace passerelle::scan {

struct ScannerWorkerConfig {
  std::chrono::milliseconds reread_interval{3000};
  std::chrono::milliseconds first_retry{1000};
  std::chrono::milliseconds longest_retry{10000};
  // One wait for a code; it bounds how long stop() takes.
  std::chrono::milliseconds text_wait{100};
};

struct ScannerWorkerCallbacks {
  std::function<void(std::string)> on_code;
  std::function<void(DeviceStatus, std::string)> on_status;
};

class ScannerWorker {
 public:
  ScannerWorker(std::unique_ptr<TextSource> source, ScannerWorkerConfig config, ScannerWorkerCallbacks callbacks);
  ~ScannerWorker();  // stop()
  ScannerWorker(const ScannerWorker&) = delete;
  ScannerWorker& operator=(const ScannerWorker&) = delete;

  // A started worker must be stopped before it is started again.
  void start();
  void stop();

 private:
  void run(std::stop_token stop);
  void report(DeviceStatus status, const std::string& detail);

  std::unique_ptr<TextSource> source_;
  ScannerWorkerConfig config_;
  ScannerWorkerCallbacks callbacks_;
  WorkerThread thread_;
};

}  // namespace passerelle::scan
