// The kiosk application: window, state, controller, workers and the main loop.
//
// The loop sleeps in SDL_WaitEventTimeout, so an idle kiosk costs little: it wakes for input, for
// work posted by a worker (RunQueue's waker pushes an SDL user event) and at the idle frame rate;
// while something moves it renders at most max_fps frames a second (Xvfb has no vsync to pace it).
// Each frame drains the RunQueue, ticks the controller, draws the current screen's view and
// applies the intents it emitted.
//
// Thread safety: run() on the main thread only. Failure: a bad configuration or database shows the
// config_error (or out_of_order) screen and keeps running; only a missing display or GL ends run()
// with a non-zero status.
#pragma once

#include <cstdint>

#include "kiosk/app/config.h"

namespace passerelle::kiosk {

// `started_ns`: CLOCK_MONOTONIC at process start, for the ready-to-scan figure (--verbose).
// Returns the process exit status: 0, or 1 when a --script failed or the display could not open.
int run_kiosk(ConfigLoad load, std::int64_t started_ns);

}  // namespace passerelle::kiosk
