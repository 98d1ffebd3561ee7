// Apache keeps the last of equal keys, a C++ initializer list the first:
// a repeated key is reported.
enum Color {
  RED = 1
  BLUE = 2
}

struct Point {
  1: i32 x
  2: i32 y
}

const map<string, i32> AGES = {"ann": 1, "bob": 2, "ann": 3}  # expected-warning: map key "ann" is repeated; only one is kept
const set<Color> COLORS = [Color.RED, Color.BLUE, Color.RED]    # expected-warning: set element Color.RED is repeated; only one is kept
const list<i32> LIST = [1, 1, 1]
const Point P = {"x": 1, "y": 2, "x": 3}                        # expected-warning: field "x" is repeated; only one is kept
const map<list<i32>, i32> BY_LIST = {[1, 2]: 1, [1, 2]: 2}       # expected-warning: map key [...] is repeated; only one is kept
