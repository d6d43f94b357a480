#include "kiosk/app/scan_inputs.h"

#include <algorithm>
#include <chrono>

#include "kiosk/scan/evdev_scanner.h"
#include "kiosk/scan/file_source.h"
#include "kiosk/scan/serial_scanner.h"
#include "kiosk/scan/synthetic_source.h"
#include "kiosk/scan/v4l2_source.h"
#include "sync/client/sync_status.h"

namespace passerelle::kiosk {
namespace {

std::chrono::milliseconds reread_interval(const KioskConfig& config) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(config.scanner.reread_seconds * 1000.0));
}

std::unique_ptr<scan::FrameSource> make_camera(const KioskConfig& config, std::vector<std::string> demo_codes) {
  const CameraConfig& camera = config.camera;
  switch (camera.source) {
    case CameraSource::v4l2: {
      scan::CameraConfig v4l2;
      v4l2.device = camera.device;
      v4l2.width = camera.width;
      v4l2.height = camera.height;
      v4l2.preferred =
          camera.format == CameraFormat::mjpeg ? scan::CameraPixelFormat::mjpeg : scan::CameraPixelFormat::yuyv;
      return std::make_unique<scan::V4l2Source>(v4l2);
    }
    case CameraSource::file: {
      scan::FileSourceConfig files;
      files.directory = camera.file;
      return std::make_unique<scan::FileSource>(files);
    }
    case CameraSource::synthetic: {
      scan::SyntheticCameraConfig synthetic;
      synthetic.width = camera.width;
      synthetic.height = camera.height;
      synthetic.texts = std::move(demo_codes);
      return std::make_unique<scan::SyntheticSource>(synthetic);
    }
    case CameraSource::none:
      break;
  }
  return nullptr;
}

scan::KeyboardLayout layout_of(ScannerLayout layout) {
  switch (layout) {
    case ScannerLayout::us:
      return scan::KeyboardLayout::us;
    case ScannerLayout::fr:
      return scan::KeyboardLayout::fr;
    case ScannerLayout::de:
      return scan::KeyboardLayout::de;
    case ScannerLayout::be:
      return scan::KeyboardLayout::be;
    case ScannerLayout::nl:
      return scan::KeyboardLayout::nl;
  }
  return scan::KeyboardLayout::us;
}

}  // namespace

