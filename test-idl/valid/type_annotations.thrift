typedef list<i32 (cpp.type = "int32_t")> (cpp.template = "std::deque") IntDeque

struct Annotated {
  1: map<string (a = "1"), i32> (cpp.template = "std::unordered_map") lookup
  2: set<i64> (cpp.template = "std::unordered_set") ids
  3: i32 (cpp.type = "int") plain
}
