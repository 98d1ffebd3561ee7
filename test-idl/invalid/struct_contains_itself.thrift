// A struct cannot hold itself by value; a `&` field or a container can.
struct Node {  # expected-error: struct 'Node' contains itself by value (Node -> Node); make a field on the cycle a '&' reference
  1: i32 value
  2: optional Node next
}

struct Fine {
  1: Fine & next
  2: list<Fine> children
}
