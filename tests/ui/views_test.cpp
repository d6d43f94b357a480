// The kiosk's screens, drawn headless: every screen at the three target resolutions in the four
// languages, its geometry checked against the display, and taps that produce intents.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "kiosk/ui/config_error_view.h"
#include "kiosk/ui/meeting_view.h"
#include "kiosk/ui/onscreen_keyboard.h"
#include "kiosk/ui/out_of_order_view.h"
#include "kiosk/ui/refusal_view.h"
#include "kiosk/ui/scan_view.h"
#include "kiosk/ui/staff_view.h"
#include "kiosk/ui/welcome_view.h"
#include "tests/ui/harness.h"

namespace passerelle::kiosk {
namespace {

using ui_test::Harness;
using ui_test::kResolutions;
using ui_test::only;
using ui_test::sample_state;

TEST(Views, EveryScreenDrawsAtEveryResolutionInEveryLanguage) {
  Harness harness;
  ScanView scan_view;
  WelcomeView welcome_view;
  MeetingView meeting_view;
  RefusalView refusal_view;
  StaffView staff_view;
  OutOfOrderView out_of_order_view;
  ConfigErrorView config_error_view;
  const PreviewTexture previews[] = {{}, {7, 1280, 720}, {7, 480, 640}};

  for (const ImVec2 resolution : kResolutions) {
    harness.resize(resolution);
    for (const Language language : kAllLanguages) {
      KioskState state = sample_state();
      state.ui_language = language;
      state.last_scan->language = language;
      const auto draw = [&](View& view) {
        const auto intents = harness.frame(view, state);
        EXPECT_TRUE(intents.empty()) << "a screen emitted an intent without input";
      };

      for (const PreviewTexture& preview : previews) {
        harness.set_preview(preview);
        for (const CameraStatus camera : {CameraStatus::none, CameraStatus::starting, CameraStatus::lost}) {
          state.device.camera = camera;
          for (std::int64_t checkpoint_id : {1, 3, 99}) {
            state.checkpoint_id = checkpoint_id;
            draw(scan_view);
          }
        }
      }
      state.checkpoint_id = 1;

      for (const bool checkout : {false, true}) {
        for (const std::size_t meetings : {0u, 1u, 14u}) {
          ScanDisplay scan = sample_state().last_scan.value();
          scan.language = language;
          scan.checkout = checkout;
          scan.meetings.resize(meetings);
          state.last_scan = scan;
          draw(welcome_view);
        }
      }

      // Every state of a B2B area scan: none left, next, waiting, partner here, held.
      state.checkpoint_id = 4;
      for (int variant = 0; variant < 5; ++variant) {
        ScanDisplay scan = sample_state().last_scan.value();
        scan.language = language;
        MeetingDisplay b2b;
        b2b.found = variant > 0;
        b2b.current = variant > 1;
        b2b.partner_came = variant > 2;
        b2b.held = variant > 3;
        b2b.later_today = variant;
        b2b.meeting = scan.meetings.front();
        b2b.meeting.table = "Hall Maas, table 12";
        scan.b2b = b2b;
        state.last_scan = scan;
        draw(meeting_view);
      }
      state.checkpoint_id = 1;

      for (int i = 0; i < static_cast<int>(Outcome::accepted); ++i) {
        for (const bool known : {false, true}) {
          for (const std::int64_t checkpoint_id : {1, 3}) {
            ScanDisplay scan = sample_state().last_scan.value();
            scan.outcome = static_cast<Outcome>(i);
            scan.known_person = known;
            scan.language = language;
            state.last_scan = scan;
            state.checkpoint_id = checkpoint_id;
            state.direction = checkpoint_id == 3 ? Direction::exit : Direction::entry;
            draw(refusal_view);
          }
        }
      }
      state.last_scan.reset();
      draw(welcome_view);
      draw(meeting_view);
      draw(refusal_view);
      state = sample_state();
      state.ui_language = language;

      state.staff.unlocked = false;
      state.staff.pin_entry = "";
      state.staff.failed_attempts = 2;
      draw(staff_view);
      state.staff.pin_entry = "123456789";
      draw(staff_view);
      state.staff.locked_until_ms = state.now_ms + 42'000;
      draw(staff_view);
      state.staff.unlocked = true;
      state.checkpoint_id = 3;
      for (std::size_t section = 0; section < StaffView::kSectionCount; ++section) {
        staff_view.set_section(static_cast<StaffView::Section>(section));
        draw(staff_view);
        state.staff.search_pending = true;
        state.staff.operator_name.clear();
        state.checkpoints.clear();
        draw(staff_view);
        state = sample_state();
        state.ui_language = language;
        state.staff.unlocked = true;
      }
      state.staff.unlocked = false;
      draw(staff_view);

      draw(out_of_order_view);
      draw(config_error_view);
      state.fatal_message.clear();
      draw(out_of_order_view);
      draw(config_error_view);
    }
  }
  EXPECT_TRUE(harness.texts().missed_keys().empty())
      << "screens ask for texts en.toml lacks: " << harness.texts().missed_keys().front();
}

// The checks section (kiosk/model/readiness.h) in states that reach every finding and action, and
// the out-of-order screen with every reason for staff (kiosk/model/store_failure.h): each text is
// in every language, and nothing is tapped without input.
TEST(Views, ChecksAndOutOfOrderReasonsHaveTheirTexts) {
  Harness harness;
  StaffView staff_view;
  OutOfOrderView out_of_order_view;
  std::vector<KioskState> states;
  KioskState state = sample_state();
  state.staff.unlocked = true;
  states.push_back(state);
  for (const CameraStatus camera :
       {CameraStatus::none, CameraStatus::starting, CameraStatus::running, CameraStatus::lost}) {
    state.device.camera = camera;
    states.push_back(state);
  }
  state.device.scanners = {
      {ScannerStatus::Kind::wedge, "", ScannerStatus::State::open, ""},
      {ScannerStatus::Kind::evdev, "/dev/input/by-id/usb-scanner-event-kbd", ScannerStatus::State::starting, ""},
      {ScannerStatus::Kind::serial, "/dev/ttyACM0", ScannerStatus::State::lost,
       "cannot open /dev/ttyACM0: permission denied (add the kiosk's user to group dialout)"}};
  state.device.last_test_read = TestRead{"PSL1.AbCdEfG…", "", "09:12:07", true};
  state.device.free_bytes = 150ULL << 20;
  state.device.registry_read_ms = state.now_ms - 4000;
  state.sync.clock_offset_ms = 6 * 60'000;
  states.push_back(state);
  state.device.last_test_read = TestRead{"PSL1.AbCdEfG…", "scanner at /dev/ttyACM0", "09:12:09", false};
  state.device.free_bytes = 700ULL << 20;
  state.sync.clock_offset_ms = -6 * 60'000;
  state.clock.jumped = true;
  state.rehearsal.on = true;
  states.push_back(state);
  for (const SyncLink link : {SyncLink::not_enrolled, SyncLink::connecting, SyncLink::online, SyncLink::offline,
                              SyncLink::revoked, SyncLink::unauthorised}) {
    state.sync.link = link;
    state.clock.jump_back = !state.clock.jump_back;
    states.push_back(state);
  }
  state.clock.date_plausible = false;
  state.device.scanners.clear();
  state.device.participants = 0;
  states.push_back(state);
  state.clock = ClockStatus{};
  state.clock.known = true;
  state.device.free_bytes.reset();
  state.device.registry_read_ms = -1;
  states.push_back(state);
  state.clock = ClockStatus{};
  for (const char* reason : {"disk_full", "locked", "damaged", "read_only", "missing", "newer", "io", "unknown"}) {
    state.device.registry_error = reason;
    state.fatal_reason = reason;
    state.fatal_message = "io";
    states.push_back(state);
  }

  staff_view.set_section(StaffView::Section::checks);
  for (const ImVec2 resolution : kResolutions) {
    harness.resize(resolution);
    for (const Language language : kAllLanguages) {
      for (KioskState each : states) {
        each.ui_language = language;
        EXPECT_TRUE(harness.frame(staff_view, each).empty());
        if (!each.fatal_reason.empty()) {
          EXPECT_TRUE(harness.frame(out_of_order_view, each).empty());
        }
      }
    }
  }
  EXPECT_TRUE(harness.texts().missed_keys().empty())
      << "the checks ask for texts en.toml lacks: " << harness.texts().missed_keys().front();
}

TEST(Views, ScanStaffButtonOpensTheStaffScreen) {
  Harness harness;
  ScanView view;
  for (const ImVec2 resolution : kResolutions) {
    harness.resize(resolution);
    const KioskState state = sample_state();
    const auto layout = ScanView::layout(ui::metrics_for(resolution));
    const auto intents = harness.tap(view, state, layout.staff_button.centre());
    EXPECT_EQ(only<intent::OpenStaff>(intents).size(), 1u);
    EXPECT_TRUE(harness.tap(view, state, layout.viewfinder.centre()).empty());
  }
}

// A kiosk without a staff PIN has no staff screen: no padlock either (the staff guide found one
// that did nothing when tapped).
TEST(Views, ScanWithoutAStaffPinHasNoPadlock) {
  Harness harness;
  ScanView view;
  for (const ImVec2 resolution : kResolutions) {
    harness.resize(resolution);
    KioskState state = sample_state();
    state.staff.available = false;
    const auto layout = ScanView::layout(ui::metrics_for(resolution));
    EXPECT_TRUE(only<intent::OpenStaff>(harness.tap(view, state, layout.staff_button.centre())).empty());
  }
}

TEST(Views, ScanTurnsWedgeScannerTypingIntoAScannedCode) {
  Harness harness;
  ScanView view;
  const KioskState state = sample_state();
  auto intents = harness.frame(view, state, [](ImGuiIO& io) { io.AddInputCharactersUTF8("PSL1.abc-ß"); });
  EXPECT_TRUE(intents.empty());
  intents = harness.frame(view, state, [](ImGuiIO& io) { io.AddInputCharacter('\r'); });
  const auto scanned = only<intent::ScannedText>(intents);
  ASSERT_EQ(scanned.size(), 1u);
  EXPECT_EQ(scanned[0].text, "PSL1.abc-ß");

  ScanView shell_reads_scanner(ScanView::Options{true, false});
  intents = harness.frame(shell_reads_scanner, state, [](ImGuiIO& io) { io.AddInputCharactersUTF8("XYZ\r"); });
  EXPECT_TRUE(intents.empty());
}

TEST(Views, TapOnWelcomeMeetingOrRefusalDismisses) {
  Harness harness;
  WelcomeView welcome;
  MeetingView meeting;
  RefusalView refusal;
  KioskState state = sample_state();
  EXPECT_EQ(only<intent::Dismiss>(harness.tap(welcome, state, ImVec2(900, 900))).size(), 1u);
  EXPECT_EQ(only<intent::Dismiss>(harness.tap(meeting, state, ImVec2(900, 900))).size(), 1u);
  state.last_scan->outcome = Outcome::revoked;
  EXPECT_EQ(only<intent::Dismiss>(harness.tap(refusal, state, ImVec2(100, 500))).size(), 1u);
}

TEST(Views, ARefusalNamesNoOneBeyondAFirstNameAndNoOneWhenBlocked) {
  ScanDisplay scan;
  scan.known_person = true;
  scan.first_name = "Renée";
  scan.last_name = "Dupont";
  scan.organisation = "Acme";
  for (const Outcome routine : {Outcome::already_checked_in, Outcome::not_admitted, Outcome::not_event_day}) {
    scan.outcome = routine;
    EXPECT_EQ(RefusalView::name_shown(scan), "Renée") << to_string(routine);
  }
  for (const Outcome telling : {Outcome::blocked, Outcome::cancelled, Outcome::revoked, Outcome::other_event}) {
    scan.outcome = telling;
    EXPECT_EQ(RefusalView::name_shown(scan), "") << to_string(telling);
  }
  scan.outcome = Outcome::already_checked_in;
  scan.known_person = false;
  EXPECT_EQ(RefusalView::name_shown(scan), "");
}

TEST(Views, OutOfOrderKeepsTheStaffButton) {
  Harness harness;
  OutOfOrderView view;
  const KioskState state = sample_state();
  const auto layout = ScanView::layout(ui::metrics_for(kResolutions[0]));
  EXPECT_EQ(only<intent::OpenStaff>(harness.tap(view, state, layout.staff_button.centre())).size(), 1u);
}

TEST(Views, PinPadEmitsDigitsBackspaceSubmitAndCancel) {
  Harness harness;
  StaffView view;
  for (const ImVec2 resolution : kResolutions) {
    harness.resize(resolution);
    KioskState state = sample_state();
    const auto layout = StaffView::pin_layout(ui::metrics_for(resolution));
    std::string typed;
    for (const int digit : {4, 0, 7, 1}) {
      for (const auto& pressed : only<intent::PinDigit>(harness.tap(view, state, layout.digits[digit].centre())))
        typed += pressed.digit;
    }
    EXPECT_EQ(typed, "4071");

    // Backspace and OK only mean something once a digit was typed.
    EXPECT_TRUE(harness.tap(view, state, layout.submit.centre()).empty());
    state.staff.pin_entry = "4071";
    EXPECT_EQ(only<intent::PinSubmit>(harness.tap(view, state, layout.submit.centre())).size(), 1u);
    EXPECT_EQ(only<intent::PinBackspace>(harness.tap(view, state, layout.erase.centre())).size(), 1u);
    EXPECT_EQ(only<intent::CloseStaff>(harness.tap(view, state, layout.cancel.centre())).size(), 1u);

    state.staff.locked_until_ms = state.now_ms + 30'000;
    EXPECT_TRUE(harness.tap(view, state, layout.digits[5].centre()).empty());
    EXPECT_EQ(only<intent::CloseStaff>(harness.tap(view, state, layout.cancel.centre())).size(), 1u);
  }
}

class UnlockedStaff : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = sample_state();
    state_.staff.unlocked = true;
    harness_.frame(view_, state_);
  }
  ui::Box section_button(StaffView::Section section) const {
    return StaffView::panel_layout(ui::metrics()).sections[static_cast<std::size_t>(section)];
  }
  ui::Box content() const { return StaffView::panel_layout(ui::metrics()).content; }
  // The keyboard key that types `text` (or the special key of `kind`) in the editing sections.
  ui::Box key(const std::string& text, OnscreenKeyboard::KeyKind kind = OnscreenKeyboard::KeyKind::character) const {
    const auto layout = StaffView::edit_layout(content(), ui::metrics());
    for (const auto& key : OnscreenKeyboard().layout(layout.keyboard.min, layout.keyboard.size()))
      if (key.kind == kind && (kind != OnscreenKeyboard::KeyKind::character || key.text == text))
        return {key.min, key.max};
    ADD_FAILURE() << "no key " << text;
    return {};
  }

