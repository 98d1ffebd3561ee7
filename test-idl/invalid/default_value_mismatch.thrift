// Field defaults follow the same rules as constants.
enum Mode {
  FAST = 1
}

struct Options {
  1: i32 retries = 3
  2: i8 level = 300          # expected-error: value 300 does not fit in i8 (-128 to 127)
  3: string name = 5         # expected-error: expected string, found integer 5
  4: Mode mode = 9           # expected-error: 9 is not a value of enum 'Mode'
  5: optional set<string> tags = {}
  6: map<string, i32> limits = {"a": "b"}  # expected-error: expected i32, found a string
}
