// No namespace: types named like what std and fmt declare (`std::get`), and
// fields whose renamed C++ name would be another field's name.
struct get {
  1: i32 value
}

struct hash {
  1: get got
}

struct Entry {
  1: bool Entry
  2: bool Entry_
  3: bool Entry__
  4: bool class
  5: bool class_
  6: bool what
  7: bool what_
  8: Entry next
}

const Entry FIRST = {"Entry": true, "Entry_": false, "class": true}

// A keyword type (`using_` in C++) held by a field of the same name.
struct using {
  1: double single
}

struct partial {
  1: using using
}
