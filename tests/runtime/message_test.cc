// Multiplexed names and finding message boundaries in unframed streams.
#include <corothrift/detail/message.h>

#include <gtest/gtest.h>

#include <vector>

namespace {

using namespace corothrift;
namespace tag = corothrift::tag;

TEST(MultiplexedName, splits_at_the_first_separator) {
  MultiplexedName n = split_multiplexed_name("Calculator:add");
  EXPECT_EQ(n.service, "Calculator");
  EXPECT_EQ(n.method, "add");
  n = split_multiplexed_name("A:b:c");
  EXPECT_EQ(n.service, "A");
  EXPECT_EQ(n.method, "b:c");
}

TEST(MultiplexedName, a_plain_name_has_no_service) {
  MultiplexedName n = split_multiplexed_name("ping");
  EXPECT_EQ(n.service, "");
  EXPECT_EQ(n.method, "ping");
}

TEST(MultiplexedName, joins_service_and_method) {
  EXPECT_EQ(join_multiplexed_name("Echo", "echo"), "Echo:echo");
}

struct Args {
  std::vector<std::string> words;
  int32_t n = 0;
  template <class W>
  void write(W& w) const {
    w.write_struct_begin("Args");
    write_field<tag::list<tag::string>>(w, "words", 1, words);
    write_field<tag::i32>(w, "n", 2, n);
    w.write_field_stop();
    w.write_struct_end();
  }
};

std::vector<uint8_t> two_messages(ProtocolKind kind, std::size_t* first_size) {
  WriteBuffer out;
  with_writer(kind, out, [&](auto& w) {
    write_message(w, "Svc:call", MessageType::Call, 1, Args{{"a", "bb", ""}, 7});
    *first_size = out.size();
    write_message(w, "other", MessageType::Oneway, 2, Args{});
  });
  return {out.data(), out.data() + out.size()};
}

class MeasureMessage : public ::testing::TestWithParam<ProtocolKind> {};

TEST_P(MeasureMessage, finds_the_end_of_the_first_message) {
  std::size_t first = 0;
  std::vector<uint8_t> data = two_messages(GetParam(), &first);
  EXPECT_EQ(measure_message(GetParam(), data), first);
  std::span<const uint8_t> rest = std::span<const uint8_t>(data).subspan(first);
  EXPECT_EQ(measure_message(GetParam(), rest), rest.size());
}

TEST_P(MeasureMessage, asks_for_more_bytes_for_every_strict_prefix) {
  std::size_t first = 0;
  std::vector<uint8_t> data = two_messages(GetParam(), &first);
  for (std::size_t n = 0; n < first; ++n) {
    EXPECT_EQ(measure_message(GetParam(), std::span<const uint8_t>(data.data(), n)), std::nullopt)
        << "prefix of " << n << " bytes";
  }
}

TEST_P(MeasureMessage, an_incomplete_message_gives_a_lower_bound_on_its_length) {
  std::size_t first = 0;
  std::vector<uint8_t> data = two_messages(GetParam(), &first);
  for (std::size_t n = 0; n < first; ++n) {
    MessageExtent extent =
        measure_message_extent(GetParam(), std::span<const uint8_t>(data.data(), n));
    EXPECT_EQ(extent.size, 0u);
    EXPECT_GT(extent.at_least, n);
    EXPECT_LE(extent.at_least, first) << "prefix of " << n << " bytes";
  }
}

TEST_P(MeasureMessage, a_large_string_is_waited_for_in_one_step) {
  WriteBuffer out;
  with_writer(GetParam(), out, [&](auto& w) {
    write_message(w, "echo", MessageType::Call, 1, Args{{std::string(100000, 'x')}, 1});
  });
  MessageExtent extent = measure_message_extent(GetParam(), out.bytes().first(100));
  // Only the final i32 field (and the stops) are unknown at that point.
  EXPECT_GT(extent.at_least, 100000u);
  EXPECT_LE(extent.at_least, out.size());
}

TEST_P(MeasureMessage, a_message_known_to_exceed_the_frame_limit_is_rejected_early) {
  WriteBuffer out;
  with_writer(GetParam(), out, [&](auto& w) {
    write_message(w, "echo", MessageType::Call, 1, Args{{std::string(5000, 'x')}, 1});
  });
  DecodeLimits limits;
  limits.max_frame_bytes = 4096;
  EXPECT_THROW(measure_message_extent(GetParam(), out.bytes().first(64), limits), ProtocolError);
}

TEST_P(MeasureMessage, rejects_bytes_that_cannot_start_a_message) {
  std::vector<uint8_t> garbage{0x12, 0x34, 0x56, 0x78, 0x9a};
  if (GetParam() == ProtocolKind::Binary) garbage[0] = 0x80;  // strict marker, bad version
  EXPECT_THROW(measure_message(GetParam(), garbage), ProtocolError);
}

INSTANTIATE_TEST_SUITE_P(BothProtocols, MeasureMessage,
                         ::testing::Values(ProtocolKind::Binary, ProtocolKind::Compact),
                         [](const auto& info) {
                           return std::string(protocol_kind_name(info.param));
                         });

}  // namespace
