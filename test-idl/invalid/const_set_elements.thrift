// A set is written as a list; an empty {} is accepted too, as Apache does.
const set<string> NAMES = ["a", 1]  # expected-error: expected string, found integer 1
const set<string> NONE = {}
const set<i32> MAPPED = {1: 2}      # expected-error: expected set<i32>, found a map
