#include "kiosk/scan/synthetic.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <random>
#include <vector>

namespace passerelle::scan {
namespace {

constexpr double kPi = 3.14159265358979323846;
// Marks plane points off the object: the background shows through there.
constexpr float kOutside = -1.0f;
// Pixels that straddle an edge are averaged over kSubsamples x kSubsamples points (box filter).
constexpr int kSubsamples = 3;

double unit_interval(std::mt19937& random) {
  return static_cast<double>(random()) / 4294967296.0;
}
double uniform(std::mt19937& random, double low, double high) {
  return low + (high - low) * unit_interval(random);
}
int uniform_int(std::mt19937& random, int low, int high) {
  return low + static_cast<int>(unit_interval(random) * static_cast<double>(high - low + 1));
}

// A float luminance image: the scene is composed, blurred and made noisy before rounding once.
struct Canvas {
  int width;
  int height;
  std::vector<float> values;

  Canvas(int w, int h) : width(w), height(h), values(static_cast<std::size_t>(w) * static_cast<std::size_t>(h)) {}
  float* row(int y) { return values.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width); }

  void fill_rect(int x0, int y0, int x1, int y1, float value) {
    x0 = std::max(x0, 0);
    y0 = std::max(y0, 0);
    x1 = std::min(x1, width);
    y1 = std::min(y1, height);
    for (int y = y0; y < y1; ++y) std::fill(row(y) + x0, row(y) + std::max(x0, x1), value);
  }
};

// ---- Geometry ---------------------------------------------------------------------------------

using Matrix3 = std::array<double, 9>;

// Maps plane points (u, v) in modules, the symbol spanning [0, size) on both axes, to homogeneous
// frame coordinates: a pinhole camera whose focal length is the frame width (about 53 degrees of
// horizontal view, a typical webcam), looking at the object at the distance that gives module_px
// at the centre of the code.
Matrix3 plane_to_frame(int matrix_size, const SceneParams& params) {
  const double half = matrix_size / 2.0;
  const double scale = params.module_px;
  const double focal = params.frame_width;
  const double rotation = params.rotation_deg * kPi / 180.0;
  const double tilt_x = params.tilt_x_deg * kPi / 180.0;
  const double tilt_y = params.tilt_y_deg * kPi / 180.0;
  // Camera-space x, y, z of a plane point, each as (coefficient of u, of v, constant).
  auto affine = [&](double cu, double cv) {
    return std::array<double, 3>{cu * scale, cv * scale, -(cu + cv) * scale * half};
  };
  const auto rx = affine(std::cos(rotation), -std::sin(rotation));
  const auto ry = affine(std::sin(rotation), std::cos(rotation));
  std::array<double, 3> x2 = rx, y2{}, z2{}, x3{}, z3{};
  for (int i = 0; i < 3; ++i) {
    y2[i] = std::cos(tilt_x) * ry[i];
    z2[i] = std::sin(tilt_x) * ry[i];
    x3[i] = std::cos(tilt_y) * x2[i] + std::sin(tilt_y) * z2[i];
    z3[i] = -std::sin(tilt_y) * x2[i] + std::cos(tilt_y) * z2[i];
  }
  const double center_x = params.center_x * params.frame_width;
  const double center_y = params.center_y * params.frame_height;
  // w = 1 + z / focal; frame x * w = centre_x * w + x, likewise for y.
  Matrix3 h{};
  for (int i = 0; i < 3; ++i) {
    const double w = z3[i] / focal + (i == 2 ? 1.0 : 0.0);
    h[6 + i] = w;
    h[0 + i] = x3[i] + center_x * w;
    h[3 + i] = y2[i] + center_y * w;
  }
  return h;
}

Matrix3 inverse(const Matrix3& m) {
  const double c00 = m[4] * m[8] - m[5] * m[7];
  const double c01 = m[5] * m[6] - m[3] * m[8];
  const double c02 = m[3] * m[7] - m[4] * m[6];
  const double determinant = m[0] * c00 + m[1] * c01 + m[2] * c02;
  assert(std::abs(determinant) > 1e-12);
  const double k = 1.0 / determinant;
  return {c00 * k, (m[2] * m[7] - m[1] * m[8]) * k, (m[1] * m[5] - m[2] * m[4]) * k,
          c01 * k, (m[0] * m[8] - m[2] * m[6]) * k, (m[2] * m[3] - m[0] * m[5]) * k,
          c02 * k, (m[1] * m[6] - m[0] * m[7]) * k, (m[0] * m[4] - m[1] * m[3]) * k};
}

struct Projected {
  FramePoint point;
  bool in_front;  // false when the point lies behind the camera
};

Projected project(const Matrix3& h, double u, double v) {
  const double w = h[6] * u + h[7] * v + h[8];
  if (w <= 1e-9) return {{}, false};
  return {{(h[0] * u + h[1] * v + h[2]) / w, (h[3] * u + h[4] * v + h[5]) / w}, true};
}

// ---- The object in its plane ------------------------------------------------------------------

struct PlaneRect {
  double u0, v0, u1, v1;
  float value;
  bool contains(double u, double v) const { return u >= u0 && u < u1 && v >= v0 && v < v1; }
};

// What the camera looks at, in module units: the symbol, its quiet zone and whatever carries it.
class SceneObject {
 public:
  SceneObject(const print::QrMatrix& code, const SceneParams& params, std::mt19937& random) : size_(code.size()) {
    modules_.resize(static_cast<std::size_t>(size_) * static_cast<std::size_t>(size_));
    for (int y = 0; y < size_; ++y) {
      for (int x = 0; x < size_; ++x) modules_[static_cast<std::size_t>(y * size_ + x)] = code.dark(x, y) ? 1 : 0;
    }
    paper_ = static_cast<float>(params.brightness);
    ink_ = static_cast<float>(params.brightness * (1.0 - params.contrast));
    const double n = size_;
    const double q = kQuietZoneModules;
    if (params.badge_card) {
      surface_ = {-(q + 0.3 * n), -(q + 0.9 * n), n + q + 0.3 * n, n + q + 0.25 * n, paper_};
      outline_ = surface_;
      add_card_print(random);
    } else if (params.phone_screen) {
      surface_ = {-(q + 1), -(q + 0.5 * n), n + q + 1, n + q + 0.45 * n, paper_};
      outline_ = {surface_.u0 - 2, surface_.v0 - 0.12 * n, surface_.u1 + 2, surface_.v1 + 0.12 * n, 18.0f};
      // The app's title bar across the top of the screen.
      add_line({{surface_.u0, surface_.v0, surface_.u1, surface_.v0 + 0.15 * n, paper_ * 0.45f}});
    } else {
      surface_ = {-q, -q, n + q, n + q, paper_};
      outline_ = surface_;
    }
  }

