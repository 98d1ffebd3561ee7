// A set or map mapped to a hash container needs std::hash on its keys; the
// generated code hashes base types, enums and structs of hashable members,
// never a container.
struct Tags {
  1: list<string> names
}

struct Point {
  1: i32 x
  2: i32 y
}

struct Index {
  1: set<list<i32>> (cpp.template = "std::unordered_set") by_list  # expected-warning: set element type 'list<i32>' cannot be hashed for std::unordered_set: 'list<i32>' is a std::vector, which has no std::hash
  2: map<Tags, i32> (cpp.template = "std::unordered_map") by_tags   # expected-warning: map key type 'Tags' cannot be hashed for std::unordered_map: field 'Tags.names': 'list<string>' is a std::vector, which has no std::hash
  3: set<Point> (cpp.template = "std::unordered_set") points
  4: map<string, list<i32>> (cpp.template = "std::unordered_map") values
}

struct Abseil {
  1: set<list<i32>> (cpp.template = "absl::flat_hash_set") lists  # expected-warning: set element type 'list<i32>' cannot be hashed for absl::flat_hash_set: 'list<i32>' is a std::vector, which has no std::hash
}
