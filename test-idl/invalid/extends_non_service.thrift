// Only a service can be extended (checked by the front end's resolver).
struct Base {
  1: i32 x
}

service Derived extends Base {  # expected-error: unknown service 'Base'
  void f()
}
