// The accept and reject sounds (assets/sounds/*.wav, made by tools/gen_sounds.py) on one SDL
// audio device.
//
// Ownership: owns the SDL audio subsystem reference, the device and the two WAV buffers.
// Thread safety: UI thread only (SDL mixes on its own audio thread from the queued copy).
// Failure: open() fails (Errc::io, Errc::unsupported) when a file cannot be read, the two files
// differ in format, or there is no audio device; the kiosk then runs silent, it is never fatal.
#pragma once

#include <SDL.h>

#include <filesystem>
#include <memory>

#include "core/util/result.h"

namespace passerelle::kiosk {

class Sounds {
 public:
  static Result<std::unique_ptr<Sounds>> open(const std::filesystem::path& sounds_dir);
  ~Sounds();
  Sounds(const Sounds&) = delete;
  Sounds& operator=(const Sounds&) = delete;

  // Stops whatever plays and starts the sound.
  void play_accept() { play(accept_); }
  void play_reject() { play(reject_); }

 private:
  struct Wav {
    Uint8* data = nullptr;  // SDL_LoadWAV's buffer, freed with SDL_FreeWAV
    Uint32 length = 0;
    SDL_AudioSpec spec{};
  };

  Sounds() = default;
  void play(const Wav& wav);

  bool audio_ready_ = false;
  SDL_AudioDeviceID device_ = 0;
  Wav accept_;
  Wav reject_;
};

}  // namespace passerelle::kiosk
