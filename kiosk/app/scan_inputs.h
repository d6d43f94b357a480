// Where badge codes come from besides the keyboard wedge: the camera (V4L2, an image folder or the
// synthetic demo camera) through kiosk/scan's DecodeWorker, and handheld scanners read from evdev
// or a serial port through ScannerWorkers. Their codes go straight from the workers' threads to
// the check-in worker (the controller's ScanContext says where they count), not through a frame;
// the UI hears of them with the worker's answer, and gets the camera's newest frame as preview.
// Enrolment tickets (sync_status.h) are no badges: they go to the controller through the RunQueue.
// While scans are not taken (the staff screen is open), a code goes to the controller the same
// way as a test read, never to the check-in worker; and each scanner's status (opened, lost) is
// posted to the controller for the staff screen's checklist (kiosk/model/readiness.h).
//
// Ownership: owns the workers and their devices; borrows the controller, the check-in worker and
// the RunQueue, which must outlive it (the app destroys the inputs first).
// Thread safety: construct, destroy and call the members on the UI thread; the workers' callbacks
// run on their own threads and reach the UI only through the RunQueue.
// Failure: a device that fails to open or drops out is a status (CameraStatus::lost), retried by
// its worker, never fatal: the kiosk keeps taking codes from the other inputs.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/config.h"
#include "kiosk/model/checkin_worker.h"
#include "kiosk/model/controller.h"
#include "kiosk/model/kiosk_state.h"
#include "kiosk/model/run_queue.h"
#include "kiosk/scan/decode_worker.h"
#include "kiosk/scan/frame.h"
#include "kiosk/scan/scanner_worker.h"

namespace passerelle::kiosk {

class ScanInputs {
 public:
  // Called on the UI thread with device news ("camera at /dev/video0: lost ..."); no personal data.
  using Log = std::function<void(const std::string&)>;

  // Starts every input the config names, the camera with at most `preview_fps` previews a second.
  // `demo_codes` are what the synthetic camera shows. Without a check-in worker (first boot: no
  // database yet) every code goes to the controller, which takes only enrolment tickets there.
  ScanInputs(const KioskConfig& config, double preview_fps, std::vector<std::string> demo_codes,
             KioskController& controller, CheckinWorker* checkin, RunQueue& run_queue, Log log);
  ~ScanInputs();  // stops the workers (each within about 100 ms)
  ScanInputs(const ScanInputs&) = delete;
  ScanInputs& operator=(const ScanInputs&) = delete;

  CameraStatus camera_status() const { return camera_status_.load(); }
  // "demo camera (1280x720, 30 fps)", "no camera"; scanners appended.
  const std::string& describe() const { return description_; }
  // Calls `upload` with the newest preview if one came since the last call.
  void with_new_preview(const std::function<void(const scan::FrameView&)>& upload);

 private:
  // `source` names the camera or the scanner's device, for a test read.
  void submit(std::string code, const std::string& source);
  // `scanner`: the scanner's kind and device as configured; none for the camera.
  void on_device_status(const std::string& device, scan::DeviceStatus status, const std::string& detail,
                        std::optional<ScannerStatus> scanner);

  KioskController& controller_;
  CheckinWorker* checkin_;  // null at first boot
  RunQueue& run_queue_;
  Log log_;
  std::string description_;
  std::atomic<CameraStatus> camera_status_{CameraStatus::none};

  std::mutex preview_mutex_;
  scan::LumaFrame preview_;   // under preview_mutex_
  bool preview_new_ = false;  // under preview_mutex_

  // Last: stopped first, before what their callbacks use.
  std::unique_ptr<scan::DecodeWorker> camera_;
  std::vector<std::unique_ptr<scan::ScannerWorker>> scanners_;
};

}  // namespace passerelle::kiosk
