// Only exceptions can be thrown.
struct Problem {
  1: string text
}

exception RealProblem {
  1: string text
}

typedef RealProblem AliasedProblem

service Worker {
  void work() throws (1: Problem problem,        # expected-error: 'Problem' is a struct, not an exception
                      2: AliasedProblem aliased)
}
