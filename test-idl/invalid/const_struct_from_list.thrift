// A struct constant is a map from field names; a list is no struct.
struct Point {
  1: i32 x
  2: i32 y
}

const Point FROM_LIST = [1, 2]   # expected-error: expected Point, found a list
const Point FROM_NUMBER = 3      # expected-error: expected Point, found integer 3
const Point EMPTY = {}
