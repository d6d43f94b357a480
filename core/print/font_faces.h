// The two faces a badge uses (DejaVu Sans regular and bold), loaded with FreeType from a fonts
// folder and wrapped as cairo font faces. Internal to core/print.
//
// Ownership: each cairo face owns its FT_Face, and each FT_Face shares ownership of the FT_Library
// it came from; both are released when cairo drops its last reference to the face, which can be
// after this object is gone (cairo caches fonts). So a BadgeFonts may be destroyed while a surface
// it drew on still exists.
// Thread safety: one BadgeFonts per thread. Loading and releasing FreeType faces is serialised
// inside, so several threads may each load their own BadgeFonts at once.
// Fails with Errc::not_found when a font file is missing, Errc::invalid_input when FreeType
// cannot read it, Errc::io when FreeType or cairo cannot start.
#pragma once

#include <filesystem>

#include "core/print/cairo_handles.h"
#include "core/util/result.h"

namespace passerelle::print {

inline constexpr const char* kRegularFontFile = "DejaVuSans.ttf";
inline constexpr const char* kBoldFontFile = "DejaVuSans-Bold.ttf";

class BadgeFonts {
 public:
  static Result<BadgeFonts> load(const std::filesystem::path& fonts_dir);

  cairo_font_face_t* regular() const { return regular_.get(); }
  cairo_font_face_t* bold() const { return bold_.get(); }

 private:
  BadgeFonts(CairoFontFace regular, CairoFontFace bold) : regular_(std::move(regular)), bold_(std::move(bold)) {}

  CairoFontFace regular_;
  CairoFontFace bold_;
};

}  // namespace passerelle::print
