#include "core/text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>

namespace passerelle {
namespace {

// Building a transliterator parses its rules (a millisecond or more), so each thread builds
// one and keeps it. nullptr if ICU's data is missing, in which case only ASCII is folded.
icu::Transliterator* thread_transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) created.reset();
    return created;
  }();
  return instance.get();
}

bool is_ascii(std::string_view text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Keeps [a-z0-9], maps A-Z down, collapses everything else into single spaces.
std::string squeeze_ascii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!keep) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string fold_for_search(std::string_view utf8) {
  // Most registry text is plain ASCII; skipping ICU for it keeps a 100,000-row import fast.
  if (is_ascii(utf8)) return squeeze_ascii(utf8);
  icu::Transliterator* transliterator = thread_transliterator();
  if (transliterator == nullptr) return squeeze_ascii(utf8);
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  transliterator->transliterate(text);
  std::string folded;
  text.toUTF8String(folded);
  return squeeze_ascii(folded);
}

std::string caseless_key(std::string_view utf8) {
  if (is_ascii(utf8)) {
    std::string lower(utf8);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return lower;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || casefold == nullptr) return {};
  const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::UnicodeString folded = casefold->normalize(text, status);
  if (U_FAILURE(status)) return {};
  std::string key;
  folded.toUTF8String(key);
  return key;
}

}  // namespace passerelle