  PlaneRect outline() const { return outline_; }

  float sample(double u, double v) const {
    if (u >= 0 && v >= 0 && u < size_ && v < size_) {
      const auto index = static_cast<std::size_t>(static_cast<int>(v) * size_ + static_cast<int>(u));
      return modules_[index] ? ink_ : paper_;
    }
    if (!outline_.contains(u, v)) return kOutside;
    if (!surface_.contains(u, v)) return outline_.value;
    for (const PrintLine& line : lines_) {
      if (!line.extent.contains(u, v)) continue;
      for (const PlaneRect& block : line.blocks) {
        if (block.contains(u, v)) return block.value;
      }
    }
    return paper_;
  }

 private:
  // Printed blocks are kept by line so that a sample tests a few line extents, not every block.
  struct PrintLine {
    PlaneRect extent;
    std::vector<PlaneRect> blocks;
  };

  void add_line(std::vector<PlaneRect> blocks) {
    if (blocks.empty()) return;
    PlaneRect extent = blocks.front();
    for (const PlaneRect& block : blocks) {
      extent.u0 = std::min(extent.u0, block.u0);
      extent.v0 = std::min(extent.v0, block.v0);
      extent.u1 = std::max(extent.u1, block.u1);
      extent.v1 = std::max(extent.v1, block.v1);
    }
    lines_.push_back({extent, std::move(blocks)});
  }

