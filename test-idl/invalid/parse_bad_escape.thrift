const string PATH = "C:\windows"  # expected-error: bad escape sequence '\w' in string literal
