const i32 NOTHING  # expected-error@+1: syntax error: unexpected 'struct'; expected '='
struct After {}