  // A coloured band with the event's name, then the name, organisation and country lines above the
  // code and a small reference line below it, all as word-like blocks outside the quiet zone.
  void add_card_print(std::mt19937& random) {
    const double n = size_;
    const double margin = 0.08 * n;
    const double band = 0.18 * n;
    add_line({{surface_.u0, surface_.v0, surface_.u1, surface_.v0 + band,
               static_cast<float>(uniform(random, 0.3, 0.7)) * paper_}});
    struct Line {
      double top, height;
    };
    const double text_top = surface_.v0 + band + 0.06 * n;
    const Line lines[] = {{text_top, 0.09 * n},
                          {text_top + 0.16 * n, 0.06 * n},
                          {text_top + 0.27 * n, 0.05 * n},
                          {n + kQuietZoneModules + 0.06 * n, 0.04 * n}};
    for (const Line& line : lines) {
      std::vector<PlaneRect> words;
      double u = surface_.u0 + margin;
      const double end = surface_.u0 + margin + (surface_.u1 - surface_.u0 - 2 * margin) * uniform(random, 0.4, 1.0);
      while (u < end) {
        const double word = line.height * uniform(random, 1.5, 5.0);
        words.push_back({u, line.top, std::min(u + word, end), line.top + line.height, ink_ + 0.1f * (paper_ - ink_)});
        u += word + line.height * 0.6;
      }
      add_line(std::move(words));
    }
  }

  int size_;
  std::vector<std::uint8_t> modules_;
  float paper_ = 0;
  float ink_ = 0;
  PlaneRect outline_{};
  PlaneRect surface_{};
  std::vector<PrintLine> lines_;
};

// ---- Backgrounds (frame coordinates) ----------------------------------------------------------

void draw_gradient(Canvas& canvas, std::mt19937& random) {
  const double base = uniform(random, 80, 170);
  const double across = uniform(random, -40, 40);
  const double down = uniform(random, -40, 40);
  for (int y = 0; y < canvas.height; ++y) {
    float* row = canvas.row(y);
    const double row_base = base + down * y / canvas.height;
    for (int x = 0; x < canvas.width; ++x) row[x] = static_cast<float>(row_base + across * x / canvas.width);
  }
}

// A hall behind the kiosk: walls, furniture, people, posters, blinds and signs, as grey shapes.
void draw_clutter(Canvas& canvas, std::mt19937& random) {
  draw_gradient(canvas, random);
  const double w = canvas.width;
  const double h = canvas.height;
  auto value = [&] { return static_cast<float>(uniform(random, 20, 235)); };
  for (int i = 0; i < 25; ++i) {
    const double x0 = uniform(random, -0.1 * w, w);
    const double y0 = uniform(random, -0.1 * h, h);
    canvas.fill_rect(static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x0 + uniform(random, 0.03, 0.35) * w),
                     static_cast<int>(y0 + uniform(random, 0.03, 0.35) * h), value());
  }
  for (int i = 0; i < 6; ++i) {
    const double cx = uniform(random, 0, w);
    const double cy = uniform(random, 0, h);
    const double rx = uniform(random, 0.02, 0.12) * h;
    const double ry = rx * uniform(random, 0.8, 1.6);
    const float shade = value();
    for (int y = std::max(0, static_cast<int>(cy - ry)); y < std::min(canvas.height, static_cast<int>(cy + ry) + 1);
         ++y) {
      const double dy = (y + 0.5 - cy) / ry;
      if (dy * dy >= 1) continue;
      const double half = rx * std::sqrt(1 - dy * dy);
      canvas.fill_rect(static_cast<int>(cx - half), y, static_cast<int>(cx + half), y + 1, shade);
    }
  }
  // Blinds and striped shirts: regular bands, the kind of pattern a finder-pattern search trips on.
  for (int i = 0; i < 4; ++i) {
    const int x0 = uniform_int(random, 0, canvas.width - 1);
    const int y0 = uniform_int(random, 0, canvas.height - 1);
    const int x1 = x0 + static_cast<int>(uniform(random, 0.05, 0.25) * w);
    const int y1 = y0 + static_cast<int>(uniform(random, 0.05, 0.25) * h);
    const int period = uniform_int(random, 4, 20);
    const bool vertical = random() % 2 == 0;
    const float dark = value();
    for (int band = vertical ? x0 : y0; band < (vertical ? x1 : y1); band += period) {
      if (vertical)
        canvas.fill_rect(band, y0, band + period / 2, y1, dark);
      else
        canvas.fill_rect(x0, band, x1, band + period / 2, dark);
    }
  }
  // Posters and signs: rows of word-like dark blocks.
  for (int i = 0; i < 5; ++i) {
    int x = uniform_int(random, 0, canvas.width - 1);
    const int y = uniform_int(random, 0, canvas.height - 1);
    const int end = x + static_cast<int>(uniform(random, 0.1, 0.4) * w);
    const int height = uniform_int(random, 6, 14);
    const float ink = static_cast<float>(uniform(random, 10, 70));
    while (x < end) {
      const int word = uniform_int(random, 5, 40);
      canvas.fill_rect(x, y, std::min(x + word, end), y + height, ink);
      x += word + uniform_int(random, 3, 8);
    }
  }
}

