#include "core/print/text_fit.h"

#include <algorithm>
#include <cassert>
#include <limits>

#include "core/text/utf8.h"

namespace passerelle::print {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026, in DejaVu Sans
// A single line at this share of the largest size or more reads better than two lines.
constexpr double kPreferOneLineShare = 0.8;
// Each shrinking step takes at least this much off, so that the loop ends even if rounding
// keeps a proportional step from fitting.
constexpr double kMinShrinkStep = 0.99;
// Text with more words than this is set on one line: trying every break would take too long.
constexpr std::size_t kMaxWordsToBreak = 24;

// Combining diacritical marks (U+0300 to U+036F) belong to the letter before them: names typed
// on a Mac arrive decomposed, and "Jose" + "…" must not lose the accent of "José".
bool is_combining_mark(char32_t code_point) {
  return code_point >= 0x300 && code_point <= 0x36F;
}

// Byte offsets, in increasing order, where text may be cut before an ellipsis.
std::vector<std::size_t> cut_points(std::string_view text) {
  std::vector<std::size_t> cuts;
  for (std::size_t i = decode_utf8(text).length; i < text.size();) {
    const Utf8Char c = decode_utf8(text, i);
    if (!is_combining_mark(c.code_point)) cuts.push_back(i);
    i += c.length;
  }
  return cuts;
}

std::string cut_with_ellipsis(std::string_view text, std::size_t cut) {
  std::string_view kept = text.substr(0, cut);
  // "Jean-" or "Müller, " before the ellipsis looks like a typing error.
  while (!kept.empty() && (kept.back() == ' ' || kept.back() == '-' || kept.back() == ',')) kept.remove_suffix(1);
  return std::string(kept) + std::string(kEllipsis);
}

FittedLine ellipsise(cairo_t* cr, const std::string& whole, double size, double max_width) {
  FittedLine best{std::string(kEllipsis), size, 0, true};
  best.width = text_width(cr, best.text);
  // Widths grow with the prefix length, so a binary search finds the longest prefix that fits.
  const std::vector<std::size_t> cuts = cut_points(whole);
  std::size_t low = 0;
  std::size_t high = cuts.size();
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    std::string candidate = cut_with_ellipsis(whole, cuts[middle]);
    const double width = text_width(cr, candidate);
    if (width <= max_width) {
      best.text = std::move(candidate);
      best.width = width;
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return best;
}

// Words separated by spaces, without empty ones.
std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t space = std::min(text.find(' ', start), text.size());
    if (space > start) words.emplace_back(text.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

std::string join_words(const std::vector<std::string>& words, std::size_t begin, std::size_t end) {
  std::string line;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin) line += ' ';
    line += words[i];
  }
  return line;
}

// Prefix sums of word widths, so that a line's width is a subtraction. Close enough to choose
// breaks by; each line is measured whole afterwards.
struct WordWidths {
  std::vector<double> prefix;  // prefix[i]: width of words [0, i) including one space after each
  double space = 0;
  double line(std::size_t begin, std::size_t end) const { return prefix[end] - prefix[begin] - space; }
  std::size_t count() const { return prefix.size() - 1; }
};

WordWidths measure_words(cairo_t* cr, const std::vector<std::string>& words) {
  WordWidths widths;
  widths.space = text_width(cr, " ");
  widths.prefix.push_back(0);
  for (const std::string& word : words)
    widths.prefix.push_back(widths.prefix.back() + text_width(cr, word) + widths.space);
  return widths;
}

// Tries every way to put words [begin, end) on `lines_left` lines; keeps in `best_breaks` the end
// of each line for the way whose widest line is narrowest.
void choose_breaks(const WordWidths& widths, std::size_t begin, int lines_left, double widest_so_far,
                   std::vector<std::size_t>& breaks, double& narrowest, std::vector<std::size_t>& best_breaks) {
  const std::size_t words = widths.count();
  if (lines_left == 1) {
    const double widest = std::max(widest_so_far, widths.line(begin, words));
    if (widest < narrowest) {
      narrowest = widest;
      best_breaks = breaks;
      best_breaks.push_back(words);
    }
    return;
  }
  for (std::size_t end = begin + 1; end + static_cast<std::size_t>(lines_left - 1) <= words; ++end) {
    const double widest = std::max(widest_so_far, widths.line(begin, end));
    if (widest >= narrowest) break;  // longer first lines only get wider
    breaks.push_back(end);
    choose_breaks(widths, end, lines_left - 1, widest, breaks, narrowest, best_breaks);
    breaks.pop_back();
  }
}

}  // namespace

