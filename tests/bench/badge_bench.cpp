// Badge verification per scan (issue #3): our parse + verify beside a bare libsodium
// crypto_sign_verify_detached over the same bytes, in the same run.
//
//   build/bench/tests/bench/badge_bench
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <vector>

#include "core/badge/token.h"

namespace passerelle {
namespace {

struct Tokens {
  badge::KeyPair key = badge::generate_key_pair();
  std::vector<std::string> texts;
  Tokens() {
    for (std::uint32_t i = 1; i <= 1000; ++i) {
      badge::TokenClaims claims{7, i, 1, 1796112000, 0};
      texts.push_back(badge::issue_token(claims, key));
    }
  }
};

Tokens& tokens() {
  static Tokens instance;
  return instance;
}

void BM_ParseAndVerify_Ours(benchmark::State& state) {
  auto& t = tokens();
  std::size_t i = 0;
  for (auto _ : state) {
    auto parsed = badge::parse_token(t.texts[i++ % t.texts.size()]);
    if (!parsed) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(badge::verify_signature(*parsed, t.key.public_key));
  }
}

void BM_Verify_BareLibsodium(benchmark::State& state) {
  auto& t = tokens();
  std::vector<badge::ParsedToken> parsed;
  for (const auto& text : t.texts) parsed.push_back(*badge::parse_token(text));
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& token = parsed[i++ % parsed.size()];
    benchmark::DoNotOptimize(crypto_sign_verify_detached(token.signature.data(), token.signed_bytes.data(),
                                                         token.signed_bytes.size(), t.key.public_key.data()));
  }
}

void BM_Issue_Ours(benchmark::State& state) {
  auto& t = tokens();
  std::uint32_t i = 0;
  for (auto _ : state) {
    badge::TokenClaims claims{7, ++i, 1, 1796112000, 0};
    benchmark::DoNotOptimize(badge::issue_token(claims, t.key));
  }
}

BENCHMARK(BM_ParseAndVerify_Ours)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Verify_BareLibsodium)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Issue_Ours)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace passerelle

BENCHMARK_MAIN();
