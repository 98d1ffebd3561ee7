// Byte-for-byte agreement with libthrift 0.17's TJSONProtocol: the same calls
// through Apache's protocol over a TMemoryBuffer and through JsonWriter
// produce identical text, JsonReader decodes Apache's text, and Apache
// decodes ours. Where Apache's reader is broken (it drops \u0000, and reads
// no negative field id or seqid), only our side is checked, and said so.
#include <thrift/TApplicationException.h>
#include <thrift/protocol/TMultiplexedProtocol.h>

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <corothrift/message.h>

#include "apache_adapter.h"

namespace {

using namespace corothrift;
using corothrift::testing::ApacheEndpoint;
using corothrift::testing::ApacheReader;
using corothrift::testing::ApacheWriter;
using Bytes = std::vector<uint8_t>;
namespace tag = corothrift::tag;

constexpr ProtocolKind kJson = ProtocolKind::Json;

template <class Script>
std::string ours(Script&& script) {
  WriteBuffer out;
  JsonWriter w(out);
  script(w);
  return std::string(out.view());
}

template <class Script>
std::string theirs(Script&& script) {
  ApacheEndpoint apache(kJson);
  ApacheWriter w(*apache.protocol);
  script(w);
  Bytes bytes = apache.bytes();
  return {bytes.begin(), bytes.end()};
}

ApacheEndpoint apache_reading(std::string_view text) {
  return ApacheEndpoint(kJson, Bytes(text.begin(), text.end()));
}

template <class F>
void read_ours(std::string_view text, F&& f) {
  ReadBuffer in(text);
  JsonReader r(in);
  f(r);
  EXPECT_TRUE(in.at_end()) << text;
}

enum class Shade : int32_t { Light = 1, Dark = 2 };

struct Inner {
  bool on = false;
  std::string label;
  friend bool operator==(const Inner&, const Inner&) = default;
  friend auto operator<=>(const Inner&, const Inner&) = default;

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
      if (f.id == 1) {
        read_field<tag::bool_>(r, f.type, on);
      } else if (f.id == 2) {
        read_field<tag::string>(r, f.type, label);
      } else {
        r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

// Every type, and every kind of map key (numbers, bools and doubles are
// quoted as keys; strings, structs and containers are keys as they are).
struct Sample {
  bool yes = true;
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
  std::map<double, std::string> by_double;
  std::map<bool, int8_t> by_bool;
  std::map<Inner, std::set<int32_t>> by_struct;
  std::vector<std::map<int64_t, std::vector<double>>> deep;
  std::optional<Inner> inner;
  friend bool operator==(const Sample&, const Sample&) = default;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("Sample");
    write_field<tag::bool_>(w, "yes", 1, yes);
    write_field<tag::i8>(w, "i8", 2, i8);
    write_field<tag::i16>(w, "i16", 3, i16);
    write_field<tag::i32>(w, "i32", 4, i32);
    write_field<tag::i64>(w, "i64", 5, i64);
    write_field<tag::double_>(w, "real", 6, real);
    write_field<tag::string>(w, "text", 7, text);
    write_field<tag::binary>(w, "blob", 8, blob);
    write_field<tag::enumeration<Shade>>(w, "shade", 9, shade);
    write_field<tag::list<tag::bool_>>(w, "bools", 10, bools);
    write_field<tag::list<tag::i32>>(w, "many", 11, many);
    write_field<tag::set<tag::string>>(w, "names", 12, names);
    write_field<tag::map<tag::string, tag::list<tag::i64>>>(w, "table", 13, table);
    write_field<tag::map<tag::i16, tag::structure<Inner>>>(w, "inners", 14, inners);
    write_field<tag::map<tag::double_, tag::string>>(w, "by_double", 15, by_double);
    write_field<tag::map<tag::bool_, tag::i8>>(w, "by_bool", 16, by_bool);
    write_field<tag::map<tag::structure<Inner>, tag::set<tag::i32>>>(w, "by_struct", 17, by_struct);
    write_field<tag::list<tag::map<tag::i64, tag::list<tag::double_>>>>(w, "deep", 32767, deep);
    write_field<tag::structure<Inner>>(w, "inner", 300, inner);
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
          read_field<tag::i8>(r, f.type, i8);
          break;
        case 3:
          read_field<tag::i16>(r, f.type, i16);
          break;
        case 4:
          read_field<tag::i32>(r, f.type, i32);
          break;
        case 5:
          read_field<tag::i64>(r, f.type, i64);
          break;
        case 6:
          read_field<tag::double_>(r, f.type, real);
          break;
        case 7:
          read_field<tag::string>(r, f.type, text);
          break;
        case 8:
          read_field<tag::binary>(r, f.type, blob);
          break;
        case 9:
          read_field<tag::enumeration<Shade>>(r, f.type, shade);
          break;
        case 10:
          read_field<tag::list<tag::bool_>>(r, f.type, bools);
          break;
        case 11:
          read_field<tag::list<tag::i32>>(r, f.type, many);
          break;
        case 12:
          read_field<tag::set<tag::string>>(r, f.type, names);
          break;
        case 13:
          read_field<tag::map<tag::string, tag::list<tag::i64>>>(r, f.type, table);
          break;
        case 14:
          read_field<tag::map<tag::i16, tag::structure<Inner>>>(r, f.type, inners);
          break;
        case 15:
          read_field<tag::map<tag::double_, tag::string>>(r, f.type, by_double);
          break;
        case 16:
          read_field<tag::map<tag::bool_, tag::i8>>(r, f.type, by_bool);
          break;
        case 17:
          read_field<tag::map<tag::structure<Inner>, tag::set<tag::i32>>>(r, f.type, by_struct);
          break;
        case 32767:
          read_field<tag::list<tag::map<tag::i64, tag::list<tag::double_>>>>(r, f.type, deep);
          break;
        case 300:
          read_field<tag::structure<Inner>>(r, f.type, inner);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

std::string all_bytes_but_nul() {
  std::string all;
  for (int i = 1; i < 256; ++i) all.push_back(static_cast<char>(i));
  return all;
}

Sample rich_sample() {
  Sample s;
  s.yes = false;
  s.i8 = std::numeric_limits<int8_t>::min();
  s.i16 = std::numeric_limits<int16_t>::min();
  s.i32 = std::numeric_limits<int32_t>::min();
  s.i64 = std::numeric_limits<int64_t>::min();
  s.real = -0.1;
  s.text = "caf\xc3\xa9 \"quoted\" back\\slash /slash\n\t\x01\x1f\x7f " + all_bytes_but_nul();
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  s.blob = Binary(std::string_view(all));
  s.shade = static_cast<Shade>(-7);
  s.bools = {true, false, false, true};
  for (int i = 0; i < 300; ++i) s.many.push_back(i * 7919 - 1000000);
  s.names = {"", "a", "zz", std::string(20, 'q')};
  s.table = {{"", {}}, {"big", {std::numeric_limits<int64_t>::max(), -1, 0, 1 << 20}}};
  s.inners = {{-5, Inner{true, "x"}}, {400, Inner{}}};
  s.by_double = {{-1.5, "neg"}, {0.0, "zero"}, {1e300, "huge"}, {3.141592653589793, "pi"}};
  s.by_bool = {{false, -1}, {true, 1}};
  s.by_struct = {{Inner{true, "k"}, {1, 2, 3}}, {Inner{}, {}}};
  s.deep = {{}, {{-1, {0.0, 1e-310, 1e308}}, {7, {}}}};
  s.inner = Inner{true, std::string(5000, 'y')};
  return s;
}

void expect_agreement(const Sample& value) {
  std::string mine = ours([&](auto& w) { value.write(w); });
  std::string apache = theirs([&](auto& w) { value.write(w); });
  ASSERT_EQ(mine, apache);

  Sample decoded_by_us;
  read_ours(apache, [&](JsonReader& r) { decoded_by_us.read(r); });
  EXPECT_EQ(decoded_by_us, value);

  ApacheEndpoint endpoint = apache_reading(mine);
  ApacheReader r(*endpoint.protocol);
  Sample decoded_by_apache;
  decoded_by_apache.read(r);
  EXPECT_EQ(decoded_by_apache, value);
  EXPECT_EQ(endpoint.available(), 0u);
}

TEST(ApacheJsonBytes, a_default_struct_matches) {
  EXPECT_EQ(ours([](auto& w) { Inner{}.write(w); }), R"({"1":{"tf":0},"2":{"str":""}})");
  expect_agreement(Sample{});
}

TEST(ApacheJsonBytes, a_struct_of_every_type_and_map_key_kind_matches) {
  expect_agreement(rich_sample());
}

TEST(ApacheJsonBytes, maximum_values_match) {
  Sample s = rich_sample();
  s.i8 = std::numeric_limits<int8_t>::max();
  s.i16 = std::numeric_limits<int16_t>::max();
  s.i32 = std::numeric_limits<int32_t>::max();
  s.i64 = std::numeric_limits<int64_t>::max();
  s.real = std::numeric_limits<double>::max();
  s.inner.reset();
  expect_agreement(s);
}

TEST(ApacheJsonBytes, map_keys_are_quoted_numbers_as_apache_writes_them) {
  std::map<int16_t, Inner> m{{-5, Inner{true, "x"}}};
  std::string text =
      ours([&](auto& w) { write_value<tag::map<tag::i16, tag::structure<Inner>>>(w, m); });
  EXPECT_EQ(text, R"(["i16","rec",1,{"-5":{"1":{"tf":1},"2":{"str":"x"}}}])");
  std::map<double, bool> d{{1.5, true}};
  EXPECT_EQ(ours([&](auto& w) { write_value<tag::map<tag::double_, tag::bool_>>(w, d); }),
            R"(["dbl","tf",1,{"1.5":1}])");
}

TEST(ApacheJsonBytes, doubles_match_including_nan_and_the_infinities) {
  for (double d :
       {0.0, -0.0, 0.1, -1.5, 1e100, 1e-5, 123456789012345678.0, 3.141592653589793,
        std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::denorm_min(),
        std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max(),
        std::numeric_limits<double>::min()}) {
    auto script = [&](auto& w) {
      w.write_list_begin(TType::Double, 1);
      w.write_double(d);
      w.write_list_end();
    };
    std::string mine = ours(script);
    ASSERT_EQ(mine, theirs(script)) << d;
    ApacheEndpoint endpoint = apache_reading(mine);
    apache::thrift::protocol::TType elem;
    uint32_t size = 0;
    endpoint.protocol->readListBegin(elem, size);
    double apache_back = 0;
    endpoint.protocol->readDouble(apache_back);
    double our_back = 0;
    read_ours(mine, [&](JsonReader& r) {
      r.read_list_begin();
      our_back = r.read_double();
      r.read_list_end();
    });
    if (std::isnan(d)) {
      EXPECT_TRUE(std::isnan(apache_back));
      EXPECT_TRUE(std::isnan(our_back));
    } else {
      EXPECT_EQ(std::bit_cast<uint64_t>(apache_back), std::bit_cast<uint64_t>(d)) << mine;
      EXPECT_EQ(std::bit_cast<uint64_t>(our_back), std::bit_cast<uint64_t>(d)) << mine;
    }
  }
  EXPECT_EQ(ours([](auto& w) { w.write_double(std::numeric_limits<double>::quiet_NaN()); }),
            "\"NaN\"");
  EXPECT_EQ(ours([](auto& w) { w.write_double(-std::numeric_limits<double>::infinity()); }),
            "\"-Infinity\"");
}

TEST(ApacheJsonBytes, integers_of_every_width_match) {
  auto script = [](auto& w) {
    w.write_list_begin(TType::I64, 64 * 5);
    for (int shift = 0; shift < 64; ++shift) {
      uint64_t bit = uint64_t{1} << shift;
      w.write_i64(static_cast<int64_t>(bit));
      w.write_i64(static_cast<int64_t>(0 - bit));
      w.write_i64(static_cast<int64_t>(bit - 1));
      w.write_i32(static_cast<int32_t>(bit));
      w.write_i16(static_cast<int16_t>(bit));
    }
    w.write_list_end();
  };
  EXPECT_EQ(ours(script), theirs(script));
  auto bytes = [](auto& w) {
    for (int v : {-128, -1, 0, 1, 127}) w.write_byte(static_cast<int8_t>(v));
  };
  EXPECT_EQ(ours(bytes), theirs(bytes));
}

TEST(ApacheJsonBytes, strings_escape_exactly_as_apache_does_and_decode_back) {
  std::string text = all_bytes_but_nul() + "\xf0\x9f\x98\x80 end";
  auto script = [&](auto& w) { w.write_string(text); };
  std::string mine = ours(script);
  ASSERT_EQ(mine, theirs(script));
  EXPECT_NE(mine.find(R"(\u0001\u0002)"), std::string::npos);
  EXPECT_NE(mine.find(R"(\b\t\n\u000b\f\r\u000e)"), std::string::npos);
  EXPECT_NE(mine.find(R"( !\"#)"), std::string::npos);
  EXPECT_NE(mine.find(R"([\\])"), std::string::npos);
  std::string back;
  read_ours(mine, [&](JsonReader& r) { r.read_string(back); });
  EXPECT_EQ(back, text);
  std::string apache_back;
  apache_reading(mine).protocol->readString(apache_back);
  EXPECT_EQ(apache_back, text);
}

TEST(ApacheJsonBytes, a_nul_byte_is_written_as_apache_writes_it_and_read_back) {
  std::string text("a\0b", 3);
  auto script = [&](auto& w) { w.write_string(text); };
  ASSERT_EQ(ours(script), theirs(script));
  EXPECT_EQ(ours(script), R"("a\u0000b")");
  std::string back;
  read_ours(ours(script), [&](JsonReader& r) { r.read_string(back); });
  EXPECT_EQ(back, text);  // libthrift 0.17 reads "ab" here: not checked
}

TEST(ApacheJsonBytes, unicode_escapes_and_surrogate_pairs_decode_as_apache_decodes_them) {
  for (std::string_view json :
       {R"("\u00e9")", R"("\u20ac")", R"("\ud83d\ude00")", R"("x\u0041\u00ff\uffffy")",
        R"("\"\\\b\f\n\r\t")", R"("\ud800\udc00\udbff\udfff")"}) {
    std::string apache_back;
    apache_reading(json).protocol->readString(apache_back);
    std::string our_back;
    read_ours(json, [&](JsonReader& r) { r.read_string(our_back); });
    EXPECT_EQ(our_back, apache_back) << json;
  }
  std::string upper;
  read_ours(R"("\u00E9")", [&](JsonReader& r) { r.read_string(upper); });
  EXPECT_EQ(upper, "\xc3\xa9");  // JSON allows either case; libthrift only lowercase
  std::string slash;
  read_ours(R"("a\/b")", [&](JsonReader& r) { r.read_string(slash); });
  EXPECT_EQ(slash, "a/b");  // JSON's \/, which libthrift rejects and Apache Python reads
}

TEST(ApacheJsonBytes, binary_is_unpadded_base64_and_padding_is_accepted) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(255 - i));
  for (std::size_t n = 0; n <= 7; ++n) {
    std::string value = all.substr(0, n) + (n == 7 ? all : "");
    auto script = [&](auto& w) { w.write_binary(std::string_view(value)); };
    std::string mine = ours(script);
    ASSERT_EQ(mine, theirs(script)) << n;
    EXPECT_EQ(mine.find('='), std::string::npos);
    std::string back;
    read_ours(mine, [&](JsonReader& r) { r.read_binary(back); });
    EXPECT_EQ(back, value);
    std::string apache_back;
    apache_reading(mine).protocol->readBinary(apache_back);
    EXPECT_EQ(apache_back, value);
  }
  EXPECT_EQ(ours([](auto& w) { w.write_binary(std::string_view("\x01")); }), R"("AQ")");
  for (std::string_view padded : {R"("AQ==")", R"("AQI=")", R"("AQID")"}) {
    std::string apache_back;
    apache_reading(padded).protocol->readBinary(apache_back);
    std::string our_back;
    read_ours(padded, [&](JsonReader& r) { r.read_binary(our_back); });
    EXPECT_EQ(our_back, apache_back) << padded;
  }
}

TEST(ApacheJsonBytes, empty_and_small_containers_of_every_kind_match) {
  auto script = [](auto& w) {
    w.write_list_begin(TType::List, 3);
    w.write_list_begin(TType::Struct, 0);
    w.write_list_end();
    w.write_set_begin(TType::String, 0);
    w.write_set_end();
    w.write_map_begin(TType::I32, TType::Double, 0);
    w.write_map_end();
    w.write_list_end();
    w.write_set_begin(TType::Byte, 3);
    for (int i = 0; i < 3; ++i) w.write_byte(static_cast<int8_t>(i));
    w.write_set_end();
  };
  EXPECT_EQ(ours(script), theirs(script));
  EXPECT_EQ(ours(script), R"(["lst",3,["rec",0],["str",0],["i32","dbl",0,{}]]["i8",3,0,1,2])");
}

TEST(ApacheJsonBytes, message_headers_of_every_type_match) {
  for (MessageType type :
       {MessageType::Call, MessageType::Reply, MessageType::Exception, MessageType::Oneway}) {
    for (int32_t seqid :
         {0, 1, 77, std::numeric_limits<int32_t>::max(), -1, std::numeric_limits<int32_t>::min()}) {
      auto script = [&](auto& w) {
        w.write_message_begin("testMethod", type, seqid);
        Inner{true, "v"}.write(w);
        w.write_message_end();
      };
      std::string mine = ours(script);
      ASSERT_EQ(mine, theirs(script));
      MessageHeader header;
      Inner body;
      read_ours(mine, [&](JsonReader& r) {
        header = r.read_message_begin();
        body.read(r);
        r.read_message_end();
      });
      EXPECT_EQ(header, (MessageHeader{"testMethod", type, seqid}));
      EXPECT_EQ(body, (Inner{true, "v"}));
      EXPECT_EQ(measure_message(
                    kJson, std::span(reinterpret_cast<const uint8_t*>(mine.data()), mine.size())),
                mine.size());
      if (seqid < 0) continue;  // libthrift 0.17 reads no negative seqid
      ApacheEndpoint endpoint = apache_reading(mine);
      std::string name;
      apache::thrift::protocol::TMessageType apache_type;
      int32_t apache_seqid = 0;
      endpoint.protocol->readMessageBegin(name, apache_type, apache_seqid);
      EXPECT_EQ(name, "testMethod");
      EXPECT_EQ(static_cast<int>(apache_type), static_cast<int>(type));
      EXPECT_EQ(apache_seqid, seqid);
    }
  }
  EXPECT_EQ(ours([](auto& w) {
              w.write_message_begin("add", MessageType::Call, 7);
              Inner{}.write(w);
              w.write_message_end();
            }),
            R"([1,"add",1,7,{"1":{"tf":0},"2":{"str":""}}])");
}

TEST(ApacheJsonBytes, a_multiplexed_call_name_matches_tmultiplexedprotocol) {
  ApacheEndpoint apache(kJson);
  apache::thrift::protocol::TMultiplexedProtocol mux(apache.protocol, "Calculator");
  mux.writeMessageBegin("add", apache::thrift::protocol::T_CALL, 5);
  std::string mine = ours([](auto& w) {
    w.write_message_begin(join_multiplexed_name("Calculator", "add"), MessageType::Call, 5);
  });
  Bytes apache_bytes = apache.bytes();
  // Apache leaves the ',' before the body to the body; ours belongs to the header.
  EXPECT_EQ(mine, std::string(apache_bytes.begin(), apache_bytes.end()) + ",");
}

TEST(ApacheJsonBytes, tapplicationexception_matches_for_every_type) {
  using Type = TApplicationException::Type;
  for (int code = 0; code <= 10; ++code) {
    TApplicationException mine(static_cast<Type>(code), "went \"wrong\"");
    apache::thrift::TApplicationException theirs_ex(
        static_cast<apache::thrift::TApplicationException::TApplicationExceptionType>(code),
        "went \"wrong\"");
    ApacheEndpoint apache(kJson);
    theirs_ex.write(apache.protocol.get());
    std::string encoded = ours([&](auto& w) { mine.write(w); });
    Bytes apache_bytes = apache.bytes();
    ASSERT_EQ(encoded, std::string(apache_bytes.begin(), apache_bytes.end()));

    TApplicationException back;
    deserialize(kJson, apache_bytes, back);
    EXPECT_EQ(back, mine);

    ApacheEndpoint reader = apache_reading(encoded);
    apache::thrift::TApplicationException decoded;
    decoded.read(reader.protocol.get());
    EXPECT_EQ(static_cast<int>(decoded.getType()), code);
    EXPECT_STREQ(decoded.what(), "went \"wrong\"");
  }
}

TEST(ApacheJsonBytes, each_side_skips_every_field_the_other_writes) {
  std::string mine = ours([](auto& w) { rich_sample().write(w); });
  ApacheEndpoint endpoint = apache_reading(mine);
  apache::thrift::protocol::skip(*endpoint.protocol, apache::thrift::protocol::T_STRUCT);
  EXPECT_EQ(endpoint.available(), 0u);
  read_ours(theirs([](auto& w) { rich_sample().write(w); }),
            [](JsonReader& r) { r.skip(TType::Struct); });
}

}  // namespace
