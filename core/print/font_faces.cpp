#include "core/print/font_faces.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <memory>
#include <mutex>
#include <string>

namespace passerelle::print {
namespace {

// FreeType lets faces of one library be used from several threads only if FT_New_Face and
// FT_Done_Face are serialised. cairo releases a face from whichever thread drops the last
// reference (its font caches are process-wide), so one lock covers every load and release.
// Recursive: releasing a half-loaded set inside load() runs release_keeper() under the lock.
std::recursive_mutex& freetype_mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

struct LibraryDone {
  void operator()(FT_LibraryRec_* library) const noexcept { FT_Done_FreeType(library); }
};
struct FaceDone {
  void operator()(FT_FaceRec_* face) const noexcept { FT_Done_Face(face); }
};

using SharedLibrary = std::shared_ptr<FT_LibraryRec_>;
using FacePtr = std::unique_ptr<FT_FaceRec_, FaceDone>;

// What a cairo face keeps alive. Members are destroyed in reverse order: the face before the
// library it belongs to.
struct FaceKeeper {
  SharedLibrary library;
  FacePtr face;
};

const cairo_user_data_key_t kKeeperKey{};

void release_keeper(void* keeper) {
  std::lock_guard lock(freetype_mutex());
  delete static_cast<FaceKeeper*>(keeper);
}

Result<CairoFontFace> load_face(const SharedLibrary& library, const std::filesystem::path& file) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(file, ignored)) {
    return make_error(Errc::not_found, "font file not found: " + file.string());
  }
  FT_Face raw_face = nullptr;
  if (const FT_Error status = FT_New_Face(library.get(), file.c_str(), 0, &raw_face); status != 0) {
    return make_error(Errc::invalid_input, "FreeType cannot read font " + file.string() + " (FreeType error " +
                                               std::to_string(status) + ")");
  }
  auto keeper = std::make_unique<FaceKeeper>(FaceKeeper{library, FacePtr(raw_face)});
  if (FT_Select_Charmap(raw_face, FT_ENCODING_UNICODE) != 0) {
    return make_error(Errc::invalid_input, "font has no Unicode character map: " + file.string());
  }
  // Unhinted, so that text widths scale linearly with the size and the fitting converges.
  CairoFontFace face(cairo_ft_font_face_create_for_ft_face(raw_face, FT_LOAD_NO_HINTING));
  PSL_TRY(cairo_status_to_result(cairo_font_face_status(face.get()), "cairo cannot use font " + file.string()));
  const cairo_status_t attached = cairo_font_face_set_user_data(face.get(), &kKeeperKey, keeper.get(), release_keeper);
  // On failure `face` goes first (declared last), then `keeper` frees the FT_Face it no longer uses.
  PSL_TRY(cairo_status_to_result(attached, "cairo cannot hold font " + file.string()));
  keeper.release();  // now owned by the cairo face, freed in release_keeper()
  return face;
}

}  // namespace

Result<BadgeFonts> BadgeFonts::load(const std::filesystem::path& fonts_dir) {
  std::lock_guard lock(freetype_mutex());
  FT_Library raw_library = nullptr;
  if (const FT_Error status = FT_Init_FreeType(&raw_library); status != 0) {
    return make_error(Errc::io, "cannot start FreeType (FreeType error " + std::to_string(status) + ")");
  }
  const SharedLibrary library(raw_library, LibraryDone{});
  PSL_ASSIGN_OR_RETURN(auto regular, load_face(library, fonts_dir / kRegularFontFile));
  PSL_ASSIGN_OR_RETURN(auto bold, load_face(library, fonts_dir / kBoldFontFile));
  return BadgeFonts(std::move(regular), std::move(bold));
}

}  // namespace passerelle::print
