// A cycle through a container: Forest holds its trees in a list, a Tree holds
// a required Root, a Root optionally holds a Forest again. A std::vector may
// hold an incomplete type, so Forest is declared first, then Root and Tree,
// and nothing is boxed.
namespace cpp shapes.container_cycle

// First in the file, as in the IDL this shape was seen in: declaring what it
// holds first would put Root (which needs Forest complete) before Forest.
struct Forest {
  1: optional list<Tree> trees
}

struct Tree {
  1: required Root root
  2: i32 height
}

struct Root {
  1: optional Forest forest
  2: string name
}

// The same shape through a deque, which may not hold an incomplete type:
// the field on the cycle is boxed instead.
struct Shelf {
  1: optional list<Book> (cpp.template = "std::deque") books
}

struct Book {
  1: required Page page
}

struct Page {
  1: optional Shelf shelf
}
