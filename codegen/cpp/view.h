#pragma once
// What a template sees: a tree of texts, flags, lists and objects. The model
// builders fill it with every decision already made; render.cc hands it to the
// template engine, so no other file knows the engine.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace corothrift::codegen::cpp {

class View {
 public:
  enum class Kind { kText, kFlag, kList, kObject };

  View() = default;  // an empty object
  static View text(std::string value);
  static View flag(bool value);
  static View list();

  // Object members; a later set() of the same key replaces the earlier one.
  View& set(const std::string& key, View value);
  View& set(const std::string& key, std::string value) { return set(key, text(std::move(value))); }
  View& set(const std::string& key, const char* value) { return set(key, text(value)); }
  View& set(const std::string& key, bool value) { return set(key, flag(value)); }

  // List items.
  View& push(View item);

  using Member = std::pair<std::string, View>;

  Kind kind() const { return static_cast<Kind>(value_.index()); }
  // The text, flag, items or members; empty (false) for a view of another kind.
  const std::string& as_text() const;
  bool as_flag() const;
  const std::vector<View>& items() const;
  const std::vector<Member>& members() const;
  // The member named `key`, or null.
  const View* find(const std::string& key) const;

 private:
  // One alternative per Kind, in its order. A large IDL's views hold
  // hundreds of thousands of nodes: one slot for all kinds keeps a node at
  // 40 bytes (it was 96 with a field per kind), which was a third of the
  // compiler's peak memory.
  std::variant<std::string, bool, std::vector<View>, std::vector<Member>> value_{
      std::in_place_index<3>};
};

}  // namespace corothrift::codegen::cpp
