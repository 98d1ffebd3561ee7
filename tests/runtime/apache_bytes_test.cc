// Byte-for-byte agreement with Apache Thrift's C++ library (libthrift 0.17):
// the same calls through Apache's TBinaryProtocol/TCompactProtocol over a
// TMemoryBuffer and through ours produce identical bytes, ours decodes
// Apache's bytes, and Apache decodes ours. (libthrift 0.17 has no uuid: the
// protocol tests check uuid against the specification's bytes instead.)
#include <thrift/TApplicationException.h>
#include <thrift/protocol/TMultiplexedProtocol.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <corothrift/detail/message.h>

#include "apache_adapter.h"

namespace {

using namespace corothrift;
using corothrift::testing::ApacheEndpoint;
using corothrift::testing::ApacheReader;
using corothrift::testing::ApacheWriter;
using Bytes = std::vector<uint8_t>;
namespace tag = corothrift::tag;

template <class Script>
Bytes ours(ProtocolKind kind, Script&& script) {
  WriteBuffer out;
  with_writer(kind, out, script);
  return {out.data(), out.data() + out.size()};
}

template <class Script>
Bytes theirs(ProtocolKind kind, Script&& script) {
  ApacheEndpoint apache(kind);
  ApacheWriter w(*apache.protocol);
  script(w);
  return apache.bytes();
}

enum class Shade : int32_t { Light = 1, Dark = 2 };

struct Inner {
  bool on = false;
  std::string label;
  friend bool operator==(const Inner&, const Inner&) = default;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("Inner");
    write_field<tag::bool_>(w, "on", 1, on);
    write_field<tag::string>(w, "label", 2, label);
    w.write_field_stop();
    w.write_struct_end();
  }
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (auto f = r.read_field_begin(); f.type != TType::Stop; f = r.read_field_begin()) {
      switch (f.id) {
        case 1:
          read_field<tag::bool_>(r, f.type, on);
          break;
        case 2:
          read_field<tag::string>(r, f.type, label);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

// Field ids chosen to exercise compact deltas (1..15), long jumps, going
// backwards and negative ids; bools in fields, lists and maps.
struct Sample {
  bool yes = false;
  bool no = true;
  int8_t i8 = 0;
  int16_t i16 = 0;
  int32_t i32 = 0;
  int64_t i64 = 0;
  double real = 0;
  std::string text;
  Binary blob;
  Shade shade = Shade::Light;
  std::vector<bool> bools;
  std::vector<int32_t> many;
  std::set<std::string> names;
  std::map<std::string, std::vector<int64_t>> table;
  std::map<int16_t, Inner> inners;
  std::vector<std::map<bool, std::set<double>>> deep;
  Inner inner;
  std::optional<int32_t> maybe;
  friend bool operator==(const Sample&, const Sample&) = default;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("Sample");
    write_field<tag::bool_>(w, "yes", 1, yes);
    write_field<tag::bool_>(w, "no", 2, no);
    write_field<tag::i8>(w, "i8", 3, i8);
    write_field<tag::i16>(w, "i16", 4, i16);
    write_field<tag::i32>(w, "i32", 5, i32);
    write_field<tag::i64>(w, "i64", 6, i64);
    write_field<tag::double_>(w, "real", 7, real);
    write_field<tag::string>(w, "text", 8, text);
    write_field<tag::binary>(w, "blob", 9, blob);
    write_field<tag::enumeration<Shade>>(w, "shade", 10, shade);
    write_field<tag::list<tag::bool_>>(w, "bools", 25, bools);
    write_field<tag::list<tag::i32>>(w, "many", 26, many);
    write_field<tag::set<tag::string>>(w, "names", 12, names);
    write_field<tag::map<tag::string, tag::list<tag::i64>>>(w, "table", 300, table);
    write_field<tag::map<tag::i16, tag::structure<Inner>>>(w, "inners", -1, inners);
    write_field<tag::list<tag::map<tag::bool_, tag::set<tag::double_>>>>(w, "deep", -32768, deep);
    write_field<tag::structure<Inner>>(w, "inner", 32767, inner);
    write_field<tag::i32>(w, "maybe", 16, maybe);
    w.write_field_stop();
    w.write_struct_end();
  }

  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (auto f = r.read_field_begin(); f.type != TType::Stop; f = r.read_field_begin()) {
      switch (f.id) {
        case 1:
          read_field<tag::bool_>(r, f.type, yes);
          break;
        case 2:
          read_field<tag::bool_>(r, f.type, no);
          break;
        case 3:
          read_field<tag::i8>(r, f.type, i8);
          break;
        case 4:
          read_field<tag::i16>(r, f.type, i16);
          break;
        case 5:
          read_field<tag::i32>(r, f.type, i32);
          break;
        case 6:
          read_field<tag::i64>(r, f.type, i64);
          break;
        case 7:
          read_field<tag::double_>(r, f.type, real);
          break;
        case 8:
          read_field<tag::string>(r, f.type, text);
          break;
        case 9:
          read_field<tag::binary>(r, f.type, blob);
          break;
        case 10:
          read_field<tag::enumeration<Shade>>(r, f.type, shade);
          break;
        case 25:
          read_field<tag::list<tag::bool_>>(r, f.type, bools);
          break;
        case 26:
          read_field<tag::list<tag::i32>>(r, f.type, many);
          break;
        case 12:
          read_field<tag::set<tag::string>>(r, f.type, names);
          break;
        case 300:
          read_field<tag::map<tag::string, tag::list<tag::i64>>>(r, f.type, table);
          break;
        case -1:
          read_field<tag::map<tag::i16, tag::structure<Inner>>>(r, f.type, inners);
          break;
        case -32768:
          read_field<tag::list<tag::map<tag::bool_, tag::set<tag::double_>>>>(r, f.type, deep);
          break;
        case 32767:
          read_field<tag::structure<Inner>>(r, f.type, inner);
          break;
        case 16:
          read_field<tag::i32>(r, f.type, maybe);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

Sample extreme_sample() {
  Sample s;
  s.yes = true;
  s.no = false;
  s.i8 = std::numeric_limits<int8_t>::min();
  s.i16 = std::numeric_limits<int16_t>::min();
  s.i32 = std::numeric_limits<int32_t>::min();
  s.i64 = std::numeric_limits<int64_t>::min();
  s.real = -std::numeric_limits<double>::infinity();
  s.text = std::string("caf\xc3\xa9 \0 nul", 11);
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  s.blob = Binary(std::string_view(all));
  s.shade = static_cast<Shade>(-7);
  s.bools = {true, false, false, true};
  for (int i = 0; i < 300; ++i) s.many.push_back(i * 7919 - 1000000);
  s.names = {"", "a", "zz", std::string(20, 'q')};
  s.table = {{"", {}}, {"big", {std::numeric_limits<int64_t>::max(), -1, 0, 1 << 20}}};
  s.inners = {{-5, Inner{true, "x"}}, {400, Inner{}}};
  s.deep = {{}, {{true, {0.0, 1e-310, 1e308}}, {false, {}}}};
  s.inner = Inner{true, std::string(5000, 'y')};
  s.maybe = std::numeric_limits<int32_t>::max();
  return s;
}

Sample maximal_sample() {
  Sample s = extreme_sample();
  s.i8 = std::numeric_limits<int8_t>::max();
  s.i16 = std::numeric_limits<int16_t>::max();
  s.i32 = std::numeric_limits<int32_t>::max();
  s.i64 = std::numeric_limits<int64_t>::max();
  s.real = std::numeric_limits<double>::max();
  s.maybe.reset();
  return s;
}

class ApacheBytes : public ::testing::TestWithParam<ProtocolKind> {
 protected:
  ProtocolKind kind() const { return GetParam(); }

  // Same bytes both ways, and each side decodes the other's to the same value.
  void expect_agreement(const Sample& value) {
    Bytes mine = ours(kind(), [&](auto& w) { value.write(w); });
    Bytes apache = theirs(kind(), [&](auto& w) { value.write(w); });
    ASSERT_EQ(mine, apache);

    Sample decoded_by_us;
    EXPECT_EQ(deserialize(kind(), apache, decoded_by_us), apache.size());
    EXPECT_EQ(decoded_by_us, value);

    ApacheEndpoint endpoint(kind(), mine);
    ApacheReader r(*endpoint.protocol);
    Sample decoded_by_apache;
    decoded_by_apache.read(r);
    EXPECT_EQ(decoded_by_apache, value);
    EXPECT_EQ(endpoint.available(), 0u);
  }
};

TEST_P(ApacheBytes, a_default_struct_matches) { expect_agreement(Sample{}); }

TEST_P(ApacheBytes, a_struct_of_minimum_values_and_nested_containers_matches) {
  expect_agreement(extreme_sample());
}

TEST_P(ApacheBytes, a_struct_of_maximum_values_matches) { expect_agreement(maximal_sample()); }

TEST_P(ApacheBytes, special_doubles_match_bit_for_bit) {
  for (double d :
       {0.0, -0.0, std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::infinity(), std::numeric_limits<double>::denorm_min(),
        std::numeric_limits<double>::lowest(), 3.141592653589793}) {
    auto script = [&](auto& w) { w.write_double(d); };
    Bytes mine = ours(kind(), script);
    EXPECT_EQ(mine, theirs(kind(), script)) << d;
    ApacheEndpoint endpoint(kind(), mine);
    double back = 0;
    endpoint.protocol->readDouble(back);
    EXPECT_EQ(std::bit_cast<uint64_t>(back), std::bit_cast<uint64_t>(d));
  }
}

TEST_P(ApacheBytes, integers_across_every_varint_length_match) {
  auto script = [](auto& w) {
    for (int shift = 0; shift < 64; ++shift) {
      uint64_t bit = uint64_t{1} << shift;  // unsigned: -bit and bit - 1 wrap as intended
      auto v = static_cast<int64_t>(bit);
      w.write_i64(v);
      w.write_i64(static_cast<int64_t>(0 - bit));
      w.write_i64(static_cast<int64_t>(bit - 1));
      w.write_i32(static_cast<int32_t>(v));
      w.write_i16(static_cast<int16_t>(v));
    }
  };
  EXPECT_EQ(ours(kind(), script), theirs(kind(), script));
}

TEST_P(ApacheBytes, a_large_string_matches) {
  std::string big(3 << 20, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 131);
  auto script = [&](auto& w) { w.write_string(big); };
  Bytes mine = ours(kind(), script);
  EXPECT_EQ(mine, theirs(kind(), script));
  ReadBuffer in{std::span<const uint8_t>(mine)};
  std::string back;
  with_reader(kind(), in, kDefaultDecodeLimits, [&](auto& r) { r.read_string(back); });
  EXPECT_EQ(back, big);
}

TEST_P(ApacheBytes, empty_containers_of_every_kind_match) {
  auto script = [](auto& w) {
    w.write_list_begin(TType::Struct, 0);
    w.write_list_end();
    w.write_set_begin(TType::String, 0);
    w.write_set_end();
    w.write_map_begin(TType::I32, TType::Double, 0);
    w.write_map_end();
    w.write_list_begin(TType::Bool, 14);
    for (int i = 0; i < 14; ++i) w.write_bool(i % 3 == 0);
    w.write_list_end();
    w.write_set_begin(TType::Byte, 15);
    for (int i = 0; i < 15; ++i) w.write_byte(static_cast<int8_t>(i));
    w.write_set_end();
  };
  EXPECT_EQ(ours(kind(), script), theirs(kind(), script));
}

TEST_P(ApacheBytes, message_headers_of_every_type_match) {
  for (MessageType type :
       {MessageType::Call, MessageType::Reply, MessageType::Exception, MessageType::Oneway}) {
    for (int32_t seqid :
         {0, 1, -1, std::numeric_limits<int32_t>::max(), std::numeric_limits<int32_t>::min()}) {
      auto script = [&](auto& w) {
        w.write_message_begin("testMethod", type, seqid);
        w.write_struct_begin("args");
        w.write_field_stop();
        w.write_struct_end();
        w.write_message_end();
      };
      Bytes mine = ours(kind(), script);
      ASSERT_EQ(mine, theirs(kind(), script));
      ReadBuffer in{std::span<const uint8_t>(mine)};
      with_reader(kind(), in, kDefaultDecodeLimits, [&](auto& r) {
        EXPECT_EQ(r.read_message_begin(), (MessageHeader{"testMethod", type, seqid}));
      });
      EXPECT_EQ(measure_message(kind(), mine), mine.size());
    }
  }
}

TEST_P(ApacheBytes, a_multiplexed_call_name_matches_tmultiplexedprotocol) {
  ApacheEndpoint apache(kind());
  apache::thrift::protocol::TMultiplexedProtocol mux(apache.protocol, "Calculator");
  mux.writeMessageBegin("add", apache::thrift::protocol::T_CALL, 5);
  Bytes mine = ours(kind(), [](auto& w) {
    w.write_message_begin(join_multiplexed_name("Calculator", "add"), MessageType::Call, 5);
  });
  EXPECT_EQ(mine, apache.bytes());
}

TEST_P(ApacheBytes, tapplicationexception_matches_for_every_type) {
  using Type = TApplicationException::Type;
  for (int code = 0; code <= 10; ++code) {
    TApplicationException mine(static_cast<Type>(code), "went wrong");
    apache::thrift::TApplicationException theirs_ex(
        static_cast<apache::thrift::TApplicationException::TApplicationExceptionType>(code),
        "went wrong");
    ApacheEndpoint apache(kind());
    theirs_ex.write(apache.protocol.get());
    Bytes encoded = ours(kind(), [&](auto& w) { mine.write(w); });
    ASSERT_EQ(encoded, apache.bytes());

    TApplicationException back;
    deserialize(kind(), apache.bytes(), back);
    EXPECT_EQ(back, mine);

    ApacheEndpoint reader(kind(), encoded);
    apache::thrift::TApplicationException decoded;
    decoded.read(reader.protocol.get());
    EXPECT_EQ(static_cast<int>(decoded.getType()), code);
    EXPECT_STREQ(decoded.what(), "went wrong");
  }
}

TEST_P(ApacheBytes, apache_skips_every_field_we_write) {
  Bytes mine = ours(kind(), [](auto& w) { extreme_sample().write(w); });
  ApacheEndpoint endpoint(kind(), mine);
  apache::thrift::protocol::skip(*endpoint.protocol, apache::thrift::protocol::T_STRUCT);
  EXPECT_EQ(endpoint.available(), 0u);
}

INSTANTIATE_TEST_SUITE_P(BothProtocols, ApacheBytes,
                         ::testing::Values(ProtocolKind::Binary, ProtocolKind::Compact),
                         [](const auto& info) {
                           return std::string(protocol_kind_name(info.param));
                         });

}  // namespace