// ---- Drawing the object -----------------------------------------------------------------------

// Inverse-maps every pixel of the object's bounding box into the plane. A pixel whose four
// corners land on the same value is flat (features are at least two pixels wide); the others are
// box-filtered over kSubsamples^2 points, so edges are anti-aliased at any angle.
void draw_object(Canvas& canvas, const SceneObject& object, const Matrix3& forward) {
  const PlaneRect outline = object.outline();
  double min_x = canvas.width, min_y = canvas.height, max_x = 0, max_y = 0;
  const double corners[4][2] = {
      {outline.u0, outline.v0}, {outline.u1, outline.v0}, {outline.u1, outline.v1}, {outline.u0, outline.v1}};
  for (const auto& corner : corners) {
    const Projected p = project(forward, corner[0], corner[1]);
    if (!p.in_front) {
      min_x = min_y = 0;
      max_x = canvas.width;
      max_y = canvas.height;
      break;
    }
    min_x = std::min(min_x, p.point.x);
    min_y = std::min(min_y, p.point.y);
    max_x = std::max(max_x, p.point.x);
    max_y = std::max(max_y, p.point.y);
  }
  const int x0 = std::clamp(static_cast<int>(std::floor(min_x)), 0, canvas.width);
  const int y0 = std::clamp(static_cast<int>(std::floor(min_y)), 0, canvas.height);
  const int x1 = std::clamp(static_cast<int>(std::ceil(max_x)) + 1, 0, canvas.width);
  const int y1 = std::clamp(static_cast<int>(std::ceil(max_y)) + 1, 0, canvas.height);
  if (x0 >= x1 || y0 >= y1) return;

  const Matrix3 h = inverse(forward);
  auto sample = [&](double x, double y) {
    const double w = h[6] * x + h[7] * y + h[8];
    if (w <= 1e-12) return kOutside;
    return object.sample((h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w);
  };
  const auto span = static_cast<std::size_t>(x1 - x0 + 1);
  std::vector<float> top(span), bottom(span);
  for (int x = x0; x <= x1; ++x) top[static_cast<std::size_t>(x - x0)] = sample(x, y0);
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x <= x1; ++x) bottom[static_cast<std::size_t>(x - x0)] = sample(x, y + 1);
    float* row = canvas.row(y);
    for (int x = x0; x < x1; ++x) {
      const auto i = static_cast<std::size_t>(x - x0);
      const float corner = top[i];
      if (corner == top[i + 1] && corner == bottom[i] && corner == bottom[i + 1]) {
        if (corner != kOutside) row[x] = corner;
        continue;
      }
      float sum = 0;
      for (int sy = 0; sy < kSubsamples; ++sy) {
        for (int sx = 0; sx < kSubsamples; ++sx) {
          const float value = sample(x + (sx + 0.5) / kSubsamples, y + (sy + 0.5) / kSubsamples);
          sum += value == kOutside ? row[x] : value;
        }
      }
      row[x] = sum / (kSubsamples * kSubsamples);
    }
    std::swap(top, bottom);
  }
}

