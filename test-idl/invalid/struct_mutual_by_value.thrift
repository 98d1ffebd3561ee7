// Two types holding each other by value, one of them through a typedef;
// reported once, at the first of them.
typedef Right RightAlias

struct Left {  # expected-error: struct 'Left' contains itself by value (Left -> Right -> Left); make a field on the cycle a '&' reference
  1: RightAlias right
}

union Right {
  1: Left left
}
