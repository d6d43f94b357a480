// Looking at rendered badges from the outside, as a printer and a scanner would: poppler-utils
// (pdfinfo, pdftoppm, pdftotext) turn a PDF into pages of pixels and text, ZXing reads the QR
// codes back. Test-only.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace passerelle::testing {

// Number of pages pdfinfo reports, -1 when it cannot read the file.
int pdf_page_count(const std::filesystem::path& pdf);

// Page size in points as pdfinfo reports it for the first page, {0, 0} when unreadable.
struct PageSize {
  double width = 0;
  double height = 0;
};
PageSize pdf_page_size(const std::filesystem::path& pdf);

// Every page as a PNG at `dpi` in `folder`, in page order.
std::vector<std::filesystem::path> rasterise_pdf(const std::filesystem::path& pdf, const std::filesystem::path& folder,
                                                 int dpi);

// The text pdftotext extracts (UTF-8).
std::string pdf_text(const std::filesystem::path& pdf);

// An 8-bit luminance image.
struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;  // row-major, no padding
  unsigned char at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};
// Loads a PNG through cairo; an empty image when it cannot.
GreyImage load_png_as_grey(const std::filesystem::path& png);

// The texts of all QR codes ZXing finds in a clean image (a rasterised page, not a camera frame).
std::vector<std::string> decode_qr_codes(const GreyImage& image);

}  // namespace passerelle::testing