// ---- Camera -----------------------------------------------------------------------------------

void gaussian_blur(Canvas& canvas, double sigma) {
  if (sigma < 0.05) return;
  const int radius = static_cast<int>(std::ceil(3 * sigma));
  std::vector<float> kernel(static_cast<std::size_t>(2 * radius + 1));
  float total = 0;
  for (int i = -radius; i <= radius; ++i) {
    const auto weight = static_cast<float>(std::exp(-(i * i) / (2 * sigma * sigma)));
    kernel[static_cast<std::size_t>(i + radius)] = weight;
    total += weight;
  }
  for (float& weight : kernel) weight /= total;

  // Both passes accumulate whole rows tap by tap (symmetric taps paired): loops the compiler can
  // vectorise, and the vertical pass reads memory in order.
  auto convolve_row = [&](const float* const* taps, float* out) {
    for (int x = 0; x < canvas.width; ++x) out[x] = kernel[static_cast<std::size_t>(radius)] * taps[radius][x];
    for (int k = 1; k <= radius; ++k) {
      const float weight = kernel[static_cast<std::size_t>(radius + k)];
      const float* before = taps[radius - k];
      const float* after = taps[radius + k];
      for (int x = 0; x < canvas.width; ++x) out[x] += weight * (before[x] + after[x]);
    }
  };
  std::vector<const float*> taps(static_cast<std::size_t>(2 * radius + 1));
  // Rows: through a copy padded with the edge pixels, each tap being the copy shifted by one.
  std::vector<float> padded(static_cast<std::size_t>(canvas.width + 2 * radius));
  for (int y = 0; y < canvas.height; ++y) {
    float* row = canvas.row(y);
    std::fill(padded.begin(), padded.begin() + radius, row[0]);
    std::copy(row, row + canvas.width, padded.begin() + radius);
    std::fill(padded.end() - radius, padded.end(), row[canvas.width - 1]);
    for (int k = 0; k <= 2 * radius; ++k) taps[static_cast<std::size_t>(k)] = padded.data() + k;
    convolve_row(taps.data(), row);
  }
  // Columns, in place: rows below y are still untouched, and a ring keeps the originals of the last
  // radius + 1 rows (row y's included), which saves copying the whole frame.
  const auto ring_rows = static_cast<std::size_t>(radius + 1);
  const auto width = static_cast<std::size_t>(canvas.width);
  std::vector<float> ring(ring_rows * width);
  for (int y = 0; y < canvas.height; ++y) {
    float* row = canvas.row(y);
    std::copy(row, row + canvas.width, ring.begin() + static_cast<std::ptrdiff_t>((y % (radius + 1)) * canvas.width));
    for (int k = -radius; k <= radius; ++k) {
      const int source = std::clamp(y + k, 0, canvas.height - 1);
      taps[static_cast<std::size_t>(k + radius)] =
          source <= y ? ring.data() + static_cast<std::size_t>(source % (radius + 1)) * width : canvas.row(source);
    }
    convolve_row(taps.data(), row);
  }
}

