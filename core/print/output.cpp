#include "core/print/output.h"

#include <new>
#include <stdexcept>
#include <string>
#include <system_error>

#include "core/util/files.h"

namespace passerelle::print {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) noexcept {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::bad_alloc&) {
    return CAIRO_STATUS_WRITE_ERROR;
  } catch (const std::length_error&) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

Status check_output_folder(const std::filesystem::path& out) {
  const std::filesystem::path folder = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    return make_error(Errc::io, "cannot write " + out.string() + ": folder " + folder.string() + " does not exist");
  }
  return {};
}

Status write_document(const std::filesystem::path& out, std::string_view content, std::string_view what) {
  PSL_TRY(check_output_folder(out));
  // Every document here carries a credential: a badge code lets its holder in, an enrolment
  // ticket enrols a kiosk. Created for the owner only; handing one on is a deliberate act.
  if (auto written = write_file_atomically(out, content, FileAccess::owner_only); !written) {
    return make_error(written.error().code, "cannot write " + std::string(what) + ": " + written.error().message);
  }
  return {};
}

}  // namespace passerelle::print
