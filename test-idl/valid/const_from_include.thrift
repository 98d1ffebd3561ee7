include "include/common.thrift"

const i32 TWICE_LIMIT_IS_NOT_COMPUTED = common.LIMIT
const common.Level DEFAULT_LEVEL = common.Level.LOW
const list<common.Level> LEVELS = [common.Level.LOW, common.Level.HIGH]