// 65,536 standard normal deviates (Box-Muller on a fixed-seed std::mt19937). A frame then draws its
// noise as table indices, 16 bits each: two pixels per mt19937 call instead of a logarithm, a
// square root and a cosine per pixel, which alone would cost about 10 ms per 1280x720 frame.
const std::vector<float>& standard_normal_table() {
  static const std::vector<float> table = [] {
    std::vector<float> values(65536);
    std::mt19937 random(0x5053'4c4e);
    for (std::size_t i = 0; i < values.size(); i += 2) {
      const double radius = std::sqrt(-2.0 * std::log((static_cast<double>(random()) + 1.0) / 4294967297.0));
      const double angle = 2 * kPi * unit_interval(random);
      values[i] = static_cast<float>(radius * std::cos(angle));
      values[i + 1] = static_cast<float>(radius * std::sin(angle));
    }
    return values;
  }();
  return table;
}

LumaFrame expose(Canvas& canvas, const SceneParams& params, std::mt19937& random) {
  gaussian_blur(canvas, params.blur_sigma_px);
  if (params.gamma != 1.0) {
    // A lookup at 1/16 grey level: pow() per pixel would cost more than the rest of the frame.
    constexpr int kSteps = 16;
    std::vector<float> curve(256 * kSteps + 1);
    for (std::size_t i = 0; i < curve.size(); ++i) {
      curve[i] = static_cast<float>(255.0 * std::pow(static_cast<double>(i) / (256.0 * kSteps), params.gamma));
    }
    for (float& value : canvas.values)
      value = curve[static_cast<std::size_t>(std::clamp(value, 0.0f, 256.0f) * kSteps)];
  }
  if (params.noise_stddev > 0) {
    const std::vector<float>& normal = standard_normal_table();
    const auto stddev = static_cast<float>(params.noise_stddev);
    std::size_t i = 0;
    for (; i + 1 < canvas.values.size(); i += 2) {
      const auto bits = static_cast<std::uint32_t>(random());
      canvas.values[i] += stddev * normal[bits & 0xffff];
      canvas.values[i + 1] += stddev * normal[bits >> 16];
    }
    if (i < canvas.values.size()) canvas.values[i] += stddev * normal[random() & 0xffff];
  }
  LumaFrame frame(canvas.width, canvas.height);
  std::uint8_t* out = frame.data();
  for (std::size_t i = 0; i < canvas.values.size(); ++i) {
    out[i] = static_cast<std::uint8_t>(std::clamp(canvas.values[i], 0.0f, 255.0f) + 0.5f);
  }
  return frame;
}

void check(const SceneParams& params) {
  assert(params.frame_width > 0 && params.frame_height > 0);
  assert(params.module_px > 0);
  assert(std::abs(params.tilt_x_deg) < 80 && std::abs(params.tilt_y_deg) < 80);
  assert(params.contrast >= 0 && params.contrast <= 1);
  assert(params.brightness >= 0 && params.brightness <= 255);
  assert(params.blur_sigma_px >= 0 && params.noise_stddev >= 0 && params.gamma > 0);
  static_cast<void>(params);
}

}  // namespace

std::array<FramePoint, 4> project_code_corners(int matrix_size, const SceneParams& params, double margin_modules) {
  check(params);
  const Matrix3 forward = plane_to_frame(matrix_size, params);
  const double low = -margin_modules;
  const double high = matrix_size + margin_modules;
  return {project(forward, low, low).point, project(forward, high, low).point, project(forward, high, high).point,
          project(forward, low, high).point};
}

LumaFrame render_scene(const print::QrMatrix& code, const SceneParams& params) {
  check(params);
  std::mt19937 random(params.seed);
  Canvas canvas(params.frame_width, params.frame_height);
  if (params.badge_card)
    draw_clutter(canvas, random);
  else
    draw_gradient(canvas, random);
  const SceneObject object(code, params, random);
  draw_object(canvas, object, plane_to_frame(code.size(), params));
  return expose(canvas, params, random);
}

LumaFrame render_empty_scene(const SceneParams& params) {
  check(params);
  std::mt19937 random(params.seed);
  Canvas canvas(params.frame_width, params.frame_height);
  draw_clutter(canvas, random);
  return expose(canvas, params, random);
}

}  // namespace passerelle::scan
