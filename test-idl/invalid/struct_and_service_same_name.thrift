// One file is one scope: a struct and a service cannot share a name
// (checked by the front end's resolver).
struct Calculator {  # expected-note: previous definition of 'Calculator' is here
  1: i32 memory
}

service Calculator {  # expected-error: redefinition of 'Calculator'
  i32 add(1: i32 a, 2: i32 b)
}
