enum Implicit {
  ZERO,
  ONE,
  TWO
}

enum Mixed {
  A,
  B = 10,
  C,
  D = 5,
  E
}
