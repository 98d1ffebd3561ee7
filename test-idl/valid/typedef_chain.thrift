typedef i32 Base
typedef Base Middle
typedef Middle Top

struct UsesChain {
  1: Top value = 3
}
