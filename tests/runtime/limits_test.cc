// Hostile input: every length is checked against the limits and the bytes
// present before anything is allocated, nesting is bounded, and no input
// makes a reader do anything but return or throw ProtocolError.
#include <corothrift/message.h>
#include <corothrift/protocol.h>

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "wire_bytes.h"

namespace {

using namespace corothrift;
using corothrift::testing::bytes;
using corothrift::testing::Bytes;
using corothrift::testing::operator+;
namespace tag = corothrift::tag;

using Kind = ProtocolError::Kind;

// Runs f with a reader of the given protocol over data and returns the kind
// of ProtocolError it threw (the test fails if it threw nothing).
template <class F>
Kind error_kind(ProtocolKind protocol, const Bytes& data, F&& f,
                const DecodeLimits& limits = kDefaultDecodeLimits) {
  ReadBuffer in{std::span<const uint8_t>(data)};
  try {
    with_reader(protocol, in, limits, f);
  } catch (const ProtocolError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no ProtocolError";
  return Kind::InvalidData;
}

auto read_string = [](auto& r) {
  std::string s;
  r.read_string(s);
};

TEST(Limits, a_binary_string_longer_than_the_input_is_truncated_not_allocated) {
  EXPECT_EQ(error_kind(ProtocolKind::Binary, bytes({0x7f, 0xff, 0xff, 0xff, 'a'}), read_string,
                       DecodeLimits{.max_string_bytes = 0x7fffffff}),
            Kind::Truncated);
}

TEST(Limits, a_string_over_the_string_limit_is_rejected) {
  DecodeLimits limits;
  limits.max_string_bytes = 3;
  EXPECT_EQ(error_kind(ProtocolKind::Binary, bytes({0, 0, 0, 4, 'a', 'b', 'c', 'd'}), read_string,
                       limits),
            Kind::SizeLimit);
  EXPECT_EQ(error_kind(ProtocolKind::Compact, bytes({4, 'a', 'b', 'c', 'd'}), read_string, limits),
            Kind::SizeLimit);
}

TEST(Limits, a_negative_string_length_is_rejected) {
  EXPECT_EQ(error_kind(ProtocolKind::Binary, bytes({0xff, 0xff, 0xff, 0xfe}), read_string),
            Kind::NegativeSize);
  EXPECT_EQ(error_kind(ProtocolKind::Compact, bytes({0xff, 0xff, 0xff, 0xff, 0x0f}), read_string),
            Kind::NegativeSize);
}

TEST(Limits, a_list_claiming_more_elements_than_bytes_left_is_rejected_before_allocating) {
  // 2^31-1 i64 elements would need 16 GiB of input.
  auto read_list = [](auto& r) {
    std::vector<int64_t> v;
    read_value<tag::list<tag::i64>>(r, v);
  };
  DecodeLimits limits;
  limits.max_container_elements = 0x7fffffff;
  EXPECT_EQ(error_kind(ProtocolKind::Binary, bytes({10, 0x7f, 0xff, 0xff, 0xff, 0, 0}), read_list,
                       limits),
            Kind::Truncated);
  EXPECT_EQ(error_kind(ProtocolKind::Compact, bytes({0xf6, 0xff, 0xff, 0xff, 0xff, 0x07, 0, 0}),
                       read_list, limits),
            Kind::Truncated);
}

TEST(Limits, a_map_counts_both_key_and_value_bytes) {
  // Three i32 -> i64 pairs need 36 bytes in binary; 30 are present.
  Bytes data = bytes({8, 10, 0, 0, 0, 3}) + Bytes(30, 0);
  auto read_map = [](auto& r) {
    std::map<int32_t, int64_t> m;
    read_value<tag::map<tag::i32, tag::i64>>(r, m);
  };
  EXPECT_EQ(error_kind(ProtocolKind::Binary, data, read_map), Kind::Truncated);
}

TEST(Limits, a_long_list_of_bad_elements_fails_before_allocating_for_all_of_them) {
  // Four million one-byte strings claimed, each element a bad length: the
  // decoder must fail on the first, not first build 4M std::strings (128 MiB).
  Bytes data = bytes({0xf8, 0x80, 0x80, 0x80, 0x02}) + Bytes(4u << 20, 0xff);
  std::vector<std::string> v;
  ReadBuffer in{std::span<const uint8_t>(data)};
  CompactReader r(in);
  EXPECT_THROW((read_value<tag::list<tag::string>>(r, v)), ProtocolError);
  EXPECT_LT(v.capacity(), 100000u);
}

TEST(Limits, a_container_over_the_element_limit_is_rejected) {
  DecodeLimits limits;
  limits.max_container_elements = 2;
  auto read_list = [](auto& r) {
    std::vector<int8_t> v;
    read_value<tag::list<tag::i8>>(r, v);
  };
  EXPECT_EQ(error_kind(ProtocolKind::Binary, bytes({3, 0, 0, 0, 3, 1, 2, 3}), read_list, limits),
            Kind::SizeLimit);
  EXPECT_EQ(error_kind(ProtocolKind::Compact, bytes({0x33, 1, 2, 3}), read_list, limits),
            Kind::SizeLimit);
}

TEST(Limits, a_negative_container_size_is_rejected) {
  auto skip_list = [](auto& r) { r.skip(TType::List); };
  EXPECT_EQ(error_kind(ProtocolKind::Binary, bytes({8, 0x80, 0, 0, 0}), skip_list),
            Kind::NegativeSize);
  EXPECT_EQ(
      error_kind(ProtocolKind::Compact, bytes({0xf5, 0xff, 0xff, 0xff, 0xff, 0x0f}), skip_list),
      Kind::NegativeSize);
}

// Structs nested depth deep, each as field 1 of the next.
Bytes nested_structs(ProtocolKind protocol, int depth) {
  WriteBuffer out;
  with_writer(protocol, out, [&](auto& w) {
    for (int i = 0; i < depth; ++i) {
      w.write_struct_begin("S");
      w.write_field_begin("s", TType::Struct, 1);
    }
    w.write_struct_begin("S");
    for (int i = 0; i <= depth; ++i) {
      w.write_field_stop();
      w.write_struct_end();
    }
  });
  return Bytes(out.data(), out.data() + out.size());
}

TEST(Limits, nesting_deeper_than_the_limit_is_rejected_while_skipping) {
  for (ProtocolKind protocol : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    auto skip = [](auto& r) { r.skip(TType::Struct); };
    EXPECT_EQ(error_kind(protocol, nested_structs(protocol, 10000), skip), Kind::DepthLimit);

    Bytes ok = nested_structs(protocol, 63);
    ReadBuffer in{std::span<const uint8_t>(ok)};
    EXPECT_NO_THROW(with_reader(protocol, in, kDefaultDecodeLimits, skip));
    EXPECT_TRUE(in.at_end());
  }
}

struct Chain {
  Box<Chain> next;
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (auto f = r.read_field_begin(); f.type != TType::Stop; f = r.read_field_begin()) {
      if (f.id == 1) {
        read_field<tag::structure<Chain>>(r, f.type, next);
      } else {
        r.skip(f.type);
      }
    }
    r.read_struct_end();
  }
};

TEST(Limits, nesting_deeper_than_the_limit_is_rejected_while_reading_a_recursive_type) {
  for (ProtocolKind protocol : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    EXPECT_EQ(error_kind(protocol, nested_structs(protocol, 100000),
                         [](auto& r) {
                           Chain c;
                           c.read(r);
                         }),
              Kind::DepthLimit);
  }
}

TEST(Limits, nested_containers_count_towards_the_depth) {
  // list<list<list<...>>>, 100 levels, each holding one element.
  Bytes data;
  for (int i = 0; i < 100; ++i) data.push_back(0x19);
  data.push_back(0x00);
  auto skip = [](auto& r) { r.skip(TType::List); };
  EXPECT_EQ(error_kind(ProtocolKind::Compact, data, skip), Kind::DepthLimit);
}

TEST(Limits, a_message_over_the_frame_limit_cannot_be_measured) {
  DecodeLimits limits;
  limits.max_frame_bytes = 64;
  WriteBuffer out;
  BinaryWriter w(out);
  w.write_message_begin("m", MessageType::Call, 1);
  w.write_struct_begin("args");
  w.write_field_begin("s", TType::String, 1);
  w.write_string(std::string(100, 'x'));
  w.write_field_stop();
  w.write_struct_end();
  try {
    measure_message(ProtocolKind::Binary, out.bytes(), limits);
    FAIL() << "measured a message over the frame limit";
  } catch (const ProtocolError& e) {
    EXPECT_EQ(e.kind(), Kind::SizeLimit);
  }
}

// A struct with most kinds of fields, used as the seed for mutations.
Bytes seed_message(ProtocolKind protocol) {
  WriteBuffer out;
  with_writer(protocol, out, [](auto& w) {
    w.write_message_begin("method", MessageType::Call, 42);
    w.write_struct_begin("args");
    write_field<tag::map<tag::string, tag::list<tag::i64>>>(
        w, "m", 1, std::map<std::string, std::vector<int64_t>>{{"a", {1, -2}}, {"bc", {}}});
    write_field<tag::set<tag::double_>>(w, "s", 2, std::vector<double>{0.5, 1.5});
    write_field<tag::bool_>(w, "b", 3, true);
    write_field<tag::uuid>(w, "u", 4, Uuid{});
    write_field<tag::binary>(w, "x", 20, Binary{1, 2, 3});
    w.write_field_stop();
    w.write_struct_end();
    w.write_message_end();
  });
  return Bytes(out.data(), out.data() + out.size());
}

// Every outcome is fine except a crash or another exception type.
void decode_anything(ProtocolKind protocol, const Bytes& data) {
  try {
    measure_message(protocol, data);
  } catch (const ProtocolError&) {
  }
  ReadBuffer in{std::span<const uint8_t>(data)};
  try {
    with_reader(protocol, in, kDefaultDecodeLimits, [](auto& r) {
      r.read_message_begin();
      r.skip(TType::Struct);
    });
  } catch (const ProtocolError&) {
  }
}

// Typed fields of every container kind, decoded again and again into the
// same object so that the storage-reusing paths of the codec see bad input.
struct Typed {
  std::map<std::string, std::vector<int64_t>> m;
  std::set<double> s;
  bool b = false;
  std::map<int16_t, Chain> chains;
  std::vector<std::string> words;

  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (auto f = r.read_field_begin(); f.type != TType::Stop; f = r.read_field_begin()) {
      switch (f.id) {
        case 1:
          read_field<tag::map<tag::string, tag::list<tag::i64>>>(r, f.type, m);
          break;
        case 2:
          read_field<tag::set<tag::double_>>(r, f.type, s);
          break;
        case 3:
          read_field<tag::bool_>(r, f.type, b);
          break;
        case 5:
          read_field<tag::map<tag::i16, tag::structure<Chain>>>(r, f.type, chains);
          break;
        case 20:
          read_field<tag::list<tag::string>>(r, f.type, words);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

void decode_typed(ProtocolKind protocol, const Bytes& data, Typed& into) {
  ReadBuffer in{std::span<const uint8_t>(data)};
  try {
    with_reader(protocol, in, kDefaultDecodeLimits, [&](auto& r) {
      r.read_message_begin();
      into.read(r);
    });
  } catch (const ProtocolError&) {
  }
}

TEST(Limits, mutated_messages_decoded_into_a_reused_object_only_ever_throw_protocol_error) {
  std::mt19937 rng(777);
  for (ProtocolKind protocol : {ProtocolKind::Binary, ProtocolKind::Compact, ProtocolKind::Json}) {
    Bytes seed = seed_message(protocol);
    Typed reused;
    decode_typed(protocol, seed, reused);
    EXPECT_EQ(reused.m.size(), 2u);
    for (int round = 0; round < 20000; ++round) {
      Bytes data = seed;
      int flips = 1 + static_cast<int>(rng() % 3);
      for (int i = 0; i < flips; ++i) data[rng() % data.size()] = static_cast<uint8_t>(rng());
      decode_typed(protocol, data, reused);
    }
  }
}

TEST(Limits, mutated_and_truncated_messages_only_ever_throw_protocol_error) {
  std::mt19937 rng(12345);
  for (ProtocolKind protocol : {ProtocolKind::Binary, ProtocolKind::Compact, ProtocolKind::Json}) {
    Bytes seed = seed_message(protocol);
    for (std::size_t n = 0; n < seed.size(); ++n) {
      decode_anything(protocol, Bytes(seed.begin(), seed.begin() + static_cast<long>(n)));
    }
    for (int round = 0; round < 20000; ++round) {
      Bytes data = seed;
      int flips = 1 + static_cast<int>(rng() % 4);
      for (int i = 0; i < flips; ++i) data[rng() % data.size()] = static_cast<uint8_t>(rng());
      decode_anything(protocol, data);
    }
  }
}

}  // namespace
