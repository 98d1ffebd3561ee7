// A type that never resolves is reported once, as a cycle: the rules that
// would look through it (values, keys, throws) skip it.
typedef Loop Loop  # expected-error: typedef 'Loop' is defined in terms of itself (Loop -> Loop)

const Loop VALUE = "anything"

struct User {
  1: set<Loop> keys
  2: Loop field = 5
}

service Api {
  void call() throws (1: Loop oops)
}
