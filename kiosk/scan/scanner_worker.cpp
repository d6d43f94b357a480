#include "kiosk/scan/scanner_worker.h"

#include <cassert>

#include "core/worker/retry_backoff.h"

namespace passerelle::scan {

ScannerWorker::ScannerWorker(std::unique_ptr<TextSource> source, ScannerWorkerConfig config,
                             ScannerWorkerCallbacks callbacks)
    : source_(std::move(source)), config_(config), callbacks_(std::move(callbacks)) {
  assert(source_ != nullptr && config_.text_wait.count() > 0);
}

ScannerWorker::~ScannerWorker() {
  stop();
}

void ScannerWorker::start() {
  thread_.start(
      [this](std::stop_token stop) { run(std::move(stop)); },
      [this](std::string_view what) { report(DeviceStatus::lost, "scanner worker stopped: " + std::string(what)); });
}

void ScannerWorker::stop() {
  thread_.stop();
}

void ScannerWorker::report(DeviceStatus status, const std::string& detail) {
  if (callbacks_.on_status) callbacks_.on_status(status, detail);
}

void ScannerWorker::run(std::stop_token stop) {
  RereadFilter filter(config_.reread_interval);
  RetryBackoff backoff(config_.first_retry, config_.longest_retry);
  bool open = false;
  bool lost = false;
  const auto lose = [&](const std::string& why) {
    const std::chrono::milliseconds wait = backoff.next();
    lost = true;
    report(DeviceStatus::lost, why + "; retrying in " + describe_duration(wait));
    WorkerThread::sleep_for(stop, wait);
  };
  while (!stop.stop_requested()) {
    if (!open) {
      if (Status started = source_->start(); !started) {
        lose(started.error().message);
        continue;
      }
      open = true;
      report(lost ? DeviceStatus::recovered : DeviceStatus::started, source_->describe());
      lost = false;
      backoff.reset();
    }
    Result<std::optional<std::string>> text = source_->next_text(config_.text_wait);
    if (!text) {
      source_->stop();
      open = false;
      lose(text.error().message);
      continue;
    }
    if (text->has_value() && filter.admit(**text, std::chrono::steady_clock::now()) && callbacks_.on_code) {
      callbacks_.on_code(std::move(**text));
    }
  }
  if (open) source_->stop();
}

}  // namespace passerelle::scan
