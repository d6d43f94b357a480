// Badge printing: 1,000 badges on A4 sheets (125 pages) into one PDF, from the badge list to the
// file renamed into place, beside encoding the same 1,000 QR codes alone (the floor no layout can
// go under).
//
//   build/release/tests/bench/print/print_bench            1,000 badges
//   build/release/tests/bench/print/print_bench --smoke    40 badges, for CI
#include <benchmark/benchmark.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/print/badge_render.h"
#include "core/print/qr.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

std::size_t g_badges = 1'000;

// Believable badges: generated European participants, each with a token of the real length
// ("PSL-" and 133 base32 characters, QR version 6).
std::vector<print::BadgeContent> make_badges(std::size_t count) {
  constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::mt19937 random(20250611);
  std::vector<print::BadgeContent> badges;
  for (const ParticipantRecord& person : testing::generate_participants(count, 7)) {
    std::string token = "PSL-";
    for (int i = 0; i < 133; ++i) token += kBase32[random() % kBase32.size()];
    badges.push_back({person.first_name, person.last_name, person.organisation, person.country, std::move(token),
                      "Cross-Border Innovation Forum · Lille 2025"});
  }
  return badges;
}

void BM_RenderBadgesPdf(benchmark::State& state, print::SheetLayout layout) {
  const std::vector<print::BadgeContent> badges = make_badges(g_badges);
  const testing::TempDir dir;
  const auto pdf = dir.file("badges.pdf");
  const auto fonts = print::default_fonts_dir();
  for (auto _ : state) {
    const Status rendered = print::render_badges_pdf(badges, layout, pdf, fonts);
    if (!rendered) {
      state.SkipWithError(rendered.error().message.c_str());
      return;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * badges.size()));
  state.counters["badges"] = static_cast<double>(badges.size());
  state.counters["pdf_kB"] = static_cast<double>(std::filesystem::file_size(pdf)) / 1000.0;
}

void BM_EncodeQrOnly(benchmark::State& state) {
  const std::vector<print::BadgeContent> badges = make_badges(g_badges);
  for (auto _ : state) {
    for (const print::BadgeContent& badge : badges) {
      auto matrix = print::encode_qr(badge.qr_text);
      benchmark::DoNotOptimize(matrix);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * badges.size()));
}

BENCHMARK_CAPTURE(BM_RenderBadgesPdf, a4_grid, print::SheetLayout::a4_grid)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RenderBadgesPdf, label_62mm, print::SheetLayout::label_62mm)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EncodeQrOnly)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace passerelle

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) {
      passerelle::g_badges = 40;
      for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
      --argc;
      break;
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
