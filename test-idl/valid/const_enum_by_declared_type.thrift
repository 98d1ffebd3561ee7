// As in Apache Thrift, a qualified value of enum type is looked up in the
// declared enum by its last component, so `file.VALUE` works for an enum
// from an included file (also inside containers and through typedefs).
include "include/common.thrift"

typedef common.Level Severity

const common.Level DEFAULT_LEVEL = common.HIGH
const Severity DEFAULT_SEVERITY = common.LOW
const list<common.Level> ALL_LEVELS = [common.LOW, common.Level.HIGH]
const map<common.Level, string> NAMES = {common.LOW: "low", common.HIGH: "high"}

struct Alert {
  1: common.Level level = common.LOW
}
