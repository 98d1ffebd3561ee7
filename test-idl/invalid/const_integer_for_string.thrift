const string NAME = 42       # expected-error: expected string, found integer 42
const binary BYTES = [1, 2]  # expected-error: expected binary, found a list
const string OK = "name"
