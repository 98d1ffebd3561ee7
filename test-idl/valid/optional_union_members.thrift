// Union members marked `optional`, as in a scheduler's topology-action IDL:
// Apache accepts them, and a member is set or not anyway, so the word adds
// nothing to the variant.
namespace cpp shapes.unions

struct Kill {
  1: optional i32 wait_secs
}

struct Rebalance {
  1: optional i32 wait_secs
  2: optional map<string, i32> executors
}

union Action {
  1: optional Kill kill
  2: optional Rebalance rebalance
}
