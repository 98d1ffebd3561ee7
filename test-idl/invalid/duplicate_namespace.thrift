namespace cpp first.ns    # expected-note: 'cpp' was first declared here
namespace py app
namespace cpp second.ns   # expected-warning: namespace for 'cpp' is declared twice; the last one is used

struct S {
  1: i32 x
}
