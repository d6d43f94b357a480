#include "tests/print/pdf_probe.h"

#include <ZXing/ReadBarcode.h>
#include <cairo.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>

namespace passerelle::testing {
namespace {

struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const noexcept { cairo_surface_destroy(surface); }
};

// The value after "<key>:" on a line of pdfinfo's output.
std::string pdfinfo_field(const std::filesystem::path& pdf, const std::string& key) {
  const CommandOutput info = run_command("pdfinfo " + shell_quote(pdf.string()));
  if (!info.ok) return {};
  std::istringstream lines(info.text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(key + ":", 0) == 0) return line.substr(key.size() + 1);
  }
  return {};
}

}  // namespace

int pdf_page_count(const std::filesystem::path& pdf) {
  const std::string pages = pdfinfo_field(pdf, "Pages");
  if (pages.empty()) return -1;
  return std::stoi(pages);
}

PageSize pdf_page_size(const std::filesystem::path& pdf) {
  // "Page size:      595.276 x 841.89 pts (A4)"
  std::istringstream field(pdfinfo_field(pdf, "Page size"));
  PageSize size;
  std::string by;
  field >> size.width >> by >> size.height;
  return field ? size : PageSize{};
}

std::vector<std::filesystem::path> rasterise_pdf(const std::filesystem::path& pdf, const std::filesystem::path& folder,
                                                 int dpi) {
  const std::string command = "pdftoppm -r " + std::to_string(dpi) + " -png " + shell_quote(pdf.string()) + " " +
                              shell_quote((folder / "page").string());
  if (!run_command(command).ok) return {};
  std::vector<std::filesystem::path> pages;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("page-", 0) == 0 && entry.path().extension() == ".png") pages.push_back(entry.path());
  }
  // pdftoppm pads page numbers to one width, so names sort in page order.
  std::sort(pages.begin(), pages.end());
  return pages;
}

std::string pdf_text(const std::filesystem::path& pdf) {
  return run_command("pdftotext -enc UTF-8 " + shell_quote(pdf.string()) + " -").text;
}

GreyImage load_png_as_grey(const std::filesystem::path& png) {
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(cairo_image_surface_create_from_png(png.c_str()));
  GreyImage image;
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return image;
  const cairo_format_t format = cairo_image_surface_get_format(surface.get());
  if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32) return image;
  cairo_surface_flush(surface.get());
  image.width = cairo_image_surface_get_width(surface.get());
  image.height = cairo_image_surface_get_height(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      std::uint32_t pixel = 0;
      std::memcpy(&pixel, data + static_cast<std::size_t>(y) * stride + static_cast<std::size_t>(x) * 4, 4);
      // Pages from pdftoppm are opaque, so premultiplied alpha does not change the colour.
      const std::uint32_t red = (pixel >> 16) & 0xFF;
      const std::uint32_t green = (pixel >> 8) & 0xFF;
      const std::uint32_t blue = pixel & 0xFF;
      image.pixels[static_cast<std::size_t>(y) * image.width + x] =
          static_cast<unsigned char>((299 * red + 587 * green + 114 * blue) / 1000);
    }
  }
  return image;
}

std::vector<std::string> decode_qr_codes(const GreyImage& image) {
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  // Pages rasterised from a PDF are pure black on white, which a fixed threshold binarises
  // exactly. With the default local-average binarizer ZXing 1.4 overlooks about one symbol in
  // fifty on a page of eight (each of them decodes alone): a limit of its multi-symbol search, not
  // of the badges, which a kiosk camera sees one at a time.
  hints.setBinarizer(ZXing::Binarizer::FixedThreshold);
  const ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
  std::vector<std::string> texts;
  for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
    if (result.isValid()) texts.push_back(result.text());
  }
  return texts;
}

}  // namespace passerelle::testing
