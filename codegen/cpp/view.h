#pragma once
// What a template sees: a tree of texts, flags, lists and objects. The model
// builders fill it with every decision already made; render.cc hands it to the
// template engine, so no other file knows the engine.

#include <string>
#include <utility>
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

  Kind kind() const { return kind_; }
  const std::string& as_text() const { return text_; }
  bool as_flag() const { return flag_; }
  const std::vector<View>& items() const { return items_; }
  const std::vector<std::pair<std::string, View>>& members() const { return members_; }
  // The member named `key`, or null.
  const View* find(const std::string& key) const;

 private:
  Kind kind_ = Kind::kObject;
  std::string text_;
  bool flag_ = false;
  std::vector<View> items_;
  std::vector<std::pair<std::string, View>> members_;
};

}  // namespace corothrift::codegen::cpp
