// StaffView: behind the PIN. Locked, a PIN pad with big keys, dots for the digits typed and the
// lockout countdown. Unlocked, seven sections: search (on-screen keyboard, results with a "check
// in" button each), checkpoint (and entry/exit at in/out checkpoints), operator name, staff
// screen language, device information, the date (confirming the clock's date, rehearsal mode)
// and the checks before the doors open (kiosk/model/readiness.h, whose worst level marks the
// section's button); and a close button.
//
// The PIN itself never reaches the view: it emits PinDigit / PinBackspace / PinSubmit and draws
// state.staff. Search is live: every edit emits intent::Search with the whole text.
// The layouts are public pure functions of the display so that tests can aim clicks at keys.
// Thread safety: UI thread only.
#pragma once

#include <array>
#include <string>

#include "kiosk/ui/onscreen_keyboard.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/view.h"

namespace passerelle::kiosk {

class StaffView : public View {
 public:
  enum class Section { search, checkpoint, operator_name, language, device, date, checks };
  static constexpr std::size_t kSectionCount = 7;

  void draw(UiContext& context) override;
  Section section() const { return section_; }
  // Normally chosen by the section buttons; for the app shell's scripted demos and for tests.
  void set_section(Section section) { section_ = section; }

  struct PinLayout {
    std::array<ui::Box, 10> digits;  // digits[d] is the key of digit d
    ui::Box erase;
    ui::Box submit;
    ui::Box cancel;
    float title_y = 0;
    float dots_y = 0;
    float message_y = 0;
  };
  static PinLayout pin_layout(const ui::Metrics& metrics);

  struct PanelLayout {
    ui::Box header;
    ui::Box close;
    std::array<ui::Box, kSectionCount> sections;
    ui::Box content;
  };
  static PanelLayout panel_layout(const ui::Metrics& metrics);

  // The search and operator sections: a list or notes on the left, the text field, its button
  // and the keyboard on the right.
  struct EditLayout {
    ui::Box side;
    ui::Box field;
    ui::Box button;
    ui::Box keyboard;
  };
  static EditLayout edit_layout(const ui::Box& content, const ui::Metrics& metrics);

  // The date section (staff_date.cpp): the door's day on the left with the button confirming the
  // clock's date, rehearsal mode on the right with its two buttons.
  struct DateLayout {
    ui::Box facts;
    ui::Box confirm;
    ui::Box rehearsal_text;
    ui::Box rehearsal;  // start or end
    ui::Box clear;
  };
  static DateLayout date_layout(const ui::Box& content, const ui::Metrics& metrics);

 private:
  void draw_pin(UiContext& context);
  void draw_unlocked(UiContext& context);
  void draw_search(UiContext& context, const ui::Box& content);
  void draw_results(UiContext& context, const ui::Box& box);
  void draw_checkpoints(UiContext& context, const ui::Box& content);
  void draw_operator(UiContext& context, const ui::Box& content);
  void draw_language(UiContext& context, const ui::Box& content);
  void draw_device(UiContext& context, const ui::Box& content);
  void draw_date(UiContext& context, const ui::Box& content);
  void draw_checks(UiContext& context, const ui::Box& content);  // staff_checks.cpp
  // The text field with its button and the keyboard; returns the keyboard's action, or
  // `submitted` when the button was pressed.
  OnscreenKeyboard::Action draw_editor(UiContext& context, const EditLayout& layout, std::string& text,
                                       std::string_view placeholder, std::string_view button_label);

  Section section_ = Section::search;
  OnscreenKeyboard keyboard_;
  std::string search_text_;
  std::string operator_text_;
  bool was_unlocked_ = false;
};

}  // namespace passerelle::kiosk
