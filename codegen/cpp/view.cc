#include "view.h"

namespace corothrift::codegen::cpp {

View View::text(std::string value) {
  View view;
  view.kind_ = Kind::kText;
  view.text_ = std::move(value);
  return view;
}

View View::flag(bool value) {
  View view;
  view.kind_ = Kind::kFlag;
  view.flag_ = value;
  return view;
}

View View::list() {
  View view;
  view.kind_ = Kind::kList;
  return view;
}

View& View::set(const std::string& key, View value) {
  for (auto& [name, member] : members_) {
    if (name == key) {
      member = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(key, std::move(value));
  return *this;
}

View& View::push(View item) {
  items_.push_back(std::move(item));
  return *this;
}

const View* View::find(const std::string& key) const {
  for (const auto& [name, member] : members_) {
    if (name == key) return &member;
  }
  return nullptr;
}

}  // namespace corothrift::codegen::cpp
