// Methods and parameters named like the names generated code uses for itself
// (locals, members, its own methods): nothing may shadow or clash.
namespace cpp shapes.names

service Clashes {
  void result(1: string id, 2: string result)
  string args(1: string args, 2: string args_)
  i32 channel(1: i32 channel_, 2: i32 loop_)
  i32 channel_(1: i32 channel)
  void loop_(1: i32 req, 2: i32 handler_, 3: i32 e, 4: i32 entry)
  void process(1: i32 process)
  oneway void connect(1: string connect)
  string take_result(1: string result)
}

// Fields named like generated members and parameters: an exception's what(),
// the `other` of an out-of-line comparison, a result's `success`.
exception Problem {
  1: string what
  2: string message
}

struct Node {
  1: i32 other
  2: list<Node> children
  3: i32 value
}

typedef Problem SameProblem

service Throwing {
  // Two declared exceptions of one C++ type: the processor catches it once.
  Node get(1: Node node) throws (1: Problem success, 2: SameProblem again)
}
