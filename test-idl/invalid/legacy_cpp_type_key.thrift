// Apache's old `cpp_type "T"` spelling maps a container the same way.
typedef map cpp_type "std::unordered_map<int32_t, int32_t>" <i32, i32> FastMap

struct Lookup {
  1: set<FastMap> maps  # expected-warning: set element type 'FastMap' cannot be ordered for std::set: 'FastMap' is a std::unordered_map<int32_t, int32_t>, which has no operator<
  2: map<string, FastMap> by_name
}
