#include "kiosk/app/app.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>

#include "core/print/badge_render.h"
#include "core/service/service_notifier.h"
#include "core/text/terminal_text.h"
#include "core/text/translations.h"
#include "core/text/utf8.h"
#include "core/util/clock.h"
#include "kiosk/app/first_boot.h"
#include "kiosk/app/preview.h"
#include "kiosk/app/registry.h"
#include "kiosk/app/scan_inputs.h"
#include "kiosk/app/screens.h"
#include "kiosk/app/script.h"
#include "kiosk/app/sounds.h"
#include "kiosk/app/window.h"
#include "kiosk/model/checkin_worker.h"
#include "kiosk/model/controller.h"
#include "kiosk/model/demo.h"
#include "kiosk/model/run_queue.h"
#include "kiosk/model/store_failure.h"
#include "kiosk/scan/worker_support.h"
#include "kiosk/ui/rehearsal_banner.h"
#include "kiosk/ui/wedge_buffer.h"
#include "sync/client/httplib_transport.h"
#include "sync/client/kiosk_setup.h"
#include "sync/client/sync_worker.h"

namespace passerelle::kiosk {
namespace {

// The codes a synthetic camera shows outside --demo: one per line, blank lines and '#' comments
// skipped (deploy/demo-sync.sh writes one from `passerelle-hub export badges`).
Result<std::vector<std::string>> read_camera_codes(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return make_error(Errc::io, "cannot read the camera codes file " + path.string());
  std::vector<std::string> codes;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line.front() != '#') codes.push_back(line);
  }
  if (codes.empty()) return make_error(Errc::invalid_input, path.string() + " holds no code for the synthetic camera");
  return codes;
}

// After input, frames keep coming at the active rate this long: ImGui's hover and press states
// and the views' transitions need a few frames to settle.
constexpr std::int64_t kActiveAfterInputMs = 1000;

