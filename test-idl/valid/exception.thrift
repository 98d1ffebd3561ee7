exception NotFound {
  1: string key
  2: i32 code = 404
}

exception Empty {}