  Harness harness_;
  StaffView view_;
  KioskState state_;
};

TEST_F(UnlockedStaff, TypingSearchesLiveAndEnterSearchesAgain) {
  EXPECT_EQ(view_.section(), StaffView::Section::search);
  auto searches = only<intent::Search>(harness_.tap(view_, state_, key("a").centre()));
  ASSERT_EQ(searches.size(), 1u);
  EXPECT_EQ(searches[0].text, "dupa");  // the view starts from state.staff.search_text
  searches = only<intent::Search>(harness_.tap(view_, state_, key("", OnscreenKeyboard::KeyKind::erase).centre()));
  ASSERT_EQ(searches.size(), 1u);
  EXPECT_EQ(searches[0].text, "dup");
  searches = only<intent::Search>(harness_.tap(view_, state_, key("", OnscreenKeyboard::KeyKind::enter).centre()));
  ASSERT_EQ(searches.size(), 1u);
  EXPECT_EQ(searches[0].text, "dup");
}

TEST_F(UnlockedStaff, CheckInButtonOfARegisteredRow) {
  // The first result (registered) sits at the top of the list on the left.
  const auto side = StaffView::edit_layout(content(), ui::metrics()).side;
  const ImVec2 button(side.max.x - side.width() * 0.1f, side.min.y + ui::metrics().touch * 0.55f);
  const auto checkins = only<intent::ManualCheckin>(harness_.tap(view_, state_, button));
  ASSERT_EQ(checkins.size(), 1u);
  EXPECT_EQ(checkins[0].participant_id, 100);
}

