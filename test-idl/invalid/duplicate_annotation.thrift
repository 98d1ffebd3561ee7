// The last of two equal keys wins, so the first one is dead.
struct Config {
  1: i32 port (doc = "a",       # expected-note: 'doc' was first given here
               doc = "b")       # expected-warning: annotation 'doc' is given twice; the last one is used
} (cpp.name = "Cfg",            # expected-note: 'cpp.name' was first given here
   cpp.name = "Config2")        # expected-warning: annotation 'cpp.name' is given twice; the last one is used

typedef list<i32> (flag, flag) Numbers  # expected-warning: annotation 'flag' is given twice; the last one is used # expected-note: 'flag' was first given here
