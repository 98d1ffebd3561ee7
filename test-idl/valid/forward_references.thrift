// Types may be used before they are defined.
struct First {
  1: Second second
  2: Later later
}

typedef Later LaterAlias

struct Second {
  1: LaterAlias alias
}

enum Later {
  ONE = 1
}
