// bench.thrift's Inner and MidSize written by hand exactly the way corothrift's
// generated code uses the runtime codec (see runtime/include/corothrift/detail/codec.h),
// until the compiler generates them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <corothrift/detail/codec.h>
#include <corothrift/types.h>

namespace bench::coro {

struct Inner {
  int64_t id = 0;
  std::string label;
  double weight = 0;

  template <class W>
  void write(W& w) const {
    namespace tag = corothrift::tag;
    w.write_struct_begin("Inner");
    corothrift::write_field<tag::i64>(w, "id", 1, id);
    corothrift::write_field<tag::string>(w, "label", 2, label);
    corothrift::write_field<tag::double_>(w, "weight", 3, weight);
    w.write_field_stop();
    w.write_struct_end();
  }

  template <class R>
  void read(R& r) {
    namespace tag = corothrift::tag;
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      switch (f.id) {
        case 1:
          corothrift::read_field<tag::i64>(r, f.type, id);
          break;
        case 2:
          corothrift::read_field<tag::string>(r, f.type, label);
          break;
        case 3:
          corothrift::read_field<tag::double_>(r, f.type, weight);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }

  friend bool operator==(const Inner&, const Inner&) = default;
};

struct MidSize {
  int32_t count = 0;
  int64_t timestamp = 0;
  double ratio = 0;
  double score = 0;
  bool active = false;
  int16_t shard = 0;
  std::string name;
  std::string description;
  corothrift::Binary blob;
  std::vector<int32_t> samples;
  std::map<std::string, int64_t> counters;
  Inner inner;
  std::optional<std::string> note;

  template <class W>
  void write(W& w) const {
    namespace tag = corothrift::tag;
    w.write_struct_begin("MidSize");
    corothrift::write_field<tag::i32>(w, "count", 1, count);
    corothrift::write_field<tag::i64>(w, "timestamp", 2, timestamp);
    corothrift::write_field<tag::double_>(w, "ratio", 3, ratio);
    corothrift::write_field<tag::double_>(w, "score", 4, score);
    corothrift::write_field<tag::bool_>(w, "active", 5, active);
    corothrift::write_field<tag::i16>(w, "shard", 6, shard);
    corothrift::write_field<tag::string>(w, "name", 7, name);
    corothrift::write_field<tag::string>(w, "description", 8, description);
    corothrift::write_field<tag::binary>(w, "blob", 9, blob);
    corothrift::write_field<tag::list<tag::i32>>(w, "samples", 10, samples);
    corothrift::write_field<tag::map<tag::string, tag::i64>>(w, "counters", 11, counters);
    corothrift::write_field<tag::structure<Inner>>(w, "inner", 12, inner);
    corothrift::write_field<tag::string>(w, "note", 13, note);
    w.write_field_stop();
    w.write_struct_end();
  }

  template <class R>
  void read(R& r) {
    namespace tag = corothrift::tag;
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      switch (f.id) {
        case 1:
          corothrift::read_field<tag::i32>(r, f.type, count);
          break;
        case 2:
          corothrift::read_field<tag::i64>(r, f.type, timestamp);
          break;
        case 3:
          corothrift::read_field<tag::double_>(r, f.type, ratio);
          break;
        case 4:
          corothrift::read_field<tag::double_>(r, f.type, score);
          break;
        case 5:
          corothrift::read_field<tag::bool_>(r, f.type, active);
          break;
        case 6:
          corothrift::read_field<tag::i16>(r, f.type, shard);
          break;
        case 7:
          corothrift::read_field<tag::string>(r, f.type, name);
          break;
        case 8:
          corothrift::read_field<tag::string>(r, f.type, description);
          break;
        case 9:
          corothrift::read_field<tag::binary>(r, f.type, blob);
          break;
        case 10:
          corothrift::read_field<tag::list<tag::i32>>(r, f.type, samples);
          break;
        case 11:
          corothrift::read_field<tag::map<tag::string, tag::i64>>(r, f.type, counters);
          break;
        case 12:
          corothrift::read_field<tag::structure<Inner>>(r, f.type, inner);
          break;
        case 13:
          corothrift::read_field<tag::string>(r, f.type, note);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }

  friend bool operator==(const MidSize&, const MidSize&) = default;
};

}  // namespace bench::coro
