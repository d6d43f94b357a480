// Request bodies within bounds: what the connection (http_connection.cpp) applies after the
// headers and before a handler sees the body.
//
//  - the bytes received count against the limit as they arrive (Beast's parser, de-chunked, stops
//    at its body_limit: 413 before the rest is read);
//  - a `Content-Encoding: gzip` (or deflate) body is inflated here, incrementally, and inflating
//    stops as soon as the output passes the same limit: a 500 KB body that would inflate to
//    512 MiB costs the limit and no more;
//  - any other coding is refused (415), since a handler could not read it.
//
// Pure functions over zlib; thread-safe. Run on a worker thread: inflating 8 MiB is CPU work an
// I/O thread should not do.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::hub {

struct BodyLimits {
  std::size_t max_bytes = 8u << 20;        // received and decoded, each
  std::size_t max_enrol_bytes = 4u << 10;  // POST /v1/enrol, which has no token to check first
};

enum class ContentCoding { identity, compressed, unsupported };

// From the Content-Encoding header (absent, "identity", "gzip", "x-gzip", "deflate").
ContentCoding content_coding(std::optional<std::string_view> header);

enum class Inflated { ok, too_large, corrupt };

// Replaces `body` (gzip or zlib data) by its inflated form, or leaves it unspecified and says why:
// too_large as soon as more than `limit` bytes come out, corrupt for data zlib refuses or that
// ends early.
Inflated inflate_bounded(std::string& body, std::size_t limit);

}  // namespace passerelle::hub
