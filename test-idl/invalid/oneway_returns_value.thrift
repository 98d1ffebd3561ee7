// A oneway call completes on send: nothing comes back.
service Logger {
  oneway i32 log(1: string line)  # expected-error: oneway function 'log' must return void
  oneway void flush()
}
