// Arguments marked `optional` (Apache ignores the word there, and so do we,
// with a warning): each is sent like any other, and a handler gets its
// default when a caller's message leaves it out.
namespace cpp shapes.arguments

struct Filter {
  1: string pattern
}

service Search {
  list<string> find(1: string text, 2: optional i32 limit = 10, 3: optional Filter filter,
                    4: optional string locale)
}
