// The ledger the calculator writes its results into: a service of its own,
// which calculator.thrift includes and extends.
namespace cpp ledger

/** One recorded result; `id` 0 means "nothing recorded under that id". */
struct Entry {
  1: i32 id
  2: i64 result
  3: string expression
}

service Ledger {
  /** The entry recorded under `id`, or an Entry with id 0 when there is none. */
  Entry lookup(1: i32 id)
}
