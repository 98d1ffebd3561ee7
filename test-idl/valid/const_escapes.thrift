const string ESCAPES = "tab\tnewline\nreturn\rbackslash\\quote\"apostrophe\'"
const string QUOTES_INSIDE = 'he said "hi"'
const string APOSTROPHE_INSIDE = "it's"
const string UTF8 = "héllo wörld"
