service Calculator {
  i32 add(1: i32 a, 2: i32 a)  # expected-error: duplicate field name 'a' in the arguments of 'Calculator.add' # expected-note: 'a' was first defined here
}
