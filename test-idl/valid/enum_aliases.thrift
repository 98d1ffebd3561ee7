// Enum values that repeat a value (Apache accepts them, with a warning here):
// the generated name lookup answers with the first name of a value.
namespace cpp shapes.aliases

enum Mode {
  DEFAULT = 0
  NONE = 0
  FAST = 1
  QUICK = 1
  SLOW
}

struct Settings {
  1: Mode mode = Mode.NONE
  2: set<Mode> allowed
}
