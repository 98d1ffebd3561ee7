// `async` is what `oneway` was called before Thrift 0.1; Apache still takes
// it with a warning, and so do we. It remains a valid name.
service Old {
  async void ping()  # expected-warning: 'async' is the old name of 'oneway'; write 'oneway'
  void async(1: i32 async)
}
