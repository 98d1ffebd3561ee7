// Apache's old `cpp_type "T"` on containers becomes a `cpp.type` annotation.
typedef map cpp_type "std::unordered_map<int32_t, int32_t>" <i32, i32> FastMap
typedef set cpp_type "std::unordered_set<int64_t>" <i64> FastSet
typedef list<string> cpp_type "std::deque<std::string>" (extra = "1") Deque

struct UsesCppType {
  1: FastMap fast
  2: list<i32> cpp_type "std::deque<int32_t>" inline_list
}
