// End-to-end IDL: one method per shape the generated client and processor
// must carry over the wire (see tests/e2e/).
include "e2e_base.thrift"

namespace cpp e2e

enum Color {
  RED = 1
  GREEN = 2
  BLUE = 4
}

typedef list<i32> Ints

struct Point {
  1: i32 x
  2: i32 y
}

struct Bag {
  1: list<Point> points
  2: set<string> tags
  3: map<string, Ints> series
  4: map<Color, set<i64>> by_color
  5: list<map<string, Point>> nested
  6: binary blob
  7: double ratio
  8: bool flag
  9: i8 tiny
  10: i16 small
  11: uuid id
}

struct Options {
  1: required string name
  2: optional i32 limit
  3: optional Point origin
  4: i32 plain = 7
  5: optional list<string> labels
}

union Value {
  1: i64 number
  2: string text
  3: Point point
  4: list<string> words
}

struct Tree {
  1: i32 value
  2: list<Tree> children
}

struct Chain {
  1: Chain & next
  2: i32 item
}

exception NotFound {
  1: string key
  2: i32 code
}

exception Forbidden {
  1: string reason
}

service Shapes extends e2e_base.BaseService {
  void reset()
  oneway void record(1: string event)
  list<string> recorded()
  Point lookup(1: string key) throws (1: NotFound not_found, 2: Forbidden forbidden)
  void check(1: i32 code) throws (1: NotFound not_found)
  Bag echo_bag(1: Bag bag)
  Options echo_options(1: Options options)
  Value echo_value(1: Value value)
  Tree echo_tree(1: Tree tree)
  Chain echo_chain(1: Chain chain)
  i32 fail_undeclared(1: string message)
  i64 slow_echo(1: i64 value, 2: i32 delay_ms)
  string describe(1: i8 a, 2: i16 b, 3: i32 c, 4: i64 d, 5: double e, 6: bool f, 7: Color g, 8: binary h)
}

// Served by nobody: calling it on a Shapes server is an unknown method.
service Unserved {
  void missing()
}
