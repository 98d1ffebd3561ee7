// C++ has no recursive type aliases, so a container does not break the cycle.
typedef list<Tree> Tree  # expected-error: typedef 'Tree' is defined in terms of itself (Tree -> Tree)
