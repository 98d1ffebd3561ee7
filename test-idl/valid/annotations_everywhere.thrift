typedef i32 Count (kind = "typedef")

enum Mode {
  ON = 1 (kind = "enum value"),
  OFF = 0
} (kind = "enum")

struct Holder {
  1: Count count (kind = "field")
} (kind = "struct")

exception Oops {
  1: string why
} (kind = "exception")

union Either {
  1: i32 number
  2: string text
} (kind = "union")

service Annotated {
  void run(1: i32 times (kind = "param")) (kind = "function")
} (kind = "service")
