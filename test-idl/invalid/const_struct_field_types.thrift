struct Person {
  1: string name
  2: i16 age
  3: list<string> nicknames
}

const Person ANN = {
  "name": "Ann",
  "age": 40000,             # expected-error: value 40000 does not fit in i16 (-32768 to 32767)
  "nicknames": ["a", 2],    # expected-error: expected string, found integer 2
}
