include "include/common.thrift"

service Derived extends common.Base {
  common.Shared fetch(1: common.Level level)
}
