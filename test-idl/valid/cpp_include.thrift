cpp_include "<unordered_map>"
cpp_include 'my/header.h'

struct Plain {
  1: i32 x
}
