const map<string, i32> AGES = {
  "ann": 31,
  7: 40,          # expected-error: expected string, found integer 7
  "bob": "old",   # expected-error: expected i32, found a string
}
const map<double, string> BY_WEIGHT = {1.5: "light", 2: "heavy"}
const map<i32, string> AS_LIST = [1, 2]  # expected-error: expected map<i32,string>, found a list
const map<i32, string> EMPTY = []
