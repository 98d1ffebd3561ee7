struct Tree {
  1: list<Tree> children
  2: optional Tree & parent
  3: i32 value
}

struct LinkedList {
  1: optional LinkedList &next
  2: Tree& root
}
