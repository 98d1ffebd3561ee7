// Structs that hold themselves through optional or default fields, with no
// `&`: each such field on a by-value cycle becomes a heap box.
namespace cpp shapes.recursive

// A linked list whose link is optional.
struct Link {
  1: i32 value
  2: optional Link next
}

// A binary tree of default-requiredness children.
struct BinaryTree {
  1: string label
  2: BinaryTree left
  3: BinaryTree right
}

// A tracing chain: Span -> Downstream -> Span, the way back through a typedef.
// Span's field is required; Downstream's optional one breaks the cycle.
struct Span {
  1: required i64 id
  2: required Downstream downstream
  3: optional string name
}

typedef Span SpanRef

struct Downstream {
  1: required string service
  2: optional SpanRef span
}

// A union on a cycle.
union Expr {
  1: i64 literal
  2: Sum sum
}

struct Sum {
  1: Expr left
  2: Expr right
}

// std::set and std::map may not hold an incomplete type (only vector, list and
// forward_list may), so these are boxed too, even the required one.
struct Directory {
  1: string name
  2: map<string, Directory> entries
  3: required set<Directory> links
  4: list<Directory> history
}

// Not on a cycle: stays a plain member.
struct Holder {
  1: Link link
  2: optional Span span
}

service Tracer {
  Span echo_span(1: Span span)
  Directory echo_directory(1: Directory dir)
}
