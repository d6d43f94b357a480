#include "kiosk/ui/theme.h"

#include <algorithm>
#include <numbers>

namespace passerelle::kiosk::ui {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;

// Glyph coordinates are in units of the icon radius, relative to its centre.
struct Pen {
  ImDrawList* draw;
  ImVec2 centre;
  float radius;
  ImU32 colour;
  float thickness;

  ImVec2 at(float x, float y) const { return {centre.x + x * radius, centre.y + y * radius}; }
  void line(float x1, float y1, float x2, float y2) const { draw->AddLine(at(x1, y1), at(x2, y2), colour, thickness); }
  void polyline(std::initializer_list<ImVec2> points) const {
    for (const ImVec2& point : points) draw->PathLineTo(at(point.x, point.y));
    draw->PathStroke(colour, ImDrawFlags_None, thickness);
  }
  void dot(float x, float y, float size) const { draw->AddCircleFilled(at(x, y), size * radius, colour, 16); }
  // Round line caps: ImDrawList draws butt ends, which look unfinished on thick strokes.
  void caps(std::initializer_list<ImVec2> points) const {
    for (const ImVec2& point : points) draw->AddCircleFilled(at(point.x, point.y), thickness * 0.5f, colour, 12);
  }
};

void draw_warning(ImDrawList* draw, ImVec2 centre, float radius, ImU32 fill, ImU32 mark) {
  const Pen pen{draw, centre, radius, fill, radius * 0.14f};
  draw->AddTriangleFilled(pen.at(0.0f, -0.92f), pen.at(0.98f, 0.78f), pen.at(-0.98f, 0.78f), fill);
  const Pen ink{draw, centre, radius, mark, radius * 0.16f};
  ink.line(0.0f, -0.38f, 0.0f, 0.22f);
  ink.caps({{0.0f, -0.38f}, {0.0f, 0.22f}});
  ink.dot(0.0f, 0.50f, 0.10f);
}

}  // namespace

Metrics metrics() {
  return metrics_for(ImGui::GetIO().DisplaySize);
}

Metrics metrics_for(ImVec2 display) {
  Metrics m;
  m.display = display;
  const float shorter = std::max(1.0f, std::min(m.display.x, m.display.y));
  m.unit = shorter / 100.0f;
  m.pad = m.unit * 3.0f;
  m.gap = m.unit * 1.5f;
  m.touch = m.unit * 10.0f;
  m.rounding = m.unit * 1.2f;
  return m;
}

Icon icon_for(Outcome outcome, bool checkout) {
  switch (outcome) {
    case Outcome::accepted:
      return checkout ? Icon::exit : Icon::check;
    case Outcome::malformed:
    case Outcome::unknown_key:
    case Outcome::bad_signature:
    case Outcome::other_event:
      return Icon::cross;
    case Outcome::unknown_code:
      return Icon::question;
    case Outcome::revoked:
    case Outcome::cancelled:
      return Icon::ban;
    case Outcome::blocked:
      return Icon::lock;
    case Outcome::not_admitted:
      return Icon::no_entry;
    case Outcome::already_checked_in:
      return Icon::clock;
    case Outcome::not_event_day:
      return Icon::warning;
  }
  return Icon::warning;
}

Tone tone_for(Outcome outcome) {
  switch (outcome) {
    case Outcome::accepted:
      return Tone::success;
    case Outcome::already_checked_in:
    case Outcome::not_admitted:
    case Outcome::not_event_day:
      return Tone::caution;
    default:
      return Tone::danger;
  }
}

ImU32 tone_colour(Tone tone) {
  switch (tone) {
    case Tone::success:
      return colour::success;
    case Tone::caution:
      return colour::caution;
    case Tone::danger:
      return colour::danger;
    case Tone::neutral:
      break;
  }
  return colour::raised;
}

void draw_outcome_icon(ImDrawList* draw, Icon icon, ImVec2 centre, float radius, Tone tone) {
  // Dark glyphs on amber, white on the darker tones: both keep a contrast above 4.5:1.
  const ImU32 mark = tone == Tone::caution ? colour::ink : colour::text;
  if (icon == Icon::warning) {
    draw_warning(draw, centre, radius, tone_colour(tone), mark);
    return;
  }
  draw->AddCircleFilled(centre, radius, tone_colour(tone), 64);
  draw_glyph(draw, icon, centre, radius, mark);
}

