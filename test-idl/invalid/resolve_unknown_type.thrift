struct Person {
  1: string name
}

struct Team {
  1: list<Persn> members  # expected-error: unknown type 'Persn'; did you mean 'Person'?
  2: Nothing_like_it other  # expected-error: unknown type 'Nothing_like_it'
}
