const list<string> WORDS = {"a": "b"}  # expected-error: expected list<string>, found a map
const list<string> WORD = "a"          # expected-error: expected list<string>, found a string
