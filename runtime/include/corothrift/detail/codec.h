// Generic read/write of any IDL type, keyed by a type tag that spells the IDL
// type (design.md "Generated code stays thin"). Generated code prints one
// line per field and never a loop; this is exactly its shape:
//
//   // struct Example { 1: i32 id, 2: optional list<map<string,i32>> rows,
//   //                  3: required binary blob, 4: Example & next }
//   struct Example {
//     int32_t id = 0;
//     std::optional<std::vector<std::map<std::string, int32_t>>> rows;
//     corothrift::Binary blob;
//     corothrift::Box<Example> next;
//
//     template <class W>
//     void write(W& w) const {
//       namespace tag = corothrift::tag;
//       w.write_struct_begin("Example");
//       corothrift::write_field<tag::i32>(w, "id", 1, id);
//       corothrift::write_field<tag::list<tag::map<tag::string, tag::i32>>>(w, "rows", 2, rows);
//       corothrift::write_field<tag::binary>(w, "blob", 3, blob);
//       corothrift::write_field<tag::structure<Example>>(w, "next", 4, next);
//       w.write_field_stop();
//       w.write_struct_end();
//     }
//
//     template <class R>
//     void read(R& r) {
//       namespace tag = corothrift::tag;
//       bool has_blob = false;
//       r.read_struct_begin();
//       for (;;) {
//         corothrift::FieldHeader f = r.read_field_begin();
//         if (f.type == corothrift::TType::Stop) break;
//         switch (f.id) {
//           case 1: corothrift::read_field<tag::i32>(r, f.type, id); break;
//           case 2: corothrift::read_field<tag::list<tag::map<tag::string, tag::i32>>>(
//                       r, f.type, rows); break;
//           case 3: has_blob = corothrift::read_field<tag::binary>(r, f.type, blob); break;
//           case 4: corothrift::read_field<tag::structure<Example>>(r, f.type, next); break;
//           default: r.skip(f.type);
//         }
//         r.read_field_end();
//       }
//       r.read_struct_end();
//       if (!has_blob) corothrift::throw_missing_required_field("Example", "blob");
//     }
//     friend bool operator==(const Example&, const Example&) = default;
//     friend auto operator<=>(const Example&, const Example&) = default;
//   };
//
// The same struct is compiled and tested in tests/runtime/codec_test.cc.
//
// Rules the codec follows:
// - write_field skips an empty std::optional or Box (optional fields and null
//   `&` references are not sent); any other value is always sent.
// - read_field reads only when the wire type matches ttype_v<Tag>, else skips
//   the value and returns false; it fills an empty optional/Box first.
// - Containers: any type with begin/end/size works for writing; reading needs
//   clear() and emplace_back/push_back (lists), insert (sets) or try_emplace
//   (maps), so std::deque, std::unordered_map, ... all fit. A read
//   container is cleared first; a duplicate map key keeps the last value.
// - string and binary take std::string, Binary or (write only) string_view.
// - enumeration<E> travels as i32; any i32 is kept, even one E does not name.
// - structure<S> calls S's member templates `write(W&) const` / `read(R&)`,
//   as hand-written structs (the one above, TApplicationException) have them.
//   Generated structs have no such members (an IDL field may be named `read`
//   or `write`): their header specialises Codec<tag::structure<S>> instead,
//   with the same two bodies as static members `write(W&, const S&)` /
//   `read(R&, S&)`, defined in the generated .cpp. Call either kind through
//   write_struct / read_struct (codec_base.h).
#pragma once

#include <corothrift/detail/codec_base.h>
#include <corothrift/detail/codec_containers.h>
#include <corothrift/detail/codec_scalars.h>
#include <corothrift/exception.h>
