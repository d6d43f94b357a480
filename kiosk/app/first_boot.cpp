#include "kiosk/app/first_boot.h"

#include <algorithm>
#include <system_error>

#include "core/store/bundle.h"
#include "core/text/utf8.h"
#include "core/worker/retry_backoff.h"
#include "sync/client/kiosk_setup.h"

namespace passerelle::kiosk {
namespace {

constexpr auto kLookEvery = std::chrono::seconds(2);
constexpr int kFolderDepth = 2;  // /media/USER/LABEL/file.db is three below /media: LABEL is level 2
constexpr std::size_t kMaxShownProblem = 300;

bool is_bundle_name(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  if (name.empty() || name.front() == '.') return false;
  if (name.size() < 3) return false;
  std::string extension = name.substr(name.size() - 3);
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return extension == ".db";
}

struct Search {
  std::size_t max_found;
  std::size_t max_entries;
  std::size_t visited = 0;
  std::vector<BundleChoice> found;

  void look(const std::filesystem::path& folder, int depth) {
    std::error_code error;
    std::filesystem::directory_iterator it(folder, std::filesystem::directory_options::skip_permission_denied, error);
    for (; !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
      if (++visited > max_entries || found.size() >= max_found) return;
      const auto& entry = *it;
      const auto status = entry.symlink_status(error);
      if (error) return;
      if (std::filesystem::is_directory(status)) {
        if (depth < kFolderDepth && entry.path().filename().string().front() != '.') look(entry.path(), depth + 1);
      } else if (std::filesystem::is_regular_file(status) && is_bundle_name(entry.path())) {
        const auto bytes = entry.file_size(error);
        if (error) continue;
        found.push_back(BundleChoice{entry.path().string(), entry.path().filename().string(),
                                     entry.path().parent_path().string(), static_cast<std::int64_t>(bytes)});
      }
    }
  }
};

std::string shown(std::string text) {
  if (text.size() > kMaxShownProblem) {
    text.resize(truncate_utf8(text, kMaxShownProblem).size());
    text += "...";
  }
  return text;
}

}  // namespace

std::vector<BundleChoice> find_bundles(const std::vector<std::filesystem::path>& folders, std::size_t max_found,
                                       std::size_t max_entries) {
  Search search{max_found, max_entries, 0, {}};
  for (const auto& folder : folders) search.look(folder, 0);
  std::sort(search.found.begin(), search.found.end(),
            [](const BundleChoice& a, const BundleChoice& b) { return a.path < b.path; });
  return std::move(search.found);
}

FirstBootWorker::FirstBootWorker(FirstBootSettings settings, const Clock& clock, Deliver deliver)
    : settings_(std::move(settings)), clock_(&clock), deliver_(std::move(deliver)) {
  thread_.start([this](std::stop_token stop) { run(stop); },
                [this](std::string_view what) {
                  report_.phase = FirstBootState::Phase::waiting;
                  report_.problem = "first boot stopped: " + std::string(what);
                  publish();
                });
}

FirstBootWorker::~FirstBootWorker() {
  thread_.stop();
}

void FirstBootWorker::enrol(std::string ticket) {
  {
    std::lock_guard lock(mutex_);
    ticket_ = std::move(ticket);
  }
  thread_.notify();
}

void FirstBootWorker::use_bundle(std::string path) {
  {
    std::lock_guard lock(mutex_);
    bundle_ = std::move(path);
  }
  thread_.notify();
}

void FirstBootWorker::publish() {
  deliver_(report_);
}

void FirstBootWorker::run(std::stop_token stop) {
  if (settings_.unfinished) {
    report_.phase = FirstBootState::Phase::receiving;
    publish();
    set_up_from_hub(stop);
    return;
  }
  for (;;) {
    auto bundles = find_bundles(settings_.bundle_folders);
    if (bundles != report_.bundles) {
      report_.bundles = std::move(bundles);
      publish();
    }
    std::optional<std::string> ticket;
    std::optional<std::string> bundle;
    {
      std::unique_lock lock(mutex_);
      if (!thread_.wait_until(lock, stop, std::chrono::steady_clock::now() + kLookEvery,
                              [&] { return ticket_.has_value() || bundle_.has_value(); }))
        return;
      ticket = std::exchange(ticket_, std::nullopt);
      bundle = std::exchange(bundle_, std::nullopt);
    }
    if (bundle) {
      report_.phase = FirstBootState::Phase::installing;
      report_.problem.clear();
      publish();
      auto installed = install_kiosk_bundle(*bundle, settings_.database);
      if (installed) {
        report_.event_name = installed->event_name;
        report_.ready = true;
        publish();
        return;
      }
      report_.phase = FirstBootState::Phase::waiting;
      report_.problem = shown(installed.error().message);
      publish();
    } else if (ticket) {
      report_.phase = FirstBootState::Phase::enrolling;
      report_.problem.clear();
      publish();
      KioskSetup setup(settings_.database, *clock_, settings_.transports);
      auto enrolled = setup.enrol(*ticket, settings_.device_name);
      if (!enrolled) {
        // Out of reach or refused alike: the technician sees why and scans again (or a new code).
        report_.phase = FirstBootState::Phase::waiting;
        report_.problem = shown(enrolled.error().error.message);
        publish();
        continue;
      }
      report_.phase = FirstBootState::Phase::receiving;
      publish();
      set_up_from_hub(stop);
      return;
    }
  }
}

void FirstBootWorker::set_up_from_hub(std::stop_token stop) {
  KioskSetup setup(settings_.database, *clock_, settings_.transports);
  RetryBackoff backoff(std::chrono::seconds(1), std::chrono::seconds(30));
  for (;;) {
    if (stop.stop_requested()) return;
    auto step = setup.step();
    if (!step) {
      // Enrolled already: the device is the hub's, so every failure is "later" here; the
      // technician reads it and may fix the network meanwhile.
      const auto delay = backoff.next();
      report_.problem = shown(step.error().error.message);
      report_.retry_in_ms = delay.count();
      publish();
      if (!WorkerThread::sleep_for(stop, delay)) return;
      continue;
    }
    backoff.reset();
    report_.problem.clear();
    report_.retry_in_ms = 0;
    report_.event_name = step->event_name;
    report_.received = step->downloaded;
    report_.remaining = step->remaining;
    report_.ready = step->complete;
    publish();
    if (step->complete) return;
  }
}

}  // namespace passerelle::kiosk
