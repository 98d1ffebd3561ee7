const list<i32> NUMBERS = [1, 2, "three", 4.0]  # expected-error: expected i32, found a string # expected-error: expected i32, found a double
const list<list<string>> NESTED = [["a"], [1]]   # expected-error: expected string, found integer 1
const list<i8> BYTES = [1, 200]                  # expected-error: value 200 does not fit in i8 (-128 to 127)
