// What a Server is configured with (see server.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <corothrift/limits.h>
#include <corothrift/protocol.h>
#include <corothrift/socket.h>
#include <corothrift/transport_kind.h>

namespace corothrift {

// How connections reach the loops: ReusePort gives each loop its own
// listening socket on the same port (SO_REUSEPORT; the kernel spreads
// connections by a hash, so 4 connections on 2 loops often land 3+1 or 4+0);
// Handoff has loop 0 accept and hand connections round-robin (one post per
// connection), which keeps few busy connections balanced. Unix-socket servers
// always use Handoff.
enum class AcceptMode { ReusePort, Handoff };

struct ServerOptions {
  // Used when auto_detect is off, and for the bytes auto_detect cannot
  // classify.
  ProtocolKind protocol = ProtocolKind::Binary;
  TransportKind transport = TransportKind::Framed;
  // Tell the wire apart from the first bytes of each connection: "POST "
  // starts HTTP (each request's body names its protocol), unframed messages
  // start with 0x80 (binary), 0x82 (compact) or '[' (JSON); anything else is
  // a frame length, and the frame's first bytes name the protocol, or
  // THeader (0x0FFF; each frame's header names the protocol). Old non-strict
  // binary is understood only framed.
  bool auto_detect = true;
  // Event loops, one thread each; 0 = std::thread::hardware_concurrency().
  std::size_t threads = 0;
  AcceptMode accept_mode = AcceptMode::Handoff;
  // Requests of one connection handled at once; reading pauses at the bound.
  std::size_t max_inflight_per_connection = 256;
  // Reading also pauses while this many reply bytes wait to be written.
  std::size_t max_pending_output_bytes = 8 * 1024 * 1024;
  // Connections beyond this are accepted and closed at once (logged).
  std::size_t max_connections = 100000;
  // A connection with no request in flight and no reply waiting to be
  // written that sends nothing for this long (counted from the last bytes
  // received, the last call's end, or the last reply written out) is closed;
  // 0 = never (the default: an idle connection costs one fd and a few
  // KiB, and max_connections bounds how many there are). Bytes of
  // a message still arriving count from the timer's next check, so such a
  // close may come up to one period late.
  std::chrono::milliseconds idle_timeout{0};
  // A message whose first bytes have arrived must be complete within this
  // long, or the connection is closed (logged): a peer that trickles bytes
  // (slowloris) cannot hold a connection, its buffer and a slot of
  // max_connections for ever. Counted from when the server first sees the
  // message's bytes, checked every half period, so the close comes between
  // one and one and a half periods after the first byte. Time spent with
  // reading paused by this server's own bounds (max_inflight_per_connection,
  // max_pending_output_bytes) does not count. 0 = never. See docs/limits.md.
  std::chrono::milliseconds frame_read_timeout{30000};
  // While replies wait to be written, the peer must take some of their
  // bytes within this long, or the connection is closed (logged): a peer
  // that sends requests and never reads the replies would otherwise hold
  // its connection, up to max_pending_output_bytes of replies and a slot
  // of max_connections for ever (reading pauses at that bound, so the
  // frame-read timeout never sees it). A slow reader that keeps taking
  // bytes is not closed, however long a large reply takes. Checked every
  // half period, like frame_read_timeout: the close comes between one and
  // one and a half periods after the last byte the peer took. It applies
  // after reading has ended too (the peer half-closed, or the connection
  // is draining). 0 = never. See docs/limits.md.
  std::chrono::milliseconds write_timeout{30000};
  // max_frame_bytes applies before anything is allocated for a frame.
  DecodeLimits limits;
  // HTTP only: the path Thrift POSTs must go to, e.g. "/thrift" (a query
  // string after it is allowed). A POST to another path is answered 404 and
  // its connection closed, with the path logged. Empty: any path, as
  // Apache's THttpServer takes.
  std::string http_path;
  // Wraps each accepted socket into the stream served (see StreamWrapper);
  // empty: plain sockets. Called on the connection's loop thread, and so
  // concurrently from every worker thread: it must be safe to call at once
  // from several threads (every worker shares these options).
  StreamWrapper wrap_stream;
};

}  // namespace corothrift
