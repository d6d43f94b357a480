#include "kiosk/scan/image_files.h"

#include <cairo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

namespace passerelle::scan {
namespace {

constexpr int kLargestImageSide = 16384;

struct SurfaceRelease {
  void operator()(cairo_surface_t* surface) const noexcept { cairo_surface_destroy(surface); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceRelease>;

std::uint8_t luminance(std::uint32_t pixel) {
  const std::uint32_t red = (pixel >> 16) & 0xff;
  const std::uint32_t green = (pixel >> 8) & 0xff;
  const std::uint32_t blue = pixel & 0xff;
  return static_cast<std::uint8_t>((306 * red + 601 * green + 117 * blue + 0x200) >> 10);
}

std::string lower_extension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

// Reads the PGM header and plain-format samples: decimal numbers between whitespace and comments.
class PgmReader {
 public:
  explicit PgmReader(std::string_view bytes) : bytes_(bytes) {}

  std::optional<int> number(int largest) {
    skip_space_and_comments();
    std::int64_t value = 0;
    const std::size_t begin = at_;
    while (at_ < bytes_.size() && std::isdigit(static_cast<unsigned char>(bytes_[at_]))) {
      value = value * 10 + (bytes_[at_++] - '0');
      if (value > largest) return std::nullopt;
    }
    if (at_ == begin) return std::nullopt;
    return static_cast<int>(value);
  }

  // The binary raster starts after exactly one whitespace byte following maxval.
  bool skip_one_space() {
    if (at_ >= bytes_.size() || !std::isspace(static_cast<unsigned char>(bytes_[at_]))) return false;
    ++at_;
    return true;
  }

  std::string_view rest() const { return bytes_.substr(at_); }

 private:
  void skip_space_and_comments() {
    while (at_ < bytes_.size()) {
      if (bytes_[at_] == '#') {
        while (at_ < bytes_.size() && bytes_[at_] != '\n' && bytes_[at_] != '\r') ++at_;
      } else if (std::isspace(static_cast<unsigned char>(bytes_[at_]))) {
        ++at_;
      } else {
        return;
      }
    }
  }

  std::string_view bytes_;
  std::size_t at_ = 2;  // after the magic number
};

std::uint8_t scale_sample(int value, int maxval) {
  return static_cast<std::uint8_t>((value * 255 + maxval / 2) / maxval);
}

}  // namespace

Result<LumaFrame> read_png_luma(const std::filesystem::path& path) {
  Surface surface(cairo_image_surface_create_from_png(path.c_str()));
  const cairo_status_t status = cairo_surface_status(surface.get());
  if (status == CAIRO_STATUS_FILE_NOT_FOUND || status == CAIRO_STATUS_READ_ERROR) {
    return make_error(Errc::io, "cannot read " + path.string() + ": " + cairo_status_to_string(status));
  }
  if (status != CAIRO_STATUS_SUCCESS) {
    return make_error(Errc::invalid_input, "cannot decode " + path.string() + ": " + cairo_status_to_string(status));
  }
  cairo_surface_flush(surface.get());
  const int width = cairo_image_surface_get_width(surface.get());
  const int height = cairo_image_surface_get_height(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  const cairo_format_t format = cairo_image_surface_get_format(surface.get());
  const unsigned char* pixels = cairo_image_surface_get_data(surface.get());
  if (width <= 0 || height <= 0 || pixels == nullptr) {
    return make_error(Errc::invalid_input, path.string() + " holds an empty image");
  }
  if (format != CAIRO_FORMAT_A8 && format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32) {
    return make_error(Errc::invalid_input, path.string() + " has a pixel format this reader does not handle");
  }
  LumaFrame frame(width, height);
  for (int y = 0; y < height; ++y) {
    const unsigned char* row = pixels + static_cast<std::ptrdiff_t>(y) * stride;
    std::uint8_t* out = frame.data() + static_cast<std::ptrdiff_t>(y) * width;
    if (format == CAIRO_FORMAT_A8) {
      std::memcpy(out, row, static_cast<std::size_t>(width));
      continue;
    }
    for (int x = 0; x < width; ++x) {
      std::uint32_t pixel = 0;  // native-endian 0xAARRGGBB
      std::memcpy(&pixel, row + 4 * x, sizeof pixel);
      out[x] = luminance(pixel);
    }
  }
  return frame;
}

Result<LumaFrame> parse_pgm(std::string_view bytes, const std::string& name) {
  const auto malformed = [&](const std::string& why) {
    return make_error(Errc::invalid_input, name + " is not a PGM image this reader handles: " + why);
  };
  if (bytes.size() < 2 || bytes[0] != 'P' || (bytes[1] != '5' && bytes[1] != '2')) {
    return malformed("it does not start with P5 or P2");
  }
  const bool plain = bytes[1] == '2';
  PgmReader reader(bytes);
  const std::optional<int> width = reader.number(kLargestImageSide);
  const std::optional<int> height = reader.number(kLargestImageSide);
  const std::optional<int> maxval = reader.number(65535);
  if (!width || !height || *width == 0 || *height == 0) return malformed("bad width or height");
  if (!maxval || *maxval == 0) return malformed("bad maximum value");
  LumaFrame frame(*width, *height);
  const std::size_t samples = static_cast<std::size_t>(*width) * static_cast<std::size_t>(*height);
  std::uint8_t* out = frame.data();
  if (plain) {
    for (std::size_t i = 0; i < samples; ++i) {
      const std::optional<int> value = reader.number(*maxval);
      if (!value) return malformed("a sample is missing or above the maximum value");
      out[i] = scale_sample(*value, *maxval);
    }
    return frame;
  }
  if (!reader.skip_one_space()) return malformed("no whitespace after the header");
  const std::string_view raster = reader.rest();
  const std::size_t bytes_per_sample = *maxval > 255 ? 2 : 1;
  if (raster.size() < samples * bytes_per_sample) return malformed("the raster is truncated");
  const auto* in = reinterpret_cast<const unsigned char*>(raster.data());
  for (std::size_t i = 0; i < samples; ++i) {
    // Two-byte samples are big-endian (netpbm).
    const int value = bytes_per_sample == 2 ? (in[2 * i] << 8) | in[2 * i + 1] : in[i];
    if (value > *maxval) return malformed("a sample is above the maximum value");
    out[i] = scale_sample(value, *maxval);
  }
  return frame;
}

Result<LumaFrame> read_pgm(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot open " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return make_error(Errc::io, "cannot read " + path.string());
  return parse_pgm(bytes.str(), path.string());
}

bool is_image_file(const std::filesystem::path& path) {
  const std::string extension = lower_extension(path);
  return extension == ".png" || extension == ".pgm";
}

Result<LumaFrame> read_image(const std::filesystem::path& path) {
  const std::string extension = lower_extension(path);
  if (extension == ".png") return read_png_luma(path);
  if (extension == ".pgm") return read_pgm(path);
  return make_error(Errc::invalid_input, path.string() + " is neither a PNG nor a PGM image");
}

}  // namespace passerelle::scan