std::int64_t monotonic_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t monotonic_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The config's assets dir, else every program's rule (print::default_assets_dir: installed next
// to the program, else the source tree's).
std::filesystem::path find_assets(const KioskConfig& config) {
  if (!config.assets_dir.empty()) return config.assets_dir;
  return print::default_assets_dir();
}

std::filesystem::path demo_work_dir() {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  if (runtime != nullptr && *runtime != '\0') return std::filesystem::path(runtime) / "passerelle-demo";
  return std::filesystem::temp_directory_path() / ("passerelle-demo-" + std::to_string(getuid()));
}

bool is_attendee_screen(ScreenId screen) {
  return screen == ScreenId::scan || screen == ScreenId::welcome || screen == ScreenId::meeting ||
         screen == ScreenId::walk_in || screen == ScreenId::refused || screen == ScreenId::out_of_order;
}

volatile std::sig_atomic_t hang_up_received = 0;

class Kiosk {
 public:
  Kiosk(KioskConfig config, std::int64_t started_ns)
      : config_(std::move(config)),
        started_ns_(started_ns),
        run_queue_([this] { wake(); }),
        wedge_filter_(std::chrono::milliseconds(static_cast<std::int64_t>(config_.scanner.reread_seconds * 1000.0))) {}

  ~Kiosk() {
    // Workers deliver into the run queue and the controller: they stop first.
    inputs_.reset();
    first_boot_.reset();
    registry_watcher_.reset();
    worker_.reset();
    sync_notify_.store(nullptr);
    sync_.reset();
  }

  int run(const Status& config_status);

 private:
  void log(const char* format, ...) const __attribute__((format(printf, 2, 3)));
  void show_config_error(const std::string& message);
  void load_event(const Status& config_status);
  void start_workers();
  void start_inputs(CheckinWorker* checkin);
  void start_sync();
  HttplibTransportOptions transport_options() const;
  // First boot (kiosk/app/first_boot.h): no database yet, or one set up half-way from the hub.
  void enter_first_boot(bool unfinished);
  void start_first_boot();
  void on_first_boot(const FirstBootReport& report);
  void finish_first_boot();
  bool wedge_accepts() const;
  void wake();
  void handle(const SDL_Event& event);
  void submit_wedge(std::optional<std::string> code);
  void frame();
  void on_answer(const WorkerAnswer& answer);
  void on_registry(Result<RegistrySnapshot> snapshot);
  void open_sounds();

  KioskConfig config_;
  std::int64_t started_ns_;
  std::filesystem::path assets_;
  std::filesystem::path database_;
  std::vector<std::string> demo_codes_;

  std::atomic<bool> wake_pending_{false};
  Uint32 wake_event_ = static_cast<Uint32>(-1);
  RunQueue run_queue_;

  std::unique_ptr<Display> display_;
  KioskState state_;
  Translations texts_;
  Screens screens_;
  std::unique_ptr<KioskController> controller_;
  std::unique_ptr<Sounds> sounds_;
  std::unique_ptr<PreviewUploader> preview_;
  std::optional<ScriptRunner> script_;
  WedgeBuffer wedge_;
  scan::RereadFilter wedge_filter_;
  PointerState pointer_;
  std::vector<Intent> pending_intents_;

  bool quit_ = false;
  bool frame_wanted_ = true;
  std::int64_t active_until_ms_ = 0;
  std::int64_t last_frame_ms_ = 0;
  bool ready_logged_ = false;
  // systemd (deploy/systemd/passerelle-kiosk.service, Type=notify): READY=1 at the first frame
  // presented, WATCHDOG=1 from the frame loop, so that a hung frame stops the beats.
  std::unique_ptr<service::ServiceNotifier> notifier_ = service::systemd_notifier();
  service::AlivePacer alive_pacer_{notifier_->alive_interval()};
  bool ready_notified_ = false;
  bool sounds_tried_ = false;
  ScreenId logged_screen_ = ScreenId::scan;

  bool sync_configured_ = false;  // by the database at start: enrolled, or a ticket pending
  bool first_boot_unfinished_ = false;
  bool enrolled_at_first_boot_ = false;  // the config's ticket, if any, is spent

  // Declared last, destroyed first (see ~Kiosk): they post into what is above.
  std::unique_ptr<SyncWorker> sync_;
  // The check-in worker's thread tells sync of each commit; sync may start later (an enrolment
  // scanned at the staff screen), hence the atomic.
  std::atomic<SyncWorker*> sync_notify_{nullptr};
  std::unique_ptr<CheckinWorker> worker_;
  std::unique_ptr<RegistryWatcher> registry_watcher_;
  std::string staff_pin_hash_;  // argon2id; empty: no staff screen
  std::unique_ptr<ScanInputs> inputs_;
  std::unique_ptr<FirstBootWorker> first_boot_;
};

void Kiosk::log(const char* format, ...) const {
  if (!config_.verbose) return;
  // Formatted first, then printed through terminal_safe: log lines quote what the hub, a scanner
  // or a badge said, and an escape sequence in them must not reach a terminal raw.
  std::array<char, 1024> line{};
  va_list args;
  va_start(args, format);
  std::vsnprintf(line.data(), line.size(), format, args);
  va_end(args);
  std::fprintf(stderr, "passerelle-kiosk: %s\n", terminal_safe(line.data()).c_str());
}

void Kiosk::show_config_error(const std::string& message) {
  // Always logged: the error screen is the first place to look, the journal of the session the second.
  std::fprintf(stderr, "passerelle-kiosk: configuration error: %s\n", message.c_str());
  state_.screen = ScreenId::config_error;
  state_.fatal_message = message;
}

void Kiosk::wake() {
  // At most one wake event in SDL's queue: a camera posting 30 frames a second must not flood it.
  if (wake_event_ == static_cast<Uint32>(-1) || wake_pending_.exchange(true)) return;
  SDL_Event event{};
  event.type = wake_event_;
  if (SDL_PushEvent(&event) < 0) wake_pending_ = false;
}

void Kiosk::load_event(const Status& config_status) {
  state_.ui_language = config_.language;
  if (!config_status) {
    show_config_error(config_status.error().message);
    return;
  }
  database_ = config_.database;
  std::optional<std::int64_t> event_id = config_.event_id;
  if (config_.demo) {
    auto demo = prepare_demo(assets_, demo_work_dir());
    if (!demo) {
      show_config_error("demo: " + demo.error().message);
      return;
    }
    database_ = demo->kiosk_database;
    event_id = demo->event_id;
    demo_codes_ = demo->camera_codes;
  } else if (config_.camera.source == CameraSource::synthetic && !config_.camera.file.empty()) {
    auto codes = read_camera_codes(config_.camera.file);
    if (!codes) {
      show_config_error(codes.error().message);
      return;
    }
    demo_codes_ = std::move(codes).value();
  }
  if (!config_.demo) {
    auto need = setup_need(database_);
    if (!need) {
      show_config_error(need.error().message);
      return;
    }
    if (*need != SetupNeed::ready) {
      enter_first_boot(*need == SetupNeed::unfinished);
      return;
    }
  }
  auto registry = read_registry(database_, event_id, SystemClock::instance());
  if (!registry) {
    const auto code = registry.error().code;
    const bool store_failed = code == Errc::io || code == Errc::database || code == Errc::busy;
    if (store_failed) {
      std::fprintf(stderr, "passerelle-kiosk: database error: %s\n", registry.error().message.c_str());
      state_.screen = ScreenId::out_of_order;
      state_.fatal_message = errc_name(code);
      state_.fatal_reason = store_failure_reason(registry.error());
    } else {
      show_config_error(registry.error().message);
    }
    return;
  }
  auto place = start_place(*registry, config_.checkpoint, config_.direction);
  if (!place) {
    show_config_error(place.error().message);
    return;
  }
  state_.checkpoint_id = place->checkpoint->id;
  state_.direction = place->direction;
  // The configuration file's hash, when it gives one, else the bundle's (set on the hub).
  staff_pin_hash_ = config_.staff_pin_hash.empty() ? registry->staff_pin_hash : config_.staff_pin_hash;
  on_registry(std::move(registry));
  state_.device.database_path = database_.string();
}

void Kiosk::on_registry(Result<RegistrySnapshot> snapshot) {
  note_registry_read(state_.device, snapshot, monotonic_ms());
  if (!snapshot) {
    log("registry re-read failed: %s", snapshot.error().message.c_str());
    return;
  }
  state_.event = std::move(snapshot->event);
  state_.checkpoints = std::move(snapshot->checkpoints);
  state_.device.device_id = std::move(snapshot->device_id);
  state_.device.participants = snapshot->participants;
  state_.device.journal_entries = snapshot->journal_entries;
  sync_configured_ = sync_configured_ || snapshot->sync_configured;
  frame_wanted_ = true;
}

void Kiosk::enter_first_boot(bool unfinished) {
  std::fprintf(stderr, "passerelle-kiosk: %s %s: showing the first-boot screen\n",
               unfinished ? "finishing the set-up of" : "no kiosk database at", database_.c_str());
  state_.screen = ScreenId::first_boot;
  first_boot_unfinished_ = unfinished;
  auto& boot = state_.first_boot;
  boot = FirstBootState{};
  boot.phase = unfinished ? FirstBootState::Phase::receiving : FirstBootState::Phase::waiting;
  boot.database_path = database_.string();
  for (const auto& folder : config_.bundle_folders) boot.bundle_folders.push_back(folder.string());
}

void Kiosk::start_first_boot() {
  FirstBootSettings settings;
  settings.database = database_;
  settings.bundle_folders = config_.bundle_folders;
  settings.device_name = config_.sync.name;
  settings.transports = httplib_transport_factory(transport_options());
  settings.unfinished = first_boot_unfinished_;
  first_boot_ =
      std::make_unique<FirstBootWorker>(std::move(settings), SystemClock::instance(), [this](FirstBootReport report) {
        run_queue_.post([this, report = std::move(report)] { on_first_boot(report); });
      });
  controller_->set_first_boot_handlers(
      [this](std::string ticket) {
        enrolled_at_first_boot_ = true;
        first_boot_->enrol(std::move(ticket));
      },
      [this](std::string path) { first_boot_->use_bundle(std::move(path)); });
  start_inputs(nullptr);
  // A ticket in the configuration file sets the kiosk up without anybody scanning.
  if (!first_boot_unfinished_ && !config_.sync.enrol.empty())
    controller_->apply(intent::ScannedText{config_.sync.enrol});
}

void Kiosk::on_first_boot(const FirstBootReport& report) {
  if (!first_boot_) return;  // a report posted before the worker stopped
  auto& boot = state_.first_boot;
  if (report.problem != boot.problem && !report.problem.empty())
    std::fprintf(stderr, "passerelle-kiosk: first boot: %s\n", terminal_safe(report.problem).c_str());
  boot.phase = report.phase;
  boot.bundles = report.bundles;
  boot.event_name = report.event_name;
  boot.received = report.received;
  boot.remaining = report.remaining;
  boot.problem = report.problem;
  boot.retry_in_ms = report.retry_in_ms;
  frame_wanted_ = true;
  if (report.ready) finish_first_boot();
}

void Kiosk::finish_first_boot() {
  std::fprintf(stderr, "passerelle-kiosk: set up for '%s'; opening %s\n",
               terminal_safe(state_.first_boot.event_name).c_str(), database_.c_str());
  inputs_.reset();
  first_boot_.reset();
  state_.screen = ScreenId::scan;
  load_event(Status{});
  controller_->set_staff_pin_hash(staff_pin_hash_);
  start_workers();
  notifier_->status("showing the kiosk");  // `systemctl status` said first-boot screen until now
}

HttplibTransportOptions Kiosk::transport_options() const {
  HttplibTransportOptions transport;
  transport.ca_file = config_.sync.ca_file;
  return transport;
}

void Kiosk::start_workers() {
  if (state_.screen == ScreenId::config_error) return;
  if (state_.screen == ScreenId::first_boot) {
    start_first_boot();
    return;
  }
  const Clock& clock = SystemClock::instance();
  worker_ = std::make_unique<CheckinWorker>(database_, state_.event.id, clock, [this](WorkerAnswer answer) {
    // Committed (or a search): tell sync now, from here, rather than a frame later.
    const auto* checkin = std::get_if<CheckinAnswer>(&answer);
    if (SyncWorker* sync = sync_notify_.load(); sync != nullptr && checkin != nullptr && !checkin->error)
      sync->notify();
    run_queue_.post([this, answer = std::move(answer)] { on_answer(answer); });
  });
  controller_->set_enrol_handler([this](std::string ticket) {
    start_sync();
    if (sync_) sync_->enrol(std::move(ticket));
  });
  const bool config_ticket = !config_.sync.enrol.empty() && !enrolled_at_first_boot_;
  if (sync_configured_ || config_ticket) start_sync();
  if (sync_ && config_ticket) sync_->enrol(config_.sync.enrol);
  registry_watcher_ = std::make_unique<RegistryWatcher>(
      database_, state_.event.id, std::chrono::seconds(config_.refresh_seconds), clock,
      [this](Result<RegistrySnapshot> snapshot) {
        run_queue_.post([this, snapshot = std::move(snapshot)]() mutable { on_registry(std::move(snapshot)); });
      });

  start_inputs(worker_.get());
}

void Kiosk::start_inputs(CheckinWorker* checkin) {
  // Each preview frame costs a redraw of the viewfinder: ~8 ms of CPU with software GL at 1080p.
  const double preview_fps = std::min<double>(config_.max_fps, display_->partial_redraws() ? 10 : 15);
  inputs_ = std::make_unique<ScanInputs>(
      config_, preview_fps, demo_codes_, *controller_, checkin, run_queue_, [this](const std::string& message) {
        // Device news matter to whoever reads the session's log.
        std::fprintf(stderr, "passerelle-kiosk: %s\n", terminal_safe(message).c_str());
      });
  state_.device.camera = inputs_->camera_status();
  state_.device.source_description = inputs_->describe();
}

void Kiosk::start_sync() {
  if (sync_ || !worker_) return;  // running already, or no usable database
  SyncWorkerConfig settings;
  settings.database = database_;
  settings.event_id = state_.event.id;
  settings.device_name = config_.sync.name;
  settings.hub_url_override = config_.sync.hub_url;
  sync_ = std::make_unique<SyncWorker>(
      settings, SystemClock::instance(), httplib_transport_factory(transport_options()), [this](SyncStatus status) {
        run_queue_.post([this, status = std::move(status)] {
          if (status.link != state_.sync.link || status.last_error != state_.sync.last_error)
            log("sync: %s%s%s", std::string(to_string(status.link)).c_str(), status.last_error.empty() ? "" : ": ",
                status.last_error.c_str());
          controller_->on_sync_status(status);
        });
      });
  sync_notify_.store(sync_.get());
}

bool Kiosk::wedge_accepts() const {
  // On the unlocked staff screen a wedge scanner may bring an enrolment ticket; the controller
  // takes nothing else there.
  return is_attendee_screen(state_.screen) || state_.screen == ScreenId::first_boot ||
         (state_.screen == ScreenId::staff && state_.staff.unlocked);
}

void Kiosk::on_answer(const WorkerAnswer& answer) {
  controller_->on_answer(answer);
  const auto* checkin = std::get_if<CheckinAnswer>(&answer);
  if (checkin == nullptr) return;
  const bool accepted = !checkin->error && checkin->display.outcome == Outcome::accepted;
  if (config_.verbose && checkin->submitted_ns > 0)
    log("scan answered in %.1f ms: %s",
        static_cast<double>(SystemClock::instance().monotonic_ns() - checkin->submitted_ns) / 1e6,
        checkin->error ? "store error" : std::string(to_string(checkin->display.outcome)).c_str());
  if (sounds_) {
    if (accepted)
      sounds_->play_accept();
    else
      sounds_->play_reject();
  }
  active_until_ms_ = monotonic_ms() + kActiveAfterInputMs;
}

void Kiosk::submit_wedge(std::optional<std::string> code) {
  // A wedge scanner in presentation mode types the same badge again and again while it is held up.
  if (code && wedge_filter_.admit(*code, std::chrono::steady_clock::now()))
    pending_intents_.push_back(intent::ScannedText{std::move(*code)});
}

void Kiosk::handle(const SDL_Event& event) {
  if (event.type == wake_event_) {
    wake_pending_ = false;
    frame_wanted_ = true;
    return;
  }
  ImGui_ImplSDL2_ProcessEvent(&event);
  const std::int64_t now = monotonic_ms();
  switch (event.type) {
    case SDL_QUIT:
      // Always said: a kiosk that leaves the screen must say why in its log (issue #16).
      std::fprintf(stderr, "passerelle-kiosk: quitting: the window system or a signal (SIGINT, SIGTERM) asked\n");
      quit_ = true;
      break;
    case SDL_MOUSEMOTION:
      pointer_.known = true;
      pointer_.x = static_cast<float>(event.motion.x);
      pointer_.y = static_cast<float>(event.motion.y);
      // The cursor starts hidden on a touch kiosk; a real mouse moved by staff brings it back.
      if (event.motion.which != SDL_TOUCH_MOUSEID && (event.motion.xrel != 0 || event.motion.yrel != 0))
        SDL_ShowCursor(SDL_ENABLE);
      break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (event.button.button != SDL_BUTTON_LEFT) break;
      pointer_.known = true;
      pointer_.x = static_cast<float>(event.button.x);
      pointer_.y = static_cast<float>(event.button.y);
      pointer_.down = event.type == SDL_MOUSEBUTTONDOWN;
      if (pointer_.down) pointer_.pressed = true;
      break;
    case SDL_KEYDOWN: {
      const auto& key = event.key.keysym;
      // Development only: a kiosk at the door must not be closed by a passer-by with a keyboard.
      if (config_.window.windowed && key.sym == SDLK_q && (key.mod & KMOD_CTRL) != 0 && (key.mod & KMOD_ALT) != 0) {
        std::fprintf(stderr, "passerelle-kiosk: quitting: ctrl+alt+q\n");
        quit_ = true;
      }
      if ((key.sym == SDLK_RETURN || key.sym == SDLK_KP_ENTER) && config_.scanner.keyboard_wedge && wedge_accepts())
        submit_wedge(wedge_.enter(now));
      break;
    }
    case SDL_TEXTINPUT: {
      if (!config_.scanner.keyboard_wedge || !wedge_accepts()) break;
      // SDL hands text as UTF-8; the buffer takes code points. An ill-formed sequence is replaced
      // by U+FFFD, not dropped: dropping would turn "PSL-1<bad byte>2" into "PSL-12", another and
      // perhaps real code, where U+FFFD makes the scan fail and shows in the stored code.
      std::string_view text = event.text.text;
      while (!text.empty()) {
        const Utf8Char c = decode_utf8(text);
        submit_wedge(wedge_.feed(c.code_point, now));
        text.remove_prefix(c.length);
      }
      break;
    }
    case SDL_WINDOWEVENT:
      if (display_) display_->invalidate();
      frame_wanted_ = true;
      return;
    default:
      return;
  }
  active_until_ms_ = now + kActiveAfterInputMs;
}

void Kiosk::frame() {
  run_queue_.drain();
  controller_->tick();
  for (const auto& intent : pending_intents_) controller_->apply(intent);
  pending_intents_.clear();
  if (state_.screen != logged_screen_) {
    log("screen %s -> %s", std::string(to_string(logged_screen_)).c_str(),
        std::string(to_string(state_.screen)).c_str());
    logged_screen_ = state_.screen;
  }
  if (!wedge_accepts()) wedge_.clear();

  if (!display_->refresh_fonts()) log("could not rebuild the fonts; keeping the old size");
  Display::RenderHint hint;
  // A script may read the back buffer (screenshots): it must hold the whole frame. Where the back
  // buffer survives swaps it does, partial redraws included, and the screenshots show them.
  hint.full = script_.has_value() && !display_->partial_redraws();
  if (inputs_) {
    state_.device.camera = inputs_->camera_status();
    inputs_->with_new_preview([&](const scan::FrameView& frame) {
      preview_->upload(frame);
      hint.changed_texture = preview_->texture().gl_texture;
    });
    if (state_.device.camera != CameraStatus::running) preview_->clear();
  }

  display_->begin_frame(pointer_);
  std::vector<Intent> intents;
  UiContext context{state_, texts_, display_->fonts(), preview_->texture(), intents};
  screens_[state_.screen].draw(context);
  if (state_.screen != ScreenId::staff) ui::draw_rehearsal_banner(context);
  const bool rendered = display_->render(hint);
  if (script_) script_->on_frame(state_, *display_, monotonic_ms());
  if (rendered) display_->present();
  for (const auto& intent : intents) controller_->apply(intent);
  if (!intents.empty()) frame_wanted_ = true;

  if (!ready_notified_) {
    // The first frame: whatever it shows (the scan screen, a configuration error that someone
    // must read), the kiosk is up; a configuration error is not mended by a restart.
    ready_notified_ = true;
    notifier_->ready(state_.screen == ScreenId::config_error ? "showing a configuration error"
                     : state_.screen == ScreenId::first_boot ? "showing the first-boot screen"
                                                             : "showing the kiosk");
  }
  if (!ready_logged_ && state_.screen == ScreenId::scan) {
    ready_logged_ = true;
    log("ready to scan: %.0f ms from process start to the first scan-screen frame presented",
        static_cast<double>(monotonic_ns() - started_ns_) / 1e6);
  }
  if (!sounds_tried_) {
    // After the first frame: opening an audio device can take a while, and nobody has scanned yet.
    sounds_tried_ = true;
    open_sounds();
  }
}

void Kiosk::open_sounds() {
  if (!config_.sounds) return;
  auto sounds = Sounds::open(assets_ / "sounds");
  if (sounds)
    sounds_ = std::move(*sounds);
  else
    std::fprintf(stderr, "passerelle-kiosk: sounds off: %s\n", sounds.error().message.c_str());
}

int Kiosk::run(const Status& config_status) {
  assets_ = find_assets(config_);
  log("assets from %s", assets_.c_str());
  auto display = Display::open(config_.window, assets_ / "fonts");
  if (!display) {
    std::fprintf(stderr, "passerelle-kiosk: cannot open the display: %s\n", display.error().message.c_str());
    return 1;
  }
  display_ = std::move(*display);
  log("display %dx%d, %s; %s; %s redraws", display_->width(), display_->height(), display_->gl_description().c_str(),
      display_->fonts_description().c_str(), display_->partial_redraws() ? "partial" : "full");
  wake_event_ = SDL_RegisterEvents(1);
  preview_ = std::make_unique<PreviewUploader>();

  auto texts = Translations::load(assets_ / "i18n");
  if (texts)
    texts_ = std::move(*texts);
  else
    std::fprintf(stderr, "passerelle-kiosk: translations: %s\n", texts.error().message.c_str());
  screens_ = make_screens();

  load_event(config_status);
  ControllerSettings settings;
  settings.staff_pin_hash = staff_pin_hash_;
  settings.welcome_ms = static_cast<std::int64_t>(config_.welcome_seconds * 1000.0);
  settings.refusal_ms = static_cast<std::int64_t>(config_.refusal_seconds * 1000.0);
  controller_ =
      std::make_unique<KioskController>(state_, settings, SystemClock::instance(), [this](WorkerRequest request) {
        if (worker_) worker_->submit(std::move(request));
      });
  start_workers();

  if (!config_.script.empty()) {
    auto script = ScriptRunner::load(config_.script, config_.screenshot_dir);
    if (!script) {
      std::fprintf(stderr, "passerelle-kiosk: %s\n", script.error().message.c_str());
      return 1;
    }
    script_.emplace(std::move(*script));
  }

  const std::int64_t active_interval = 1000 / config_.max_fps;
  const std::int64_t idle_interval = 1000 / config_.idle_fps;
  while (!quit_) {
    if (hang_up_received != 0) {
      // SIGHUP's default is to die without a word: a kiosk started from a terminal that closed.
      std::fprintf(stderr, "passerelle-kiosk: quitting: hang-up (SIGHUP: the terminal that started it closed)\n");
      break;
    }
    const std::int64_t now = monotonic_ms();
    const bool active = frame_wanted_ || script_.has_value() || now < active_until_ms_;
    const std::int64_t deadline = last_frame_ms_ + (active ? active_interval : idle_interval);
    SDL_Event event;
    if (now < deadline) {
      if (SDL_WaitEventTimeout(&event, static_cast<int>(deadline - now)) != 0) {
        handle(event);
        while (!quit_ && SDL_PollEvent(&event) != 0) handle(event);
      }
      continue;  // the deadline may have moved closer (input makes frames come faster)
    }
    while (!quit_ && SDL_PollEvent(&event) != 0) handle(event);
    last_frame_ms_ = now;
    frame_wanted_ = false;
    frame();
    if (alive_pacer_.due(monotonic_ms())) notifier_->alive();
    if (script_ && script_->finished()) break;
  }
  notifier_->stopping();

  if (script_ && !script_->finished()) {
    std::fprintf(stderr, "passerelle-kiosk: script failed: the kiosk quit before the script ended\n");
    return 1;
  }
  if (script_) {
    if (script_->exit_status() != 0) {
      std::fprintf(stderr, "passerelle-kiosk: script failed: %s\n", script_->failure().c_str());
    } else {
      log("script passed: %zu expectations held", script_->expectations_held());
    }
    return script_->exit_status();
  }
  return 0;
}

}  // namespace

int run_kiosk(ConfigLoad load, std::int64_t started_ns) {
  struct sigaction hang_up {};
  hang_up.sa_handler = [](int) { hang_up_received = 1; };
  sigemptyset(&hang_up.sa_mask);
  sigaction(SIGHUP, &hang_up, nullptr);
  int status = 0;
  {
    Kiosk kiosk(std::move(load.config), started_ns);
    status = kiosk.run(load.status);
  }
  SDL_Quit();
  std::fprintf(stderr, "passerelle-kiosk: exited with status %d\n", status);
  return status;
}

}  // namespace passerelle::kiosk
