#include "kiosk/scan/file_source.h"

#include <algorithm>
#include <cassert>
#include <system_error>

#include "kiosk/scan/image_files.h"

namespace passerelle::scan {

FileSource::FileSource(FileSourceConfig config) : config_(std::move(config)), pacer_(config_.fps, config_.real_time) {}

Status FileSource::start() {
  assert(frames_.empty());
  std::vector<std::filesystem::path> files;
  std::error_code error;
  // The error_code overloads throughout: a range-for would throw from operator++.
  std::filesystem::directory_iterator entry(config_.directory, error);
  for (; !error && entry != std::filesystem::directory_iterator(); entry.increment(error)) {
    std::error_code type_error;
    if (is_image_file(entry->path()) && entry->is_regular_file(type_error)) files.push_back(entry->path());
  }
  if (error) return make_error(Errc::io, "cannot list " + config_.directory.string() + ": " + error.message());
  if (files.empty()) {
    return make_error(Errc::not_found, "no PNG or PGM images in " + config_.directory.string());
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename().string() < b.filename().string(); });
  std::vector<LumaFrame> frames;
  frames.reserve(files.size());
  for (const auto& file : files) {
    PSL_ASSIGN_OR_RETURN(LumaFrame frame, read_image(file));
    frames.push_back(std::move(frame));
  }
  files_ = std::move(files);
  frames_ = std::move(frames);
  pacer_.restart();
  return {};
}

void FileSource::stop() {
  frames_.clear();
}

std::string FileSource::describe() const {
  return "images in " + config_.directory.string();
}

Result<std::optional<CapturedFrame>> FileSource::next_frame(std::chrono::milliseconds timeout) {
  assert(!frames_.empty());
  const std::optional<FramePacer::Tick> tick = pacer_.wait_next(timeout);
  if (!tick) return std::optional<CapturedFrame>();
  const LumaFrame& frame = frames_[tick->sequence % frames_.size()];
  return std::optional<CapturedFrame>(CapturedFrame{frame.view(), tick->stamp, tick->sequence});
}

}  // namespace passerelle::scan
