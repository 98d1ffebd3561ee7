// The soak test's service (bench/run_soak.py): every call carries a token
// unique in the run and bytes derived from it, and the reply must bring both
// back, so a reply delivered to the wrong call cannot pass unnoticed.

namespace cpp soak_idl

struct Echo {
  1: i64 token
  2: binary payload
}

service Soak {
  // Returns `request` unchanged after sleeping `delay_ms`. With `drop` set the
  // server drops the connection instead of replying. A payload that is not
  // the one its token implies fails the call (TApplicationException).
  Echo echo(1: Echo request, 2: i32 delay_ms, 3: bool drop)
  // A oneway whose payload the server checks the same way.
  oneway void note(1: Echo request)
}
