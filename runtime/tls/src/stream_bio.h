// A BIO whose reads and writes are the primitives of a ByteStream: OpenSSL
// moves its records straight through the stream below a TlsStream (see
// tls_stream.h for why not memory BIOs). The BIO itself holds no bytes; a
// TlsStream may collect its writes in a buffer of its own (`sealed`).
#pragma once

#include <corothrift/byte_stream.h>

#include <openssl/bio.h>

#include <cstddef>
#include <memory>

namespace corothrift::tls::detail {

// Bytes appended one after another, kept for reuse once cleared; unlike a
// std::vector's resize, an append does not zero the room it then fills.
class ByteSink {
 public:
  // False (nothing appended) when memory runs out.
  bool append(const void* data, std::size_t size) noexcept;
  void clear() noexcept { size_ = 0; }
  const unsigned char* data() const noexcept { return bytes_.get(); }
  std::size_t size() const noexcept { return size_; }

 private:
  std::unique_ptr<unsigned char[]> bytes_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// What the last BIO call learned from the stream below; reset before each
// OpenSSL call by the TlsStream. Owned by the TlsStream; the BIO points here.
struct StreamBio {
  explicit StreamBio(ByteStream& s) noexcept : inner(&s) {}
  ByteStream* inner;
  bool retry = false;  // the stream said kWant*: `want` names the readiness
  Interest want = Interest::kRead;
  int error = 0;                 // the stream said kError (errno-like code)
  bool end = false;              // the stream said kEnd
  bool first_byte_seen = false;  // the first byte ever read, for naming plaintext peers
  unsigned char first_byte = 0;
  // While set (TlsStream::write_sealed), writes append here instead of
  // going to the stream.
  ByteSink* sealed = nullptr;

  void reset() noexcept {
    retry = false;
    error = 0;
  }
};

// A new BIO over `state` (not owning it); throws TlsConfigError when
// OpenSSL cannot allocate it.
BIO* new_stream_bio(StreamBio& state);

}  // namespace corothrift::tls::detail
