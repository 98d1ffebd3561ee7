// Keys of std::map and elements of std::set need operator<; a container
// mapped to a hash container has none, wherever it sits inside the key.
struct Counts {
  1: map<string, i32> (cpp.template = "std::unordered_map") by_name
}

struct Index {
  1: map<map<string, i32> (cpp.template = "std::unordered_map"), i32> direct  # expected-warning: map key type 'map<string,i32>' cannot be ordered for std::map: 'map<string,i32>' is a std::unordered_map, which has no operator<
  2: set<Counts> nested  # expected-warning: set element type 'Counts' cannot be ordered for std::set: field 'Counts.by_name': 'map<string,i32>' is a std::unordered_map, which has no operator<
  3: set<Counts> (cpp.template = "std::unordered_set") hashed  # expected-warning: set element type 'Counts' cannot be hashed for std::unordered_set: field 'Counts.by_name': 'map<string,i32>' is a std::unordered_map, which has no std::hash
}
