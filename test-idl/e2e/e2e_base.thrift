// The parent service of e2e.thrift's Shapes: methods reached through
// `extends` across an include, on the client, the handler and the processor.
namespace cpp e2e.base

struct Greeting {
  1: string text
  2: i32 count
}

service BaseService {
  Greeting hello(1: string name)
  i32 base_counter()
}
