// Function arguments are a field list too: ids must be unique.
service Calculator {
  i32 add(1: i32 a,  # expected-note: 'a' was defined here
          1: i32 b)  # expected-error: field id 1 of 'b' is already used by 'a' in the arguments of 'Calculator.add'
}
