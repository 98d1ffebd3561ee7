// A test ByteStream over a Socket that passes every call through; a test
// derives from it and overrides only the calls it changes.
#pragma once

#include <corothrift/byte_stream.h>
#include <corothrift/socket.h>

#include <span>
#include <utility>

namespace calc {

class ForwardingStream : public corothrift::ByteStream {
 public:
  explicit ForwardingStream(corothrift::Socket inner) : inner_(std::move(inner)) {}

  corothrift::IoResult try_read(std::span<std::byte> buffer) noexcept override {
    return inner_.try_read(buffer);
  }
  corothrift::IoResult try_write(std::span<const iovec> pieces) noexcept override {
    return inner_.try_write(pieces);
  }
  void shutdown_write() override { inner_.shutdown_write(); }
  void abort() noexcept override { inner_.abort(); }
  void close() noexcept override { inner_.close(); }
  bool is_open() const noexcept override { return inner_.is_open(); }
  corothrift::FdWatch& watch() const noexcept override { return inner_.watch(); }
  corothrift::Address local_address() const override { return inner_.local_address(); }
  corothrift::Address peer_address() const override { return inner_.peer_address(); }

 protected:
  corothrift::Socket inner_;
};

}  // namespace calc
