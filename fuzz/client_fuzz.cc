// The client's reply path against a malicious server: a generated
// ShapesClient over a ClientChannel puts ten calls in flight on one
// connection (seqids 1 to 10, in the order of calls() below; the oneway
// `record` takes seqid 2 and expects no reply), and the input is everything
// the server answers: wrong or repeated seqids, replies to the oneway,
// replies of the wrong type or name, huge sizes, garbage exceptions, a
// connection that ends mid-reply. Each call must end (with its result or
// one of the runtime's errors) and the connection must be let go of; any
// other exception, a crash or a hang is a finding.
//
// The ChannelOptions::wrap_stream seam swaps the socket's bytes for the
// input (ScriptedStream), gated until every call is out. A call the server
// closed on without processing (HTTP: a response that closes, then no
// more) goes again on a new connection: that server closes at once.
//
// Input: one choice byte, then the peer script (peer_harness.h).
//   choice & 3: binary/compact x framed/unframed;
//   choice & 4: framed wire: the rest is records sent as frames;
//   choice & 8: multiplexed names ("Shapes:method");
//   choice & 16: small decode limits;
//   choice & 32: THeader, & 64: HTTP (both in place of framed/unframed);
//   choice & 128: JSON (in place of binary/compact).
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <corothrift/channel.h>
#include <corothrift/exception.h>
#include <corothrift/sync_wait.h>
#include <corothrift/when_all.h>

#include "Shapes.h"
#include "peer_harness.h"
#include "scripted_stream.h"

namespace {

using namespace corothrift;
using namespace corothrift::fuzz;

// The runtime's errors and the IDL's exceptions are how a call may fail;
// anything else escapes and fails the target.
template <class T>
Task<void> guarded(Task<T> call) {
  try {
    (void)co_await std::move(call);
  } catch (const RuntimeError&) {
  } catch (const ThriftException&) {
  }
}

std::vector<Task<void>> calls(e2e::ShapesClient& client) {
  std::vector<Task<void>> tasks;
  tasks.push_back(guarded(client.reset()));
  tasks.push_back(guarded(client.record("event")));
  tasks.push_back(guarded(client.lookup("key")));
  tasks.push_back(guarded(client.check(1)));
  e2e::Bag bag;
  bag.tags = {"a", "b"};
  tasks.push_back(guarded(client.echo_bag(bag)));
  tasks.push_back(guarded(client.echo_value(e2e::Value())));
  tasks.push_back(guarded(client.echo_tree(e2e::Tree())));
  tasks.push_back(guarded(client.describe(1, 2, 3, 4, 5.0, true, e2e::Color::RED, Binary())));
  tasks.push_back(guarded(client.hello("name")));
  tasks.push_back(guarded(client.recorded()));
  return tasks;
}

struct Peer {
  EventLoop loop;
  std::string path;
  int listener = -1;
  ScriptedStream* stream = nullptr;  // the first connection's, until let go of
  int streams = 0;                   // not yet let go of
};

// Closes the connections the input's first one left waiting to be accepted
// (the channel's reconnects), so that none is left for the next input.
void close_unaccepted(int listener) {
  pollfd ready{.fd = listener, .events = POLLIN, .revents = 0};
  while (::poll(&ready, 1, 0) == 1) {
    int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) std::abort();
    ::close(fd);
  }
}

// Last child of the when_all: runs once every call before it is waiting.
Task<void> open_gate(Peer& peer, int peer_fd) {
  if (peer.stream != nullptr) peer.stream->open_gate();
  // The edge that wakes the reader waiting on the socket.
  if (::send(peer_fd, "!", 1, MSG_NOSIGNAL) != 1) std::abort();
  co_return;
}

Task<void> converse(Peer& peer, ChannelOptions options) {
  auto channel =
      co_await ClientChannel::connect(peer.loop, Address::unix_path(peer.path), std::move(options));
  int peer_fd = ::accept4(peer.listener, nullptr, nullptr, SOCK_CLOEXEC);
  if (peer_fd < 0) std::abort();
  e2e::ShapesClient client(channel);
  std::vector<Task<void>> tasks = calls(client);
  tasks.push_back(open_gate(peer, peer_fd));
  co_await when_all(std::move(tasks));
  channel->close();
  ::close(peer_fd);
  close_unaccepted(peer.listener);
}

ChannelOptions channel_options(uint8_t choice, Peer& peer, PeerScript script) {
  ChannelOptions options;
  options.protocol = (choice & 1) != 0 ? ProtocolKind::Compact : ProtocolKind::Binary;
  options.transport = (choice & 2) != 0 ? TransportKind::Unframed : TransportKind::Framed;
  if ((choice & 32) != 0) options.transport = TransportKind::Header;
  if ((choice & 64) != 0) options.transport = TransportKind::Http;
  if ((choice & 128) != 0) options.protocol = ProtocolKind::Json;
  if ((choice & 8) != 0) options.service_name = "Shapes";
  if ((choice & 16) != 0) {
    options.limits.max_frame_bytes = 512;
    options.limits.max_string_bytes = 64;
    options.limits.max_container_elements = 16;
    options.limits.max_depth = 6;
  }
  auto shared = std::make_shared<PeerScript>(std::move(script));
  auto connections = std::make_shared<int>(0);
  options.wrap_stream = [&peer, shared, connections](Socket socket) -> std::unique_ptr<ByteStream> {
    const bool first = (*connections)++ == 0;
    auto inner = std::make_unique<Socket>(std::move(socket));
    if (!first) {
      auto closing = std::make_unique<ScriptedStream>(
          std::move(inner), std::string(), std::string(), false, [&peer] { --peer.streams; });
      ++peer.streams;
      return closing;
    }
    auto stream = std::make_unique<ScriptedStream>(std::move(inner), std::move(shared->bytes),
                                                   std::move(shared->cuts), true, [&peer] {
                                                     peer.stream = nullptr;
                                                     --peer.streams;
                                                   });
    ++peer.streams;
    peer.stream = stream.get();
    return stream;
  };
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static Peer* peer = [] {
    quiet_logs();
    auto* made = new Peer;
    made->listener = listen_unix(made->path);
    return made;
  }();
  FuzzBytes input(data, size);
  uint8_t choice = input.choice();
  bool framed = (choice & (2 | 32 | 64)) == 0;
  PeerScript script = read_peer_script(input, framed && (choice & 4) != 0);
  sync_wait(peer->loop, converse(*peer, channel_options(choice, *peer, std::move(script))));
  // A connection lets go of its stream once its reader and writer end.
  while (peer->streams != 0) peer->loop.run_once();
  return 0;
}