double text_width(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return std::max(extents.x_advance, extents.x_bearing + extents.width);
}

FittedLine fit_line(cairo_t* cr, cairo_font_face_t* face, std::string_view text, double max_width, FitLimits limits) {
  assert(limits.min_size > 0 && limits.min_size <= limits.max_size);
  cairo_set_font_face(cr, face);
  const std::string whole(text);
  double size = limits.max_size;
  cairo_set_font_size(cr, size);
  double width = text_width(cr, whole);
  // Unhinted widths grow linearly with the size, so the proportional step usually fits at once.
  while (width > max_width && size > limits.min_size) {
    size = std::max(limits.min_size, std::min(size * max_width / width, size * kMinShrinkStep));
    cairo_set_font_size(cr, size);
    width = text_width(cr, whole);
  }
  if (width <= max_width) return FittedLine{whole, size, width, false};
  return ellipsise(cr, whole, size, max_width);
}

std::vector<FittedLine> fit_lines(cairo_t* cr, cairo_font_face_t* face, std::string_view text, double max_width,
                                  FitLimits limits, int max_lines) {
  FittedLine single = fit_line(cr, face, text, max_width, limits);
  if (max_lines <= 1 || (!single.ellipsised && single.size >= limits.max_size * kPreferOneLineShare)) {
    return {std::move(single)};
  }
  const std::vector<std::string> words = split_words(text);
  if (words.size() < 2 || words.size() > kMaxWordsToBreak) return {std::move(single)};

  cairo_set_font_face(cr, face);
  cairo_set_font_size(cr, limits.max_size);
  const WordWidths widths = measure_words(cr, words);
  std::vector<FittedLine> best{std::move(single)};
  const int most_lines = std::min(max_lines, static_cast<int>(words.size()));
  for (int line_count = 2; line_count <= most_lines; ++line_count) {
    std::vector<std::size_t> breaks;
    std::vector<std::size_t> best_breaks;
    double narrowest = std::numeric_limits<double>::infinity();
    choose_breaks(widths, 0, line_count, 0, breaks, narrowest, best_breaks);

    std::vector<std::string> texts;
    std::size_t start = 0;
    for (std::size_t end : best_breaks) {
      texts.push_back(join_words(words, start, end));
      start = end;
    }
    double common_size = limits.max_size;
    for (const std::string& line : texts)
      common_size = std::min(common_size, fit_line(cr, face, line, max_width, limits).size);
    std::vector<FittedLine> candidate;
    bool ellipsised = false;
    for (const std::string& line : texts) {
      candidate.push_back(fit_line(cr, face, line, max_width, {common_size, std::min(common_size, limits.min_size)}));
      ellipsised = ellipsised || candidate.back().ellipsised;
    }
    const bool best_ellipsised =
        std::any_of(best.begin(), best.end(), [](const FittedLine& line) { return line.ellipsised; });
    // Whole text first, then larger text; fewer lines win ties.
    if ((best_ellipsised && !ellipsised) || (best_ellipsised == ellipsised && common_size > best.front().size)) {
      best = std::move(candidate);
      if (!ellipsised && common_size >= limits.max_size * kPreferOneLineShare) break;
    }
  }
  return best;
}

}  // namespace passerelle::print
