#include "sync/hub/server/body_reader.h"

#include <zlib.h>

#include <algorithm>
#include <array>

#include "core/util/strings.h"

namespace passerelle::hub {
namespace {

// RAII over a z_stream set up for inflating.
class Inflater {
 public:
  Inflater() {
    // 15 + 32: the largest window, and zlib detects a gzip or a zlib header by itself.
    ok_ = inflateInit2(&stream_, 15 + 32) == Z_OK;
  }
  ~Inflater() {
    if (ok_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  bool ok() const { return ok_; }
  z_stream& stream() { return stream_; }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

}  // namespace

ContentCoding content_coding(std::optional<std::string_view> header) {
  if (!header) return ContentCoding::identity;
  std::string_view value = *header;
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty() || equals_ignoring_ascii_case(value, "identity")) return ContentCoding::identity;
  if (equals_ignoring_ascii_case(value, "gzip") || equals_ignoring_ascii_case(value, "x-gzip") ||
      equals_ignoring_ascii_case(value, "deflate"))
    return ContentCoding::compressed;
  return ContentCoding::unsupported;
}

Inflated inflate_bounded(std::string& body, std::size_t limit) {
  Inflater inflater;
  if (!inflater.ok()) return Inflated::corrupt;
  auto& stream = inflater.stream();
  stream.next_in = reinterpret_cast<Bytef*>(body.data());
  stream.avail_in = static_cast<uInt>(body.size());  // body.size() is within the 8 MiB receive limit
  std::string out;
  std::array<char, 64 * 1024> window{};
  for (;;) {
    stream.next_out = reinterpret_cast<Bytef*>(window.data());
    stream.avail_out = static_cast<uInt>(window.size());
    const int result = inflate(&stream, Z_NO_FLUSH);
    if (result != Z_OK && result != Z_STREAM_END) return Inflated::corrupt;
    const std::size_t produced = window.size() - stream.avail_out;
    if (out.size() + produced > limit) return Inflated::too_large;
    out.append(window.data(), produced);
    if (result == Z_STREAM_END) break;
    // No progress with input left or none at all: truncated data.
    if (produced == 0 && stream.avail_in == 0) return Inflated::corrupt;
  }
  body = std::move(out);
  return Inflated::ok;
}

}  // namespace passerelle::hub
