// Resolution goes on after an error, to report every unknown name in one run.
struct S {
  1: A a  # expected-error: unknown type 'A'
  2: B b  # expected-error: unknown type 'B'
  3: i32 c = MISSING  # expected-error: unknown constant 'MISSING'
}

service V extends W {  # expected-error: unknown service 'W'
  C f()  # expected-error: unknown type 'C'
}
