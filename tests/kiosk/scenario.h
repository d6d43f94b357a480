// Scenario templates for the kiosk UI tests (tests/data/kiosk/scenarios/*.script), expanded for one
// window size into the plain script passerelle-kiosk --script runs (kiosk/app/script.h).
//
// A template may hold, besides script lines:
//   {NAME}           a value of the fixture, e.g. {code:revoked}, {manual_search}, {pin}, {lang}
//   @click TARGET    a click on the centre of a named control: staff_button (scan screen);
//                    first_bundle (first-boot screen: the first bundle offered);
//                    walk_in_button (meeting screen); walk_in_cancel (walk-in screen, waiting);
//                    pin_ok, pin_cancel (PIN pad); staff_close, section_search, section_checkpoint,
//                    section_operator, section_language, section_device, section_date,
//                    section_checks, checkpoint_N (the Nth of the checkpoint section's list),
//                    editor_button, first_result, language_en|fr|de|nl, confirm_date,
//                    rehearsal_toggle, rehearsal_clear (unlocked staff screen)
//   @pin DIGITS      the digits on the PIN pad, then OK
//   @type TEXT       lower-case letters, digits and spaces on the staff screen's on-screen keyboard
// Positions come from the views' own public layout functions (kiosk/ui), so a template serves every
// window size; first_result and the language buttons follow staff_sections.cpp's geometry, which
// has no public layout function yet.
// Thread safety: pure. Failure: an unknown placeholder, target or character is Errc::invalid_input.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::testing {

Result<std::string> expand_scenario(std::string_view text, int width, int height,
                                    const std::map<std::string, std::string>& values);

}  // namespace passerelle::testing
