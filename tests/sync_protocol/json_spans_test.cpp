// The quarantine keeps an upload's entries as the bytes received (sync/protocol/json_spans.h).
#include "sync/protocol/json_spans.h"

#include <gtest/gtest.h>

#include "sync/protocol/wire.h"

namespace passerelle::sync {
namespace {

using detail::member_array_elements;

TEST(JsonSpans, ElementsAreTheBytesBetweenTheCommasWhateverTheyHold) {
  const std::string text =
      R"( { "device_id" : "d", "entries" : [ {"a": [1, {"b": "]},\"["}]} , "x\\\"y" ,7, -1.5e3,null, [] ] } )";
  const auto spans = member_array_elements(text, "entries");
  ASSERT_TRUE(spans);
  ASSERT_EQ(spans->size(), 6u);
  EXPECT_EQ((*spans)[0], R"({"a": [1, {"b": "]},\"["}]})");
  EXPECT_EQ((*spans)[1], R"("x\\\"y")");
  EXPECT_EQ((*spans)[2], "7");
  EXPECT_EQ((*spans)[3], "-1.5e3");
  EXPECT_EQ((*spans)[4], "null");
  EXPECT_EQ((*spans)[5], "[]");
}

TEST(JsonSpans, TheLastMemberOfARepeatedOrEscapedKeyIsTheOneAsTheTreeKeepsIt) {
  auto spans = member_array_elements(R"({"entries":[1],"entri\u0065s":[2,3]})", "entries");
  ASSERT_TRUE(spans);
  ASSERT_EQ(spans->size(), 2u);
  EXPECT_EQ((*spans)[1], "3");
  EXPECT_FALSE(member_array_elements(R"({"entries":[1],"entries":{}})", "entries"));
  EXPECT_FALSE(member_array_elements(R"([1,2])", "entries"));
  EXPECT_FALSE(member_array_elements(R"({"other":[1]})", "entries"));
  spans = member_array_elements(R"({"entries":[]})", "entries");
  ASSERT_TRUE(spans);
  EXPECT_TRUE(spans->empty());
}

TEST(JsonSpans, AnUploadKeepsEachEntryAsSentNotAsReserialised) {
  const std::string odd_but_valid = R"({ "uuid" : "u-1",  "seq":1, "name":"caf\u00e9", "nested": {"k": [ 1 ,2 ]} })";
  const std::string upload =
      R"({"device_id":"d","kiosk_time_ms":1796717520000,"clock_offset_ms":0,"entries":[)" + odd_but_valid + "]}";
  auto batch = parse_upload_batch(upload);
  ASSERT_TRUE(batch) << batch.error().message;
  ASSERT_EQ(batch->entries.size(), 1u);
  EXPECT_EQ(batch->entries[0].raw_json, odd_but_valid);
  EXPECT_FALSE(batch->entries[0].entry) << "not a valid entry: it goes to the quarantine as it came";
  EXPECT_EQ(batch->entries[0].uuid, "u-1");
}

}  // namespace
}  // namespace passerelle::sync
