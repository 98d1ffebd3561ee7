// The service of the serve_until_signal test: a call that stays in its
// handler until the test lets it go, so that it is surely in flight when the
// server gets its signal.
namespace cpp e2e.drain

service Drain {
  // Replies `value` once the server process reads "release" on its stdin.
  i64 hold(1: i64 value)
}
