#include "kiosk/scan/scanner_worker.h"

#include <cassert>

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
  assert(!thread_.joinable());
  stop_.clear();
  thread_ = std::thread(&ScannerWorker::run, this);
}

void ScannerWorker::stop() {
  stop_.request();
  if (thread_.joinable()) thread_.join();
}

void ScannerWorker::run() {
  const auto report = [this](DeviceStatus status, const std::string& detail) {
    if (callbacks_.on_status) callbacks_.on_status(status, detail);
  };
  RereadFilter filter(config_.reread_interval);
  RetryBackoff backoff(config_.first_retry, config_.longest_retry);
  bool open = false;
  bool lost = false;
  const auto lose = [&](const std::string& why) {
    const std::chrono::milliseconds wait = backoff.next();
    lost = true;
    report(DeviceStatus::lost, why + "; retrying in " + describe_duration(wait));
    stop_.wait_for(wait);
  };
  while (!stop_.requested()) {
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
