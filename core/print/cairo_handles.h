// Owning handles for cairo objects, so that every early return releases what it made.
// Internal to core/print.
//
// Each handle holds one cairo reference and drops it on destruction; cairo objects are
// reference-counted, so cairo may keep an object alive after its handle is gone (fonts in its caches).
// Thread safety: a handle is used by one thread at a time, like the object it holds.
#pragma once

#include <cairo.h>

#include <memory>
#include <string>

#include "core/util/result.h"

namespace passerelle::print {

struct CairoDestroy {
  void operator()(cairo_t* cr) const noexcept { cairo_destroy(cr); }
  void operator()(cairo_surface_t* surface) const noexcept { cairo_surface_destroy(surface); }
  void operator()(cairo_font_face_t* face) const noexcept { cairo_font_face_destroy(face); }
  void operator()(cairo_font_options_t* options) const noexcept { cairo_font_options_destroy(options); }
};

using CairoContext = std::unique_ptr<cairo_t, CairoDestroy>;
using CairoSurface = std::unique_ptr<cairo_surface_t, CairoDestroy>;
using CairoFontFace = std::unique_ptr<cairo_font_face_t, CairoDestroy>;
using CairoFontOptions = std::unique_ptr<cairo_font_options_t, CairoDestroy>;

// A Status for a cairo status code; `what` says which step failed.
inline Status cairo_status_to_result(cairo_status_t status, const std::string& what) {
  if (status == CAIRO_STATUS_SUCCESS) return {};
  // Bad text or sizes come from the badge data; anything else is the machine (memory, disk).
  const bool input_fault = status == CAIRO_STATUS_INVALID_STRING || status == CAIRO_STATUS_INVALID_SIZE;
  const Errc code = input_fault ? Errc::invalid_input : Errc::io;
  return make_error(code, what + ": " + cairo_status_to_string(status));
}

}  // namespace passerelle::print
