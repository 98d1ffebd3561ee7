// A test-only base for streams that sit on another stream and change only
// how bytes are read or written (ChoppedStream, the TLS read tests'
// HoardingStream): everything else goes straight to the inner stream.
#pragma once

#include <corothrift/byte_stream.h>

#include <memory>
#include <utility>

namespace e2e_test {

class PassThroughStream : public corothrift::ByteStream {
 public:
  explicit PassThroughStream(std::unique_ptr<corothrift::ByteStream> inner)
      : inner_(std::move(inner)) {}

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

}  // namespace e2e_test
