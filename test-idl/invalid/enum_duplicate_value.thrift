// Generated enums look names up by value: each value needs one name.
enum Level {
  LOW = 1       # expected-note: 'LOW' was defined here
  HIGH = 2
  MINIMUM = 1   # expected-error: 'MINIMUM' has the same value (1) as 'LOW' in enum 'Level'
}
