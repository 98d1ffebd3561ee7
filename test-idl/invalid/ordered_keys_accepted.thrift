// Everything the default mapping produces is ordered: doubles, binary, uuid,
// enums, structs (generated <=>), containers and `&` boxes. The one
// diagnostic here only keeps this file in the suite.
enum Color {
  RED = 1
}

struct Leaf {
  1: Leaf & next
  2: list<binary> blobs
}

exception Oops {
  1: string why
}

struct Keys {
  1: set<double> doubles
  2: map<binary, i32> blobs
  3: set<uuid> ids
  4: map<Color, string> colors
  5: set<Leaf> leaves
  6: map<list<i32>, set<string>> lists
  7: set<Oops> oopses
  8: map<set<map<i32, i32>>, i32> deep
  0: i32 marker  # expected-error: field id 0 of 'marker' is not allowed; ids start at 1
}
