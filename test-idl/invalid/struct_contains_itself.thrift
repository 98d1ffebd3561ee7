// A struct cannot hold itself through required fields only: no value of it
// is finite. An optional or default field, a `&` field or a container can.
struct Node {  # expected-error: struct 'Node' contains itself through required fields only (Node -> Node), so no value of it is finite; make a field on the cycle optional
  1: i32 value
  2: required Node next
}

struct Fine {
  1: Fine & next
  2: list<Fine> children
  3: optional Fine boxed
  4: Fine also_boxed
  5: required set<Fine> required_but_a_container
}
