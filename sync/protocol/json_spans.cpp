#include "sync/protocol/json_spans.h"

#include <nlohmann/json.hpp>

namespace passerelle::sync::detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void skip_space() {
    while (at_ < text_.size() && is_space(text_[at_])) ++at_;
  }
  bool take(char c) {
    skip_space();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  char peek() {
    skip_space();
    return at_ < text_.size() ? text_[at_] : '\0';
  }
  // The span of the value starting here, whitespace excluded. Iterative: depth costs no stack.
  std::string_view value() {
    skip_space();
    const std::size_t begin = at_;
    int depth = 0;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '"') {
        skip_string();
        if (depth == 0) break;
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) break;  // the end of the enclosing container: a scalar just ended
        if (--depth == 0) {
          ++at_;
          break;
        }
      } else if (depth == 0 && (c == ',' || is_space(c))) {
        break;
      }
      ++at_;
    }
    return text_.substr(begin, at_ - begin);
  }
  // A string token, quotes included.
  std::string_view string() {
    skip_space();
    const std::size_t begin = at_;
    skip_string();
    return text_.substr(begin, at_ - begin);
  }

 private:
  void skip_string() {
    ++at_;  // the opening quote
    while (at_ < text_.size() && text_[at_] != '"') at_ += text_[at_] == '\\' ? 2 : 1;
    at_ = std::min(at_ + 1, text_.size());
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

// A key as the parsed tree spells it: escapes such as "entri\u0065s" decoded.
bool key_is(std::string_view token, std::string_view key) {
  if (token.find('\\') == std::string_view::npos)
    return token.size() == key.size() + 2 && token.substr(1, key.size()) == key;
  const auto decoded = nlohmann::json::parse(token, nullptr, false);
  return decoded.is_string() && decoded.get_ref<const std::string&>() == key;
}

}  // namespace

std::optional<std::vector<std::string_view>> member_array_elements(std::string_view json, std::string_view key) {
  Scanner scan(json);
  if (!scan.take('{')) return std::nullopt;
  std::optional<std::vector<std::string_view>> found;
  if (scan.take('}')) return found;
  do {
    const auto name = scan.string();
    if (!scan.take(':')) return std::nullopt;
    if (key_is(name, key)) {
      if (!scan.take('[')) {
        scan.value();
        found.reset();  // the last member wins, and this one is no array
        continue;
      }
      std::vector<std::string_view> elements;
      if (!scan.take(']')) {
        do {
          elements.push_back(scan.value());
        } while (scan.take(','));
        if (!scan.take(']')) return std::nullopt;
      }
      found = std::move(elements);
    } else {
      scan.value();
    }
  } while (scan.take(','));
  return found;
}

}  // namespace passerelle::sync::detail
