#pragma once
// How the structs of one program are laid out in C++: which fields live in a
// heap box, which struct is declared before which, and which compare out of
// line. Cycles never cross files (includes form no cycle), so one program is
// the whole picture.
//
// A field "needs" a struct when C++ must see that struct complete to lay the
// field out: held directly (plain or std::optional), or as an element, key or
// value of a std::set / std::map / other container the standard does not
// allow to hold an incomplete type. std::vector, std::list and
// std::forward_list may (C++17 [vector.overview] etc.), so a struct inside
// one of those is needed only for ordering, when no cycle forbids it.

#include <map>
#include <set>
#include <vector>

#include "corothrift/idl/ast.h"

namespace corothrift::codegen::cpp {

class StructLayout {
 public:
  explicit StructLayout(const idl::Program& program);

  // A `&` field, or a field on a cycle of needs that is not `required` or
  // holds the struct inside a container: a corothrift::Box, so the cycle
  // has a finite size. (A cycle of required direct fields is a sema error.)
  bool boxed(const idl::Field& field) const;
  // Each struct after every struct its unboxed fields need, and after the
  // structs inside its vectors unless they lead back to it; else source order.
  const std::vector<const idl::Struct*>& declaration_order() const { return order_; }
  // Holds itself, or a struct declared after it, by value in a vector: its
  // `==` / `<=>` are defined once every type is complete (clang 14 checks a
  // defaulted comparison where the class ends).
  bool compares_out_of_line(const idl::Struct& s) const { return out_of_line_.count(&s) != 0; }

 private:
  using Graph = std::map<const idl::Struct*, std::vector<const idl::Struct*>>;

  void box_fields_on_cycles(const std::vector<const idl::Struct*>& structs);
  void order(const std::vector<const idl::Struct*>& structs);

  const idl::Program& program_;
  std::set<const idl::Field*> boxed_;
  std::vector<const idl::Struct*> order_;
  std::set<const idl::Struct*> out_of_line_;
};

}  // namespace corothrift::codegen::cpp
