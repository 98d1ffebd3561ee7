// A test-only base for streams that sit on another stream and change only
// how bytes are read or written (ChoppedStream, the TLS read tests'
// HoardingStream, the HTTP resend tests' CountingStream, FlushFirstStream):
// every call it does not override goes straight to the inner stream.
#pragma once

#include <corothrift/byte_stream.h>

#include <memory>
#include <span>
#include <utility>

namespace test_support {

class PassThroughStream : public corothrift::ByteStream {
 public:
  explicit PassThroughStream(std::unique_ptr<corothrift::ByteStream> inner)
      : inner_(std::move(inner)) {}

  corothrift::IoResult try_read(std::span<std::byte> buffer) noexcept override {
    return inner_->try_read(buffer);
  }
  corothrift::IoResult try_write(std::span<const iovec> pieces) noexcept override {
    return inner_->try_write(pieces);
  }
  void shutdown_write() override { inner_->shutdown_write(); }
  void abort() noexcept override { inner_->abort(); }
  void close() noexcept override { inner_->close(); }
  bool is_open() const noexcept override { return inner_->is_open(); }
  corothrift::FdWatch& watch() const noexcept override { return inner_->watch(); }
  corothrift::Address local_address() const override { return inner_->local_address(); }
  corothrift::Address peer_address() const override { return inner_->peer_address(); }

 protected:
  std::unique_ptr<corothrift::ByteStream> inner_;
};

}  // namespace test_support
