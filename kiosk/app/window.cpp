#include "kiosk/app/window.h"

#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "kiosk/app/damage.h"
#include "kiosk/ui/theme.h"

namespace passerelle::kiosk {
namespace {

// GLSL 1.30 is what an OpenGL 3.0 context promises; Mesa's llvmpipe under Xvfb has it.
constexpr const char* kGlslVersion = "#version 130";

Error sdl_error(const std::string& what) {
  return make_error(Errc::unsupported, what + ": " + SDL_GetError());
}

bool readable(const std::filesystem::path& path) {
  return std::ifstream(path, std::ios::binary).good();
}

// FNV-1a over 64-bit words: fast enough for a few hundred kilobytes of vertices a frame.
void mix(std::uint64_t& hash, const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  std::size_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    hash = (hash ^ word) * 0x100000001b3ULL;
  }
  for (; i < bytes; ++i) hash = (hash ^ p[i]) * 0x100000001b3ULL;
}

// Everything that decides the pixels: display size, vertices, indices, clip rectangles, textures.
std::uint64_t draw_data_hash(const ImDrawData& data) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  mix(hash, &data.DisplaySize, sizeof data.DisplaySize);
  mix(hash, &data.FramebufferScale, sizeof data.FramebufferScale);
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList* list = data.CmdLists[n];
    mix(hash, list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
    mix(hash, list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      mix(hash, &cmd.ClipRect, sizeof cmd.ClipRect);
      mix(hash, &cmd.TextureId, sizeof cmd.TextureId);
      mix(hash, &cmd.VtxOffset, sizeof cmd.VtxOffset);
      mix(hash, &cmd.IdxOffset, sizeof cmd.IdxOffset);
      mix(hash, &cmd.ElemCount, sizeof cmd.ElemCount);
      const bool has_callback = cmd.UserCallback != nullptr;
      mix(hash, &has_callback, sizeof has_callback);
    }
  }
  return hash;
}

}  // namespace

bool gl_has_texture_swizzle() {
  int major = 0;
  int minor = 0;
  const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  if (version != nullptr && std::sscanf(version, "%d.%d", &major, &minor) == 2 &&
      (major > 3 || (major == 3 && minor >= 3)))
    return true;
  return SDL_GL_ExtensionSupported("GL_ARB_texture_swizzle") == SDL_TRUE ||
         SDL_GL_ExtensionSupported("GL_EXT_texture_swizzle") == SDL_TRUE;
}

FontSizes font_sizes_for_height(int height) {
  const auto h = static_cast<float>(height);
  FontSizes sizes;
  sizes.body = std::max(16.0f, std::round(h / 40.0f));
  sizes.large = std::max(28.0f, std::round(h / 14.0f));
  sizes.huge = std::max(48.0f, std::round(h / 7.0f));
  return sizes;
}

Result<std::unique_ptr<Display>> Display::open(const WindowConfig& config, const std::filesystem::path& fonts_dir) {
  std::unique_ptr<Display> display(new Display());
  display->fonts_dir_ = fonts_dir;
  for (const char* name : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"})
    if (!readable(fonts_dir / name)) return make_error(Errc::io, "cannot read the font " + (fonts_dir / name).string());

  // A kiosk must not blank its screen during a quiet hour.
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  // Touch screens: taps arrive as mouse clicks, which is all ImGui 1.86 understands.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) return sdl_error("SDL_Init");
  display->sdl_ready_ = true;

  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_SHOWN;
  int width = config.width;
  int height = config.height;
  if (!config.windowed) {
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    SDL_DisplayMode mode;
    if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
      width = mode.w;
      height = mode.h;
    }
  }
  display->window_ =
      SDL_CreateWindow("Passerelle", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
  if (display->window_ == nullptr) return sdl_error("SDL_CreateWindow");
  if (!config.windowed) SDL_ShowCursor(SDL_DISABLE);

  display->gl_context_ = SDL_GL_CreateContext(display->window_);
  if (display->gl_context_ == nullptr) return sdl_error("SDL_GL_CreateContext (OpenGL 3.0)");
  if (SDL_GL_MakeCurrent(display->window_, display->gl_context_) != 0) return sdl_error("SDL_GL_MakeCurrent");
  // Vsync where there is one; the main loop caps the frame rate itself (Xvfb has none).
  (void)SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  display->imgui_context_ = true;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
  io.LogFilename = nullptr;
  ImGui::StyleColorsDark();

  if (!ImGui_ImplSDL2_InitForOpenGL(display->window_, display->gl_context_))
    return make_error(Errc::unsupported, "ImGui SDL2 backend failed to start");
  display->sdl_backend_ = true;
  if (!ImGui_ImplOpenGL3_Init(kGlslVersion))
    return make_error(Errc::unsupported, "ImGui OpenGL3 backend failed to start");
  display->gl_backend_ = true;
  // The backend's shaders and buffers now; its font texture (RGBA, four times the size it needs)
  // is dropped at once for ours (upload_font_texture). Built here from ImGui's small default font.
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  display->texture_swizzle_ = gl_has_texture_swizzle();
  display->back_buffer_kept_ = display->probe_back_buffer();

  PSL_TRY(display->build_fonts(display->height()));
  return display;
}

Display::~Display() {
  if (gl_backend_) ImGui_ImplOpenGL3_Shutdown();
  if (font_texture_ != 0) glDeleteTextures(1, &font_texture_);
  if (sdl_backend_) ImGui_ImplSDL2_Shutdown();
  if (imgui_context_) ImGui::DestroyContext();
  if (gl_context_ != nullptr) SDL_GL_DeleteContext(gl_context_);
  if (window_ != nullptr) SDL_DestroyWindow(window_);
  if (sdl_ready_) SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER);
}

