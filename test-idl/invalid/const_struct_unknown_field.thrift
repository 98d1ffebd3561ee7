struct Point {
  1: i32 x
  2: i32 y
}

const Point ORIGIN = {"x": 0, "y": 0}
const Point BAD = {"x": 0, "z": 1}  # expected-error: struct 'Point' has no field named 'z'
