// Two names for one value are an alias (Apache accepts them): a warning, and
// generated code names the value by its first name.
enum Level {
  LOW = 1       # expected-note: 'LOW' was defined here
  HIGH = 2
  MINIMUM = 1   # expected-warning: 'MINIMUM' has the same value (1) as 'LOW' in enum 'Level'; it is an alias, and the value's name is 'LOW'
}
