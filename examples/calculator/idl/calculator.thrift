// The example service of corothrift's demo (examples/calculator): arithmetic
// over one connection, a declared exception, a oneway call, and a method
// inherited from the included ledger.thrift.
include "ledger.thrift"

namespace cpp calc

/** Operands beyond +/- this bound are refused with a CalcError. */
const i64 MAX_OPERAND = 1000000000
const string SERVICE_NAME = "corothrift calculator"

enum Op {
  PLUS = 1
  MINUS = 2
  TIMES = 3
  DIVIDE = 4
}

/** Symbols the client prints for each operation. */
const map<Op, string> SYMBOLS = {Op.PLUS: "+", Op.MINUS: "-", Op.TIMES: "*", Op.DIVIDE: "/"}

struct Step {
  1: i64 left
  2: Op op = Op.PLUS
  3: i64 right
  4: optional string note
}

exception CalcError {
  1: Op op
  2: string reason
}

service Calculator extends ledger.Ledger {
  void ping()
  i64 add(1: i64 a, 2: i64 b)
  /** Computes `step` and records the result in the ledger under `id`. */
  i64 apply(1: i32 id, 2: Step step) throws (1: CalcError error)
  /** Forgets every recorded entry; the client does not wait for the server. */
  oneway void clear()
}
