enum Color {
  RED = 1   # expected-note: 'RED' was first defined here
  GREEN = 2
  RED = 3   # expected-error: duplicate name 'RED' in enum 'Color'
}
