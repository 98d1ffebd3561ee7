namespace cpp example.cpp
namespace py example_py
namespace py.twisted example.twisted
namespace java org.example (package.annotation = "yes")
namespace * example.everywhere

struct InNamespace {
  1: i32 x
}
