// A ByteStream that sits on another one and passes every call down: the base
// for a `wrap_stream` wrapper (ChannelOptions / ServerOptions) that changes
// only some of what a stream does (counts bytes, injects faults, shapes
// reads) and leaves the rest to the stream below.
#pragma once

#include <corothrift/byte_stream.h>

#include <exception>
#include <memory>
#include <span>
#include <utility>

namespace corothrift {

// Owns the stream below. Every member forwards to it, throw_error included,
// so a kError code of the stream below (a TLS failure's, say) is still
// described by that stream. A subclass overrides what it changes and keeps
// ByteStream's contract for it (e.g. a try_write after kWantWrite starts with
// the same bytes); watch() stays the stream below's, so readiness still
// comes from the real fd. Same threading as the stream below: its loop only.
class ForwardingStream : public ByteStream {
 public:
  explicit ForwardingStream(std::unique_ptr<ByteStream> inner) noexcept
      : inner_(std::move(inner)) {}

  IoResult try_read(std::span<std::byte> buffer) noexcept override {
    return inner_->try_read(buffer);
  }
  IoResult try_write(std::span<const iovec> pieces) noexcept override {
    return inner_->try_write(pieces);
  }
  void shutdown_write() override { inner_->shutdown_write(); }
  void abort() noexcept override { inner_->abort(); }
  void close() noexcept override { inner_->close(); }
  bool is_open() const noexcept override { return inner_->is_open(); }
  FdWatch& watch() const noexcept override { return inner_->watch(); }
  Address local_address() const override { return inner_->local_address(); }
  Address peer_address() const override { return inner_->peer_address(); }
  [[noreturn]] void throw_error(const char* operation, int error) const override {
    inner_->throw_error(operation, error);
    // Not reached: every throw_error throws (g++ does not carry [[noreturn]]
    // through a virtual call).
    std::terminate();
  }

  // The stream below (never null).
  ByteStream& inner() const noexcept { return *inner_; }

 protected:
  std::unique_ptr<ByteStream> inner_;
};

}  // namespace corothrift
