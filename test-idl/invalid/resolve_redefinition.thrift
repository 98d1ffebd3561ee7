struct Thing {}  # expected-note: previous definition of 'Thing' is here
enum Thing {  # expected-error: redefinition of 'Thing'
  A
}
