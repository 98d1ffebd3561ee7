struct Point {
  1: i32 x
  2: i32 y
}

const Point BY_ID = {1: 5, "y": 6}  # expected-error: expected a field name of 'Point' in quotes, found integer 1
