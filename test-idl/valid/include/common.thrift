// Included by several valid/ files (relative include) and found through -I.
namespace cpp common

const i32 LIMIT = 100

enum Level {
  LOW = 1,
  HIGH = 2
}

struct Shared {
  1: string name
}

service Base {
  void ping()
}
