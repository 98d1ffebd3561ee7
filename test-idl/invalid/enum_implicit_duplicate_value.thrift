// An implicit value is the previous one plus 1, which can repeat one
// written earlier.
enum Step {
  TWO = 2   # expected-note: 'TWO' was defined here
  ONE = 1
  NEXT      # expected-warning: 'NEXT' has the same value (2) as 'TWO' in enum 'Step'; it is an alias, and the value's name is 'TWO'
}
