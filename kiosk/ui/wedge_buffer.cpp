#include "kiosk/ui/wedge_buffer.h"

namespace passerelle::kiosk {
namespace {

void append_utf8(std::string& out, char32_t c) {
  const auto byte = [](char32_t value) { return static_cast<char>(static_cast<unsigned char>(value)); };
  if (c < 0x80) {
    out += byte(c);
  } else if (c < 0x800) {
    out += byte(0xC0 | (c >> 6));
    out += byte(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += byte(0xE0 | (c >> 12));
    out += byte(0x80 | ((c >> 6) & 0x3F));
    out += byte(0x80 | (c & 0x3F));
  } else {
    out += byte(0xF0 | (c >> 18));
    out += byte(0x80 | ((c >> 12) & 0x3F));
    out += byte(0x80 | ((c >> 6) & 0x3F));
    out += byte(0x80 | (c & 0x3F));
  }
}

bool is_terminator(char32_t c) {
  return c == U'\r' || c == U'\n';
}

bool is_typeable(char32_t c) {
  const bool control = c < 0x20 || (c >= 0x7F && c < 0xA0);
  const bool surrogate = c >= 0xD800 && c <= 0xDFFF;
  return !control && !surrogate && c <= 0x10FFFF;
}

}  // namespace

std::optional<std::string> WedgeBuffer::feed(char32_t c, std::int64_t now_ms) {
  if (is_terminator(c)) return enter(now_ms);
  if (!is_typeable(c)) return std::nullopt;
  if (now_ms - last_ms_ > limits_.idle_gap_ms) {
    pending_.clear();
    overflowed_ = false;
  }
  last_ms_ = now_ms;
  if (overflowed_) return std::nullopt;
  append_utf8(pending_, c);
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
