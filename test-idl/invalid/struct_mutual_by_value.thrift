// Two types holding each other through required fields, one of them through
// a typedef; reported once, at the first of them.
typedef Right RightAlias

struct Left {  # expected-error: struct 'Left' contains itself through required fields only (Left -> Right -> Left), so no value of it is finite; make a field on the cycle optional
  1: required RightAlias right
}

exception Right {
  1: required Left left
}

// One optional field on the cycle is enough; union members are never required.
struct Up {
  1: required Down down
}

struct Down {
  1: optional Up up
}

union Either {
  1: Pair pair
}

struct Pair {
  1: required Either first
}
