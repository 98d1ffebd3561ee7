// A server connection's whole input path, fed in-process: the bytes a client
// sends reach a real Server (one loop thread, over a Unix socket) through
// ServerOptions::wrap_stream, which swaps the accepted socket's bytes for the
// input (ScriptedStream). So framing and protocol detection, frame and
// message limits, message headers, multiplexed names, args decoding, replies
// and the connection's close all run exactly as for a network peer.
//
// Input: one choice byte, then the peer script (peer_harness.h).
//   choice & 3: which server (see servers() below);
//   choice & 4: the rest is records sent as frames, else raw bytes.
// The target waits until the server lets go of the connection: a connection
// that never ends is a hang, which libFuzzer reports (-timeout).
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <corothrift/address.h>
#include <corothrift/multiplexed.h>
#include <corothrift/server.h>

#include "peer_harness.h"
#include "scripted_stream.h"
#include "shapes_fuzz_handler.h"

namespace {

using namespace corothrift;
using namespace corothrift::fuzz;

// The script of the next connection, handed from the fuzz thread to the
// server's loop thread (which calls wrap_stream).
struct Handoff {
  std::mutex mutex;
  std::optional<PeerScript> next;
  Done done;
};

struct FuzzServer {
  std::string path;
  std::unique_ptr<Server> server;
};

ServerOptions server_options(int index, Handoff& handoff) {
  ServerOptions options;
  options.threads = 1;
  if (index == 2) {
    options.auto_detect = false;
    options.protocol = ProtocolKind::Compact;
    options.transport = TransportKind::Unframed;
  }
  if (index == 3) {
    // Tight bounds: reading pauses and resumes, and limits are met early.
    options.auto_detect = false;
    options.max_inflight_per_connection = 2;
    options.max_pending_output_bytes = 64;
    options.limits.max_frame_bytes = 1024;
    options.limits.max_string_bytes = 100;
    options.limits.max_container_elements = 20;
    options.limits.max_depth = 8;
  }
  options.wrap_stream = [&handoff](Socket socket) -> std::unique_ptr<ByteStream> {
    PeerScript script;
    {
      std::lock_guard lock(handoff.mutex);
      script = std::move(handoff.next.value());
      handoff.next.reset();
    }
    return std::make_unique<ScriptedStream>(std::make_unique<Socket>(std::move(socket)),
                                            std::move(script.bytes), std::move(script.cuts), false,
                                            [&handoff] { handoff.done.set(); });
  };
  return options;
}

std::shared_ptr<Processor> processor_for(int index) {
  if (index == 0 || index == 3) return make_shapes_processor();
  auto mux = std::make_shared<MultiplexedProcessor>();
  mux->add("Shapes", make_shapes_processor());
  mux->add("Other", make_shapes_processor());
  if (index == 2) mux->set_default(make_shapes_processor());
  return mux;
}

// 0: plain processor, wire detected; 1: multiplexed, no default service;
// 2: multiplexed with a default, compact unframed only; 3: binary framed
// only, with small limits and bounds. Made once, never destroyed (they
// outlive every input; the process ends with them serving).
FuzzServer& server(int index, Handoff& handoff) {
  static std::array<FuzzServer*, 4> servers{};
  if (servers[index] == nullptr) {
    auto* made = new FuzzServer;
    made->server = std::make_unique<Server>(processor_for(index), server_options(index, handoff));
    int listener = listen_unix(made->path);  // only to pick a fresh path
    ::close(listener);
    ::unlink(made->path.c_str());
    made->server->listen(Address::unix_path(made->path));
    made->server->start();
    servers[index] = made;
  }
  return *servers[index];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static Handoff* handoff = [] {
    quiet_logs();
    return new Handoff;
  }();
  FuzzBytes input(data, size);
  uint8_t choice = input.choice();
  FuzzServer& target = server(choice & 3, *handoff);
  {
    std::lock_guard lock(handoff->mutex);
    handoff->next = read_peer_script(input, (choice & 4) != 0);
  }
  int fd = connect_unix(target.path);
  handoff->done.wait_and_reset();
  ::close(fd);
  return 0;
}
