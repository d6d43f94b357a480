// The finish line: every badge printed for the demo event, rasterised from its PDF the way
// a printer would put it on paper, decodes, verifies and checks its holder in.
#include <gtest/gtest.h>

#include <set>

#include "core/checkin/checkin.h"
#include "core/import/participant_import.h"
#include "sync/hub/cli/badge_selection.h"
#include "tests/print/pdf_probe.h"
#include "tests/support/test_support.h"

namespace passerelle {
namespace {

TEST(DemoBadges, EveryPrintedBadgeDecodesVerifiesAndChecksIn) {
  testing::TempDir dir;
  auto store = Store::open(dir.file("hub.db"));
  ASSERT_TRUE(store) << store.error().message;
  auto config = load_event_config(std::string(PASSERELLE_SOURCE_DIR) + "/assets/demo/event.toml");
  ASSERT_TRUE(config) << config.error().message;
  const auto event_id = *store->create_event(*config);
  auto plan =
      import::plan_import(testing::read_file(std::string(PASSERELLE_SOURCE_DIR) + "/assets/demo/participants.csv"), {});
  ASSERT_TRUE(plan);
  ASSERT_TRUE(import::apply_import(*store, event_id, *plan, {}));

  const auto event = *store->resolve_event(event_id);
  auto people = hub::select_participants(*store, event, {});
  ASSERT_TRUE(people) << people.error().message;
  // Every badge in the release pass; under the sanitizers the first six A4 pages (test_support.h).
  if (testing::kSanitizerBuild && people->size() > 48) people->resize(48);
  auto contents = hub::badge_contents(*store, event, *people);
  ASSERT_TRUE(contents) << contents.error().message;
  const auto pdf = dir.file("demo.pdf");
  ASSERT_TRUE(print::render_badges_pdf(*contents, print::SheetLayout::a4_grid, pdf, print::default_fonts_dir()));

  std::filesystem::create_directories(dir.file("pages"));
  std::multiset<std::string> decoded;
  for (const auto& page : testing::rasterise_pdf(pdf, dir.file("pages"), 150)) {
    const auto image = testing::load_png_as_grey(page);
    ASSERT_GT(image.width, 0) << page;
    for (auto& text : testing::decode_qr_codes(image)) decoded.insert(std::move(text));
  }
  ASSERT_EQ(decoded.size(), people->size()) << "every printed badge is read back once";

  const auto entrance = (*store->checkpoints(event_id)).front();
  CheckinService service(*store);
  std::set<std::int64_t> checked_in;
  for (const auto& code : decoded) {
    CheckinRequest request{event_id, entrance.id, Direction::entry, code, std::nullopt, ""};
    auto result = service.scan(request);
    ASSERT_TRUE(result) << result.error().message;
    ASSERT_EQ(result->outcome, Outcome::accepted)
        << code << ": " << to_string(result->outcome) << " " << result->detail;
    checked_in.insert(result->participant->id);
  }
  std::set<std::int64_t> expected;
  for (const auto& person : *people) expected.insert(person.id);
  EXPECT_EQ(checked_in, expected);
}

}  // namespace
}  // namespace passerelle
