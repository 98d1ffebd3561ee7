#pragma once
// TlsStream: a ByteStream (byte_stream.h) that runs TLS over another
// ByteStream, normally the connection's Socket. Made by the contexts'
// wrappers (tls_context.h); a connection reads and writes through it like
// any stream, so every wire and protocol runs over TLS unchanged.
//
// How bytes move: OpenSSL reads and writes through a BIO whose two
// functions call the inner stream's try_read / try_write (stream_bio.cc).
// Chosen over memory BIOs because nothing is copied between buffers, the
// inner stream's EAGAIN reaches OpenSSL as a retry at once (so a kWant*
// answer always follows a real EAGAIN, as the edge-triggered watch needs),
// and any stream can sit below (tests put a ChoppedStream there). Chosen over
// SSL_set_fd because the Socket stays the only place that makes syscalls.
//
// The handshake runs inside the primitives: whichever of try_read and
// try_write is called first drives it. Neither direction needs to wake the
// other: the Socket reads the fd only after an edge (FdWatch::may_read), and
// every edge wakes both directions' waiters, so a write that reads the
// handshake's last records does so on an edge the reader saw too; after the
// handshake only reads read (renegotiation is refused and a peer that tries
// it is disconnected; a TLS 1.3 key update is answered by the read side). A
// handshake not finished within the options' handshake_timeout fails the
// stream.
//
// Errors name their cause: "certificate verify failed: hostname mismatch",
// "... certificate has expired", "peer sent alert: certificate required",
// "not a TLS client (first bytes look like plaintext Thrift)". The awaiters
// throw them as TransportError (throw_error).
//
// Threads: as every stream, the loop thread of the inner stream's watch.

#include <corothrift/byte_stream.h>
#include <corothrift/detail/timer_heap.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// OpenSSL's types, without its headers.
struct ssl_st;
struct bio_st;

namespace corothrift::tls {

// The verified certificate of the peer.
struct PeerIdentity {
  std::string subject;                    // one line, e.g. "CN=client,O=corothrift"
  std::string common_name;                // the subject's CN, or empty
  std::vector<std::string> dns_names;     // subjectAltName DNS entries
  std::vector<std::string> ip_addresses;  // subjectAltName IP entries, as text
  std::vector<std::string> uris;          // subjectAltName URI entries (SPIFFE ids)
};

enum class TlsRole : std::uint8_t { kClient, kServer };

namespace detail {
struct StreamBio;
}

class TlsStream final : public ByteStream {
 public:
  // Takes ownership of `ssl` (configured for its role, with no BIO yet) and
  // of `inner`. Starts the handshake timer; the handshake itself starts with
  // the first primitive call.
  TlsStream(ssl_st* ssl, std::unique_ptr<ByteStream> inner, TlsRole role,
            std::chrono::milliseconds handshake_timeout);
  ~TlsStream() override;
  TlsStream(const TlsStream&) = delete;
  TlsStream& operator=(const TlsStream&) = delete;

  IoResult try_read(std::span<std::byte> buffer) noexcept override;
  IoResult try_write(std::span<const iovec> pieces) noexcept override;
  // Sends close_notify (best effort), then ends the inner stream's direction.
  void shutdown_write() override;
  void abort() noexcept override;
  void close() noexcept override;
  bool is_open() const noexcept override { return inner_ && inner_->is_open(); }
  FdWatch& watch() const noexcept override { return inner_->watch(); }
  Address local_address() const override { return inner_->local_address(); }
  Address peer_address() const override { return inner_->peer_address(); }
  [[noreturn]] void throw_error(const char* operation, int error) const override;

  bool handshake_done() const noexcept { return state_ == State::kOpen; }
  // The peer's certificate once the handshake verified it; null when the
  // peer sent none (a server that does not ask for client certificates).
  const PeerIdentity* peer() const noexcept { return peer_ ? &*peer_ : nullptr; }
  // True when the handshake resumed an earlier session (client side).
  bool session_reused() const noexcept;
  // The ALPN protocol agreed on, or empty.
  std::string alpn() const;

  // Called from OpenSSL's callbacks (tls_stream.cc).
  void note_handshake_message(int content_type, unsigned char type) noexcept;

 private:
  enum class State : std::uint8_t { kHandshake, kOpen, kFailed };

  // Runs one OpenSSL call (again while it asks to retry without the stream
  // below having said kWant*, which would leave nothing to wait for).
  template <typename Call>
  int call(Call&& ssl_call) noexcept;
  // Classifies a call's result; finishing the handshake and a refused
  // renegotiation happen here.
  IoResult after_call(int ret, Interest direction) noexcept;
  IoResult classify(int ret, Interest direction) noexcept;
  // True when a read would surely find nothing (see tls_stream.cc).
  bool known_drained() const noexcept;
  // The writes (tls_stream_write.cc): a record at a time through the BIO
  // during the handshake, sealed in batches once it is done.
  IoResult write_record(std::span<const iovec> pieces) noexcept;
  IoResult write_sealed(std::span<const iovec> pieces) noexcept;
  // Sends `out` to the inner stream; `result` once all of it went, else
  // kWantWrite with the rest kept in sealed_ (result's bytes reported when
  // it is sent), or the inner stream's error.
  IoResult send_out(std::span<const unsigned char> out, IoResult result) noexcept;
  IoResult send_sealed() noexcept;
  // Copies the head of pieces (up to one record) into staged_.
  void stage(std::span<const iovec> pieces) noexcept;
  IoResult fail(std::string reason) noexcept;
  std::string describe_failure() const;
  void handshake_finished() noexcept;
  static void on_handshake_timeout(TimerNode* node) noexcept;

  struct Timer : TimerNode {
    explicit Timer(TlsStream* s) noexcept : TimerNode(&on_handshake_timeout), stream(s) {}
    TlsStream* stream;
  };

  std::unique_ptr<ByteStream> inner_;
  std::unique_ptr<detail::StreamBio> bio_;
  ssl_st* ssl_;
  EventLoop* loop_ = nullptr;
  TlsRole role_;
  State state_ = State::kHandshake;
  std::chrono::milliseconds handshake_timeout_;
  Timer timer_{this};
  bool renegotiation_ = false;
  bool over_socket_ = false;  // inner_ is a Socket (known_drained)
  // Room for one record gathered from small pieces. During the handshake:
  // bytes of the last try_write that OpenSSL has not taken yet (kWant*), a
  // copy of the head of the caller's pieces, sent again as they are.
  std::vector<unsigned char> staged_;
  std::size_t staged_size_ = 0;
  // Sealed records the inner stream did not take yet (it said kWantWrite),
  // and how many of the caller's bytes they hold; empty almost always.
  std::vector<unsigned char> sealed_;
  std::size_t sealed_taken_ = 0;
  std::string failure_;
  std::optional<PeerIdentity> peer_;
};

// The peer identity of the connection whose request handler is starting on
// this thread (see corothrift/request_stream.h): valid in a handler's
// synchronous start, before its first co_await; copy what you need. Null
// outside a handler, over plaintext, or when the client sent no certificate.
const PeerIdentity* current_peer() noexcept;

}  // namespace corothrift::tls
