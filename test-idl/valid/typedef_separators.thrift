typedef i32 NoSeparator
typedef i64 WithSemicolon;
typedef string WithComma,
typedef list<NoSeparator> OfTypedef;
