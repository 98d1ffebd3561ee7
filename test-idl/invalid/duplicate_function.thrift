service Calculator {
  i32 add(1: i32 a, 2: i32 b)     # expected-note: 'add' was first defined here
  double add(1: double a, 2: double b)  # expected-error: function 'add' is already defined in service 'Calculator'
}
