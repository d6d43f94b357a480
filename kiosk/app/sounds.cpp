#include "kiosk/app/sounds.h"

#include <string>

namespace passerelle::kiosk {
namespace {

Status load(const std::filesystem::path& path, Uint8*& data, Uint32& length, SDL_AudioSpec& spec) {
  if (SDL_LoadWAV(path.string().c_str(), &spec, &data, &length) == nullptr)
    return make_error(Errc::io, "cannot read " + path.string() + ": " + SDL_GetError());
  return {};
}

}  // namespace

Result<std::unique_ptr<Sounds>> Sounds::open(const std::filesystem::path& sounds_dir) {
  std::unique_ptr<Sounds> sounds(new Sounds());
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
    return make_error(Errc::unsupported, std::string("no audio: ") + SDL_GetError());
  sounds->audio_ready_ = true;
  PSL_TRY(load(sounds_dir / "accept.wav", sounds->accept_.data, sounds->accept_.length, sounds->accept_.spec));
  PSL_TRY(load(sounds_dir / "reject.wav", sounds->reject_.data, sounds->reject_.length, sounds->reject_.spec));
  const auto& a = sounds->accept_.spec;
  const auto& r = sounds->reject_.spec;
  // One device plays both, so they must share a format (tools/gen_sounds.py writes them alike).
  if (a.freq != r.freq || a.format != r.format || a.channels != r.channels)
    return make_error(Errc::invalid_input, "accept.wav and reject.wav differ in format");

  SDL_AudioSpec wanted = a;
  wanted.callback = nullptr;  // queued audio: SDL_QueueAudio feeds the device
  wanted.samples = 1024;
  sounds->device_ = SDL_OpenAudioDevice(nullptr, 0, &wanted, nullptr, 0);
  if (sounds->device_ == 0) return make_error(Errc::unsupported, std::string("no audio device: ") + SDL_GetError());
  return sounds;
}

Sounds::~Sounds() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
  if (accept_.data != nullptr) SDL_FreeWAV(accept_.data);
  if (reject_.data != nullptr) SDL_FreeWAV(reject_.data);
  if (audio_ready_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void Sounds::play(const Wav& wav) {
  if (device_ == 0 || wav.data == nullptr) return;
  SDL_ClearQueuedAudio(device_);
  if (SDL_QueueAudio(device_, wav.data, wav.length) == 0) SDL_PauseAudioDevice(device_, 0);
}

}  // namespace passerelle::kiosk
