#include "view.h"

namespace corothrift::codegen::cpp {

View View::text(std::string value) {
  View view;
  view.value_.emplace<std::string>(std::move(value));
  return view;
}

View View::flag(bool value) {
  View view;
  view.value_.emplace<bool>(value);
  return view;
}

View View::list() {
  View view;
  view.value_.emplace<std::vector<View>>();
  return view;
}

const std::string& View::as_text() const {
  static const std::string kNone;
  const auto* text = std::get_if<std::string>(&value_);
  return text != nullptr ? *text : kNone;
}

bool View::as_flag() const {
  const bool* flag = std::get_if<bool>(&value_);
  return flag != nullptr && *flag;
}

const std::vector<View>& View::items() const {
  static const std::vector<View> kNone;
  const auto* items = std::get_if<std::vector<View>>(&value_);
  return items != nullptr ? *items : kNone;
}

const std::vector<View::Member>& View::members() const {
  static const std::vector<Member> kNone;
  const auto* members = std::get_if<std::vector<Member>>(&value_);
  return members != nullptr ? *members : kNone;
}

View& View::set(const std::string& key, View value) {
  auto* members = std::get_if<std::vector<Member>>(&value_);
  if (members == nullptr) return *this;  // only objects have members
  for (auto& [name, member] : *members) {
    if (name == key) {
      member = std::move(value);
      return *this;
    }
  }
  members->emplace_back(key, std::move(value));
  return *this;
}

View& View::push(View item) {
  if (auto* items = std::get_if<std::vector<View>>(&value_)) items->push_back(std::move(item));
  return *this;
}

const View* View::find(const std::string& key) const {
  for (const auto& [name, member] : members()) {
    if (name == key) return &member;
  }
  return nullptr;
}

}  // namespace corothrift::codegen::cpp
