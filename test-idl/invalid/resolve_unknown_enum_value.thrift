enum Color {
  RED = 1,
  GREEN = 2
}

struct S {
  1: Color color = Color.GREN  # expected-error: unknown constant 'Color.GREN'; did you mean 'Color.GREEN'?
}
