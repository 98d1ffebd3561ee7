// Line comment
# Hash comment
/* Block
   comment */
struct Commented { /* inline */ 1: i32 x // trailing
  2: i32 y # hash trailing
}
/**/
/***/
// A comment on the last line, without a newline