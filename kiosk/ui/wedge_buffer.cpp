#include "kiosk/ui/wedge_buffer.h"

#include "core/text/utf8.h"

namespace passerelle::kiosk {
namespace {

bool is_terminator(char32_t c) {
  return c == U'\r' || c == U'\n';
}

bool is_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

}  // namespace

std::optional<std::string> WedgeBuffer::feed(char32_t c, std::int64_t now_ms) {
  if (is_terminator(c)) return enter(now_ms);
  // Encoded first: a surrogate or a value above U+10FFFF, which has no UTF-8 form, is ignored
  // like a control character, before it can restart the idle gap.
  std::string typed;
  if (is_control(c) || !append_utf8(typed, c)) return std::nullopt;
  if (now_ms - last_ms_ > limits_.idle_gap_ms) {
    pending_.clear();
    overflowed_ = false;
  }
  last_ms_ = now_ms;
  if (overflowed_) return std::nullopt;
  pending_ += typed;
  if (pending_.size() > limits_.max_bytes) {
    pending_.clear();
    overflowed_ = true;
  }
  return std::nullopt;
}

std::optional<std::string> WedgeBuffer::enter(std::int64_t now_ms) {
  const bool stale = now_ms - last_ms_ > limits_.idle_gap_ms;
  const bool dropped = overflowed_;
  overflowed_ = false;
  if (pending_.empty() || stale || dropped) {
    pending_.clear();
    return std::nullopt;
  }
  std::string code = std::move(pending_);
  pending_.clear();
  return code;
}

void WedgeBuffer::clear() {
  pending_.clear();
  overflowed_ = false;
}

std::vector<std::string> WedgeBuffer::take_from_imgui(const ImGuiIO& io, std::int64_t now_ms) {
  std::vector<std::string> codes;
  for (const ImWchar c : io.InputQueueCharacters)
    if (auto code = feed(static_cast<char32_t>(c), now_ms)) codes.push_back(std::move(*code));
  const int enter_keys[] = {ImGui::GetKeyIndex(ImGuiKey_Enter), ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)};
  for (const int key : enter_keys) {
    if (key >= 0 && ImGui::IsKeyPressed(key, false)) {
      if (auto code = enter(now_ms)) codes.push_back(std::move(*code));
    }
  }
  return codes;
}

}  // namespace passerelle::kiosk