int Display::width() const {
  int w = 0;
  int h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  return w;
}

int Display::height() const {
  int w = 0;
  int h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  return h;
}

Status Display::build_fonts(int height) {
  const FontSizes sizes = font_sizes_for_height(height);
  const auto regular = (fonts_dir_ / "DejaVuSans.ttf").string();
  const auto bold = (fonts_dir_ / "DejaVuSans-Bold.ttf").string();
  for (const auto& path : {regular, bold})
    if (!readable(path)) return make_error(Errc::io, "cannot read the font " + path);

  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  // Oversampling sharpens small text at sub-pixel positions; the large sizes do not need it, and
  // at 3x (the default) the huge font alone would fill a 4096x4096 atlas.
  ImFontConfig body_config;
  body_config.OversampleH = 2;
  body_config.OversampleV = 1;
  ImFontConfig large_config;
  large_config.OversampleH = 1;
  large_config.OversampleV = 1;
  large_config.PixelSnapH = true;
  // The screens' own list (Latin-1, Latin Extended-A/B, General Punctuation, €): they know what they draw.
  const ImWchar* ranges = ui::kiosk_glyph_ranges();
  fonts_.body = io.Fonts->AddFontFromFileTTF(regular.c_str(), sizes.body, &body_config, ranges);
  fonts_.large = io.Fonts->AddFontFromFileTTF(bold.c_str(), sizes.large, &large_config, ranges);
  fonts_.huge = io.Fonts->AddFontFromFileTTF(bold.c_str(), sizes.huge, &large_config, ranges);
  if (fonts_.body == nullptr || fonts_.large == nullptr || fonts_.huge == nullptr || !io.Fonts->Build())
    return make_error(Errc::io, "cannot build the fonts from " + fonts_dir_.string());
  io.FontDefault = fonts_.body;

  upload_font_texture();
  io.Fonts->ClearTexData();
  fonts_height_ = height;

  // Widgets scale with the text: a 7" screen and a 27" screen get the same proportions.
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsDark(&style);
  style.ScaleAllSizes(sizes.body / 13.0f);
  style.WindowBorderSize = 0.0f;
  style.WindowRounding = 0.0f;
  return {};
}

void Display::upload_font_texture() {
  // The atlas is uploaded now, not lazily by the next frame, so that its CPU copy can go at once.
  // One channel with a (1, 1, 1, coverage) swizzle draws exactly like ImGui's RGBA texture with a
  // quarter of the memory: at 1080 lines the atlas is 2048x3000-odd pixels.
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  if (texture_swizzle_)
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  else
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  if (font_texture_ == 0) glGenTextures(1, &font_texture_);
  glBindTexture(GL_TEXTURE_2D, font_texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  if (texture_swizzle_) {
    const GLint coverage[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, coverage);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  } else {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  }
  glBindTexture(GL_TEXTURE_2D, 0);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(font_texture_)));
}

bool Display::refresh_fonts() {
  const int now = height();
  if (now == fonts_height_ || now <= 0) return true;
  return build_fonts(now).has_value();
}

