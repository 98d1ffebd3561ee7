// `other.` names no included file.
struct S {
  1: other.Thing t  # expected-error: unknown type 'other.Thing'
}
