const string GREETING = "hello  # expected-error: unterminated string literal
