// FileSource: a camera made of a folder of still images (PNG or PGM), shown in name order at a
// fixed rate and then over again: for demonstrations with real photographs of badges, and for
// tests. Meant for a few dozen images: start() loads them all into memory, so that a bad file is
// found at once and frames cost nothing to produce.
//
// Ownership, threads and failure: as FrameSource says. start() fails with Errc::io when the folder
// cannot be listed or a file cannot be read, Errc::not_found when it holds no PNG or PGM image,
// and Errc::invalid_input when an image is malformed (the message names the file).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/scan/frame_pacer.h"
#include "kiosk/scan/frame_source.h"

namespace passerelle::scan {

struct FileSourceConfig {
  std::filesystem::path directory;
  double fps = 2;
  // As SyntheticCameraConfig::real_time: false hands out frames at once, in virtual time.
  bool real_time = true;
};

class FileSource final : public FrameSource {
 public:
  explicit FileSource(FileSourceConfig config);

  Status start() override;
  Result<std::optional<CapturedFrame>> next_frame(std::chrono::milliseconds timeout) override;
  void stop() override;
  std::string describe() const override;

  // The images in the order they are shown (by file name); empty before start().
  const std::vector<std::filesystem::path>& files() const { return files_; }

 private:
  FileSourceConfig config_;
  FramePacer pacer_;
  std::vector<std::filesystem::path> files_;
  std::vector<LumaFrame> frames_;
};

}  // namespace passerelle::scan