TEST_F(UnlockedStaff, DraggingTheListDoesNotCheckAnyoneIn) {
  const auto side = StaffView::edit_layout(content(), ui::metrics()).side;
  const ImVec2 start(side.max.x - side.width() * 0.1f, side.min.y + ui::metrics().touch * 0.55f);
  std::vector<Intent> intents = harness_.frame(view_, state_);
  for (int step = 0; step <= 6; ++step) {
    auto more = harness_.frame(view_, state_, [&](ImGuiIO& io) {
      io.MousePos = ImVec2(start.x, start.y + static_cast<float>(step) * ui::metrics().unit * 3);
      io.MouseDown[0] = step < 6;
    });
    intents.insert(intents.end(), more.begin(), more.end());
  }
  EXPECT_TRUE(only<intent::ManualCheckin>(intents).empty());
}

TEST_F(UnlockedStaff, SectionsChangeLanguageCheckpointDirectionAndOperator) {
  harness_.tap(view_, state_, section_button(StaffView::Section::language).centre());
  ASSERT_EQ(view_.section(), StaffView::Section::language);
  // Language buttons: two by two below the label; French is the top-right one.
  const auto c = content();
  const float below_label = harness_.body_size() + ui::metrics().gap;
  const ImVec2 french(c.min.x + c.width() * 0.75f, c.min.y + below_label + ui::metrics().touch * 0.6f);
  const auto languages = only<intent::SelectLanguage>(harness_.tap(view_, state_, french));
  ASSERT_EQ(languages.size(), 1u);
  EXPECT_EQ(languages[0].language, Language::fr);

  harness_.tap(view_, state_, section_button(StaffView::Section::checkpoint).centre());
  ASSERT_EQ(view_.section(), StaffView::Section::checkpoint);
  const float row = ui::metrics().touch * 0.9f;
  const ImVec2 third_checkpoint(c.min.x + c.width() * 0.2f, c.min.y + below_label + row * 2.4f);
  const auto checkpoints = only<intent::SelectCheckpoint>(harness_.tap(view_, state_, third_checkpoint));
  ASSERT_EQ(checkpoints.size(), 1u);
  EXPECT_EQ(checkpoints[0].checkpoint_id, 3);

  state_.checkpoint_id = 3;  // in/out: the direction buttons appear on the right
  const ImVec2 exit(c.max.x - c.width() * 0.05f, c.min.y + below_label + ui::metrics().touch * 0.5f);
  const auto directions = only<intent::SelectDirection>(harness_.tap(view_, state_, exit));
  ASSERT_EQ(directions.size(), 1u);
  EXPECT_EQ(directions[0].direction, Direction::exit);

  harness_.tap(view_, state_, section_button(StaffView::Section::operator_name).centre());
  ASSERT_EQ(view_.section(), StaffView::Section::operator_name);
  harness_.tap(view_, state_, key("", OnscreenKeyboard::KeyKind::clear).centre());
  harness_.tap(view_, state_, key("", OnscreenKeyboard::KeyKind::shift).centre());
  harness_.tap(view_, state_, key("b").centre());  // shifted: types "B"
  harness_.tap(view_, state_, key("o").centre());
  harness_.tap(view_, state_, key("", OnscreenKeyboard::KeyKind::space).centre());
  const auto save = StaffView::edit_layout(c, ui::metrics()).button;
  const auto operators = only<intent::SetOperator>(harness_.tap(view_, state_, save.centre()));
  ASSERT_EQ(operators.size(), 1u);
  EXPECT_EQ(operators[0].name, "Bo");

  EXPECT_EQ(only<intent::CloseStaff>(harness_.tap(view_, state_, StaffView::panel_layout(ui::metrics()).close.centre()))
                .size(),
            1u);
}

}  // namespace
}  // namespace passerelle::kiosk
