// A ByteStream whose reads hand out a fuzz input, cut into pieces of the
// sizes the input also chose, and whose writes are taken whole and dropped:
// a peer that says exactly what the fuzzer wrote, whatever it is told.
//
// It wraps a connected Socket (ServerOptions / ChannelOptions::wrap_stream)
// only for the watch every awaiter waits on: the socket's own bytes are
// never read or written, so nothing depends on the kernel's timing. Reads
// never answer kWantRead, except while the stream is gated: then they wait
// for the socket to become readable, which open_gate()'s caller causes by
// writing a byte into the socket's other end (the client target opens the
// gate once its calls are out, so replies cannot arrive before them).
//
// Loop thread only. `on_destroyed` runs when the connection lets go of the
// stream (the targets wait for that before taking the next input).
#pragma once

#include <corothrift/byte_stream.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

namespace corothrift::fuzz {

class ScriptedStream final : public ByteStream {
 public:
  // `input` is what reads return; `cuts` the cycle of read sizes (empty:
  // whatever the reader asks for).
  ScriptedStream(std::unique_ptr<ByteStream> inner, std::string input, std::string cuts, bool gated,
                 std::function<void()> on_destroyed);
  ~ScriptedStream() override;

  void open_gate() noexcept { gated_ = false; }
  std::size_t bytes_written() const noexcept { return written_; }

  IoResult try_read(std::span<std::byte> buffer) noexcept override;
  IoResult try_write(std::span<const iovec> pieces) noexcept override;
  void shutdown_write() override {}
  void abort() noexcept override;
  void close() noexcept override { inner_->close(); }
  bool is_open() const noexcept override { return inner_->is_open(); }
  FdWatch& watch() const noexcept override { return inner_->watch(); }
  Address local_address() const override { return inner_->local_address(); }
  Address peer_address() const override { return inner_->peer_address(); }

 private:
  std::size_t next_cut() noexcept;

  std::unique_ptr<ByteStream> inner_;
  std::string input_;
  std::string cuts_;
  std::function<void()> on_destroyed_;
  std::size_t read_ = 0;
  std::size_t next_cut_ = 0;
  std::size_t written_ = 0;
  bool gated_;
  bool aborted_ = false;
};

}  // namespace corothrift::fuzz