ScanInputs::ScanInputs(const KioskConfig& config, double preview_fps, std::vector<std::string> demo_codes,
                       KioskController& controller, CheckinWorker* checkin, RunQueue& run_queue, Log log)
    : controller_(controller), checkin_(checkin), run_queue_(run_queue), log_(std::move(log)) {
  if (auto source = make_camera(config, std::move(demo_codes))) {
    description_ = source->describe();
    scan::DecodeWorkerConfig decode;
    decode.reread_interval = reread_interval(config);
    decode.preview_fps = preview_fps;
    const std::string device = description_;
    scan::DecodeWorkerCallbacks callbacks;
    callbacks.on_code = [this, device](std::string code) { submit(std::move(code), device); };
    callbacks.on_preview = [this](const scan::LumaFrame& frame) {
      {
        std::lock_guard lock(preview_mutex_);
        preview_ = frame;
        preview_new_ = true;
      }
      run_queue_.post([] {});  // wakes the UI for the new picture
    };
    callbacks.on_status = [this, device](scan::DeviceStatus status, std::string detail) {
      on_device_status(device, status, detail, std::nullopt);
    };
    camera_status_ = CameraStatus::starting;
    camera_ = std::make_unique<scan::DecodeWorker>(std::move(source), decode, std::move(callbacks));
    camera_->start();
  } else {
    description_ = "no camera";
  }

  // The checklist lists the scanners as configured, before their workers have said a word.
  std::vector<ScannerStatus> configured;
  if (config.scanner.keyboard_wedge)
    configured.push_back({ScannerStatus::Kind::wedge, "", ScannerStatus::State::open, ""});
  std::vector<std::pair<std::unique_ptr<scan::TextSource>, ScannerStatus>> sources;
  if (!config.scanner.evdev_device.empty()) {
    scan::EvdevScannerConfig evdev;
    evdev.device = config.scanner.evdev_device;
    evdev.layout = layout_of(config.scanner.layout);
    sources.emplace_back(std::make_unique<scan::EvdevScanner>(evdev),
                         ScannerStatus{ScannerStatus::Kind::evdev, evdev.device, ScannerStatus::State::starting, ""});
  }
  if (!config.scanner.serial_device.empty()) {
    scan::SerialScannerConfig serial;
    serial.device = config.scanner.serial_device;
    serial.baud = config.scanner.baud;
    sources.emplace_back(std::make_unique<scan::SerialScanner>(serial),
                         ScannerStatus{ScannerStatus::Kind::serial, serial.device, ScannerStatus::State::starting, ""});
  }
  for (const auto& source : sources) configured.push_back(source.second);
  run_queue_.post([&controller = controller_, configured = std::move(configured)] {
    for (const auto& scanner : configured) controller.on_scanner_status(scanner);
  });
  for (auto& [source, scanner] : sources) {
    const std::string device = source->describe();
    description_ += "; " + device;
    scan::ScannerWorkerConfig worker;
    worker.reread_interval = reread_interval(config);
    scan::ScannerWorkerCallbacks callbacks;
    callbacks.on_code = [this, path = scanner.device](std::string code) { submit(std::move(code), path); };
    callbacks.on_status = [this, device, configured_as = scanner](scan::DeviceStatus status, std::string detail) {
      on_device_status(device, status, detail, configured_as);
    };
    scanners_.push_back(std::make_unique<scan::ScannerWorker>(std::move(source), worker, std::move(callbacks)));
    scanners_.back()->start();
  }
}

ScanInputs::~ScanInputs() {
  for (auto& scanner : scanners_) scanner->stop();
  if (camera_) camera_->stop();
}

void ScanInputs::submit(std::string code, const std::string& source) {
  if (is_enrolment_text(code) || checkin_ == nullptr) {
    // Never a badge. The controller, on the UI thread, takes it if the staff screen is open.
    run_queue_.post(
        [&controller = controller_, code = std::move(code)] { controller.apply(intent::ScannedText{code}); });
    return;
  }
  // Straight to the check-in worker from this thread: a code never waits for a UI frame. When scans
  // are not taken, the controller shows it to staff as a test read (or forgets it).
  if (!controller_.scan_context().accepting.load()) {
    run_queue_.post(
        [&controller = controller_, code = std::move(code), source] { controller.on_test_read(code, source, false); });
    return;
  }
  checkin_->submit(controller_.scan_request(std::move(code)));
}

void ScanInputs::on_device_status(const std::string& device, scan::DeviceStatus status, const std::string& detail,
                                  std::optional<ScannerStatus> scanner) {
  const bool lost = status == scan::DeviceStatus::lost;
  if (!scanner) camera_status_ = lost ? CameraStatus::lost : CameraStatus::running;
  std::string message = device + ": " + scan::device_status_name(status);
  if (!detail.empty() && detail != device) message += " (" + detail + ")";
  if (scanner) {
    scanner->state = lost ? ScannerStatus::State::lost : ScannerStatus::State::open;
    scanner->detail = lost && detail != device ? detail : "";
  }
  run_queue_.post([this, message = std::move(message), scanner = std::move(scanner)] {
    log_(message);
    if (scanner) controller_.on_scanner_status(*scanner);
  });
}

void ScanInputs::with_new_preview(const std::function<void(const scan::FrameView&)>& upload) {
  std::lock_guard lock(preview_mutex_);
  if (!preview_new_ || preview_.empty()) return;
  preview_new_ = false;
  upload(preview_.view());
}

}  // namespace passerelle::kiosk
