// SyntheticSource: the demo camera (`passerelle-kiosk --demo`) and the test camera. Badges (badge
// cards on a cluttered hall, kiosk/scan/synthetic.h) come into view in turn: each slides and turns
// in from an edge of the frame while coming closer, is held still (with a little hand shake) for
// about 1.5 s, and leaves by another edge; empty frames fill the gaps between them.
//
// Everything is decided by the frame number and the seed, never by the clock: the same config
// gives the same frames on a given build, whether paced in real time or run as fast as possible.
// Cost: an empty frame is the one cached background (rendered once per start(), ~5 ms at 720p),
// so a camera with nobody in front costs nothing to render; a frame with a badge is rendered on
// the fly (~10 ms at 720p, 3-4 ms at 640x480, one core).
//
// Ownership, threads and failure: as FrameSource says. start() fails (Errc::invalid_input) only
// when a text cannot be encoded as a QR code. Configuration values are our own code's promise:
// a non-positive size or fps is a bug (assert).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/print/qr.h"
#include "kiosk/scan/frame_pacer.h"
#include "kiosk/scan/frame_source.h"
#include "kiosk/scan/synthetic.h"

namespace passerelle::scan {

struct SyntheticCameraConfig {
  int width = 1280;
  int height = 720;
  double fps = 30;
  // The badge codes shown, in turn and then over again. Empty: nobody ever comes.
  std::vector<std::string> texts;
  // Chooses the background and each appearance's path.
  std::uint32_t seed = 1;
  // One appearance cycle: empty frames, then the badge comes in, is held, and leaves.
  std::chrono::milliseconds gap{2000};
  std::chrono::milliseconds enter{600};
  std::chrono::milliseconds hold{1500};
  std::chrono::milliseconds leave{500};
  // The camera's defocus and sensor noise (SceneParams); a moving badge is blurred a little more.
  double blur_sigma_px = 0.6;
  double noise_stddev = 4;
  // Paced at fps, as a camera delivers frames. Otherwise next_frame() returns the next frame at
  // once, stamped with virtual time (frame number / fps), for tests and benchmarks.
  bool real_time = true;
  // After this many frames (0: never), next_frame() waits out its timeout and returns no frame.
  std::uint64_t frame_limit = 0;
};

class SyntheticSource final : public FrameSource {
 public:
  explicit SyntheticSource(SyntheticCameraConfig config);

  Status start() override;
  Result<std::optional<CapturedFrame>> next_frame(std::chrono::milliseconds timeout) override;
  void stop() override;
  std::string describe() const override;

  // The timeline, for tests and the benchmark. Frames count from 0 at start().
  // Frames in one cycle of gap, enter, hold and leave.
  std::uint64_t cycle_frames() const;
  // Which appearance (0, 1, 2, ...) frame `sequence` shows, when it shows a badge at all; its text
  // is texts[appearance % texts.size()].
  std::optional<std::uint64_t> appearance_at(std::uint64_t sequence) const;
  // How frame `sequence` is drawn, when it shows a badge; only after start() (needs code sizes).
  std::optional<SceneParams> scene_at(std::uint64_t sequence) const;

 private:
  struct Phases {
    std::uint64_t gap, enter, hold, leave;
  };

  SceneParams camera_params() const;
  // The badge's pose at frame `sequence` of appearance `appearance`, at `position` in its cycle.
  SceneParams pose(std::uint64_t appearance, std::uint64_t position, int code_size) const;

  SyntheticCameraConfig config_;
  Phases phases_;
  FramePacer pacer_;
  std::vector<print::QrMatrix> codes_;
  LumaFrame background_;  // the empty scene, cached: nobody in front costs no rendering
  LumaFrame current_;     // the last frame rendered with a badge
  bool started_ = false;
  std::uint64_t frames_given_ = 0;
};

}  // namespace passerelle::scan