void Display::begin_frame(PointerState& pointer) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (pointer.known) io.MousePos = ImVec2(pointer.x, pointer.y);
  io.MouseDown[0] = pointer.down || pointer.pressed;
  pointer.pressed = false;
  ImGui::NewFrame();
}

bool Display::render(const RenderHint& hint) {
  ImGui::Render();
  ImDrawData* data = ImGui::GetDrawData();
  // An idle scan screen draws the same thing frame after frame: then nothing is drawn at all, and
  // the window keeps showing the last frame presented.
  const std::uint64_t hash = draw_data_hash(*data);
  const bool same_geometry = hash == last_hash_;
  if (same_geometry && !hint.full && hint.changed_texture == 0) return false;

  int width = 0;
  int height = 0;
  SDL_GL_GetDrawableSize(window_, &width, &height);
  const bool partial = back_buffer_kept_ && same_geometry && !hint.full;
  ImVec4 dirty(0, 0, static_cast<float>(width), static_cast<float>(height));
  if (partial) {
    dirty = texture_bounds(*data, reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(hint.changed_texture)));
    if (dirty.z <= dirty.x) return false;  // the texture is not on screen
  }
  glViewport(0, 0, width, height);
  glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
  if (partial) {
    const ImVec2 scale = data->FramebufferScale;
    glEnable(GL_SCISSOR_TEST);
    glScissor(static_cast<GLint>(dirty.x * scale.x), static_cast<GLint>(static_cast<float>(height) - dirty.w * scale.y),
              static_cast<GLsizei>((dirty.z - dirty.x) * scale.x), static_cast<GLsizei>((dirty.w - dirty.y) * scale.y));
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
    clip_draw_data(*data, dirty);
  } else {
    glClear(GL_COLOR_BUFFER_BIT);
  }
  ImGui_ImplOpenGL3_RenderDrawData(data);
  last_hash_ = hash;
  return true;
}

bool Display::probe_back_buffer() {
  // Only software renderers: their swap is a copy on X11. A GPU driver may flip buffers and keep
  // them only now and then; it redraws a full frame cheaply anyway.
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  const std::string name = renderer ? renderer : "";
  if (name.find("llvmpipe") == std::string::npos && name.find("softpipe") == std::string::npos) return false;
  // Two frames of near-black, one grey level apart (nobody sees them), each read back after its
  // swap: a back buffer that is flipped or cleared would not hold them both.
  int width = 0;
  int height = 0;
  SDL_GL_GetDrawableSize(window_, &width, &height);
  glViewport(0, 0, width, height);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  bool kept = true;
  for (const int level : {1, 2}) {
    glClearColor(static_cast<float>(level) / 255.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    SDL_GL_SwapWindow(window_);
    unsigned char pixel[4] = {0, 0, 0, 0};
    glReadPixels(width / 2, height / 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, pixel);
    kept = kept && pixel[0] == level && pixel[1] == 0 && pixel[2] == 0;
  }
  return kept;
}

std::vector<std::uint8_t> Display::read_back_buffer_rgb(int& width, int& height) const {
  SDL_GL_GetDrawableSize(window_, &width, &height);
  const auto row = static_cast<std::size_t>(width) * 3;
  std::vector<std::uint8_t> bottom_up(row * static_cast<std::size_t>(height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, bottom_up.data());
  // GL's rows start at the bottom; image files start at the top.
  std::vector<std::uint8_t> top_down(bottom_up.size());
  for (int y = 0; y < height; ++y)
    std::copy_n(bottom_up.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(height - 1 - y)), row,
                top_down.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(y)));
  return top_down;
}

void Display::present() {
  SDL_GL_SwapWindow(window_);
}

std::string Display::gl_description() const {
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  return std::string(renderer ? renderer : "?") + ", OpenGL " + (version ? version : "?");
}

}  // namespace passerelle::kiosk

namespace passerelle::kiosk {

std::string Display::fonts_description() const {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const auto size = [](const ImFont* font) { return std::to_string(static_cast<int>(font ? font->FontSize : 0)); };
  return "fonts " + size(fonts_.body) + "/" + size(fonts_.large) + "/" + size(fonts_.huge) + " px, atlas " +
         std::to_string(atlas->TexWidth) + "x" + std::to_string(atlas->TexHeight);
}

}  // namespace passerelle::kiosk