void draw_glyph(ImDrawList* draw, Icon icon, ImVec2 centre, float radius, ImU32 colour) {
  const Pen pen{draw, centre, radius, colour, std::max(1.5f, radius * 0.15f)};
  switch (icon) {
    case Icon::check:
      pen.polyline({{-0.48f, 0.02f}, {-0.14f, 0.36f}, {0.50f, -0.30f}});
      pen.caps({{-0.48f, 0.02f}, {-0.14f, 0.36f}, {0.50f, -0.30f}});
      break;
    case Icon::exit:
      // A door frame open to the right and an arrow leaving it.
      pen.polyline({{-0.08f, -0.50f}, {-0.52f, -0.50f}, {-0.52f, 0.50f}, {-0.08f, 0.50f}});
      pen.line(-0.24f, 0.0f, 0.50f, 0.0f);
      pen.polyline({{0.22f, -0.28f}, {0.52f, 0.0f}, {0.22f, 0.28f}});
      pen.caps({{-0.24f, 0.0f}, {0.22f, -0.28f}, {0.22f, 0.28f}});
      break;
    case Icon::cross:
      pen.line(-0.38f, -0.38f, 0.38f, 0.38f);
      pen.line(0.38f, -0.38f, -0.38f, 0.38f);
      pen.caps({{-0.38f, -0.38f}, {0.38f, 0.38f}, {0.38f, -0.38f}, {-0.38f, 0.38f}});
      break;
    case Icon::question:
      draw->PathArcTo(pen.at(0.0f, -0.20f), radius * 0.28f, kPi, kPi * 2.5f, 24);
      draw->PathLineTo(pen.at(0.0f, 0.20f));
      draw->PathStroke(colour, ImDrawFlags_None, pen.thickness);
      pen.caps({{-0.28f, -0.20f}, {0.0f, 0.20f}});
      pen.dot(0.0f, 0.46f, 0.10f);
      break;
    case Icon::ban:
      draw->AddCircle(centre, radius * 0.55f, colour, 48, pen.thickness);
      pen.line(-0.39f, 0.39f, 0.39f, -0.39f);
      break;
    case Icon::lock: {
      draw->PathArcTo(pen.at(0.0f, -0.12f), radius * 0.27f, kPi, kPi * 2.0f, 24);
      draw->PathStroke(colour, ImDrawFlags_None, pen.thickness);
      pen.line(-0.27f, -0.12f, -0.27f, 0.0f);
      pen.line(0.27f, -0.12f, 0.27f, 0.0f);
      draw->AddRectFilled(pen.at(-0.45f, -0.02f), pen.at(0.45f, 0.55f), colour, radius * 0.08f);
      break;
    }
    case Icon::no_entry:
      draw->AddRectFilled(pen.at(-0.58f, -0.14f), pen.at(0.58f, 0.14f), colour, radius * 0.04f);
      break;
    case Icon::clock:
      draw->AddCircle(centre, radius * 0.58f, colour, 48, pen.thickness * 0.8f);
      pen.line(0.0f, 0.0f, 0.0f, -0.40f);
      pen.line(0.0f, 0.0f, 0.30f, 0.14f);
      pen.caps({{0.0f, 0.0f}, {0.0f, -0.40f}, {0.30f, 0.14f}});
      break;
    case Icon::warning:
      draw_warning(draw, centre, radius, colour, colour::background);
      break;
  }
}

const ImWchar* kiosk_glyph_ranges() {
  static const ImWchar ranges[] = {
      0x0020, 0x024F,  // Basic Latin, Latin-1 Supplement, Latin Extended-A and -B
      0x2010, 0x205E,  // General Punctuation: dashes, curly quotes, ellipsis, bullet
      0x20AC, 0x20AC,  // euro sign
      0,
  };
  return ranges;
}

}  // namespace passerelle::kiosk::ui
