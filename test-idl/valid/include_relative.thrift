include "include/common.thrift"

struct UsesShared {
  1: common.Shared shared
  2: common.Level level = common.Level.HIGH
  3: i32 limit = common.LIMIT
}
