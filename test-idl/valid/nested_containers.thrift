struct Nested {
  1: list<list<i32>> matrix
  2: map<string, list<set<i64>>> index
  3: set<map<i32, string>> sets_of_maps
  4: list<map<set<i32>, map<string, list<binary>>>> deep
}
