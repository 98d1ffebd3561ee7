// What the server and client targets share: turning an input into the byte
// stream a peer sends, and one connection's end as an event another thread
// can wait for.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

#include <corothrift/log.h>

#include "fuzz_bytes.h"

namespace corothrift::fuzz {

// The peer's bytes and how reads cut them, from the input after the
// target's own choice bytes:
//   cut count (1 byte, & 7), that many cut sizes (0 = all the rest);
//   when `framed_records`: records (fuzz_bytes.h), each sent as one frame
//   (a 4-byte big-endian length, then the record), so a mutated message
//   keeps a frame that fits it; otherwise the rest as it is.
struct PeerScript {
  std::string bytes;
  std::string cuts;
};
PeerScript read_peer_script(FuzzBytes& input, bool framed_records);

// Set once by the thread that owns the connection, waited for by another.
class Done {
 public:
  void set() {
    std::lock_guard lock(mutex_);
    done_ = true;
    cv_.notify_all();
  }
  void wait_and_reset() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return done_; });
    done_ = false;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
};

// Every message is formatted (the formatting is code under test too) and
// dropped: a fuzzer printing a warning per input would mostly print. With
// COROTHRIFT_FUZZ_LOG set in the environment they go to stderr.
void quiet_logs();

// A connected Unix socket to `path`; aborts when it cannot connect.
int connect_unix(const std::string& path);
// A listening Unix socket at a fresh path in /tmp (the path is returned).
int listen_unix(std::string& path);

}  // namespace corothrift::fuzz
