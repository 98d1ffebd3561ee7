// Channel and server together under load: every reply checked, every
// protocol/transport combination, large binaries.
#include <corothrift/multiplexed.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "calc_fixture.h"

namespace {

using namespace corothrift;
using calc::CalcClient;
using calc::pattern;
using calc::run;

// `count` concurrent adds on one channel; returns how many replies were right.
Task<int> add_all(std::shared_ptr<ClientChannel> channel, int first, int count) {
  CalcClient client(channel);
  std::vector<Task<int32_t>> calls;
  calls.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) calls.push_back(client.add(first + i, 3 * (first + i)));
  std::vector<int32_t> sums = co_await when_all(std::move(calls));
  int right = 0;
  for (int i = 0; i < count; ++i) right += sums[static_cast<std::size_t>(i)] == 4 * (first + i);
  co_return right;
}

TEST(EndToEnd, TenThousandCallsInFlightOnFourConnectionsAllComeBackRight) {
  calc::CalcServer server;
  EventLoop loop;
  int right = run(loop, [&]() -> Task<int> {
    std::vector<std::shared_ptr<ClientChannel>> channels;
    for (int c = 0; c < 4; ++c) {
      auto channel = co_await calc::connect(loop, server.address());
      channels.push_back(channel);
    }
    std::vector<Task<int>> connections;
    for (int c = 0; c < 4; ++c) connections.push_back(add_all(channels[c], c * 2500, 2500));
    std::vector<int> each = co_await when_all(std::move(connections));
    co_return each[0] + each[1] + each[2] + each[3];
  }());
  EXPECT_EQ(right, 10000);
}

TEST(EndToEnd, EveryProtocolAndTransportCarriesAddsAndBinaries) {
  calc::CalcServer server;
  EventLoop loop;
  calc::for_each_wire([&](const ChannelOptions& options) {
    run(loop, [&]() -> Task<void> {
      auto channel = co_await calc::connect(loop, server.address(), options);
      EXPECT_EQ(co_await add_all(channel, 100, 200), 200);
      CalcClient client(channel);
      Binary sent = pattern(70000, 7);
      Binary back = co_await client.echo(sent);
      EXPECT_TRUE(back == sent);
      Binary empty = co_await client.echo(Binary());
      EXPECT_TRUE(empty.empty());
    }());
  });
}

TEST(EndToEnd, ConcurrentLargeEchoesOnOneConnectionAreNotMixedUp) {
  calc::CalcServer server;
  EventLoop loop;
  int right = run(loop, [&]() -> Task<int> {
    auto channel = co_await calc::connect(loop, server.address());
    CalcClient client(channel);
    std::vector<Task<Binary>> calls;
    for (int i = 0; i < 16; ++i) calls.push_back(client.echo(pattern(65536 + i * 1000, i)));
    std::vector<Binary> back = co_await when_all(std::move(calls));
    int ok = 0;
    for (int i = 0; i < 16; ++i)
      ok += back[static_cast<std::size_t>(i)] == pattern(65536 + i * 1000, i);
    co_return ok;
  }());
  EXPECT_EQ(right, 16);
}

TEST(EndToEnd, MessageAboveTheClientsFrameLimitFailsThatCallOnly) {
  calc::CalcServer server;
  EventLoop loop;
  // Copied (4 KiB) and sent by reference (40 KB): the limit counts both.
  for (std::size_t limit : {std::size_t{1024}, std::size_t{20000}}) {
    ChannelOptions options;
    options.limits.max_frame_bytes = limit;
    run(loop, [&]() -> Task<void> {
      auto channel = co_await calc::connect(loop, server.address(), options);
      CalcClient client(channel);
      bool threw = false;
      try {
        co_await client.echo(pattern(limit * 2, 1));
      } catch (const TransportError&) {
        threw = true;
      }
      EXPECT_TRUE(threw) << limit;
      EXPECT_EQ(co_await client.add(1, 2), 3);
      Binary fits = pattern(limit - 100, 2);
      EXPECT_TRUE(co_await client.echo(fits) == fits) << limit;
    }());
  }
}

TEST(EndToEnd, ReplyValueAboveTheClientsLimitsFailsThatCallOnly) {
  calc::CalcServer server;
  EventLoop loop;
  ChannelOptions options;
  options.limits.max_string_bytes = 100;
  run(loop, [&]() -> Task<void> {
    auto channel = co_await calc::connect(loop, server.address(), options);
    CalcClient client(channel);
    bool threw = false;
    try {
      co_await client.echo(pattern(500, 1));  // the server accepts it; the reply is too long
    } catch (const ProtocolError&) {
      threw = true;
    }
    EXPECT_TRUE(threw);
    EXPECT_EQ(co_await client.add(1, 2), 3);
    EXPECT_EQ(server.server->connection_count(), 1u);
  }());
}

// Apache Thrift's Python library (python3-thrift) as the client: every
// protocol/transport pair, plain and multiplexed, against one server that
// detects them. Debian's packages import only in /usr/bin/python3.
constexpr const char* kApacheClient = R"PY(
import sys
from thrift.transport import TSocket, TTransport
from thrift.protocol import TBinaryProtocol, TCompactProtocol, TMultiplexedProtocol
from thrift.Thrift import TType, TMessageType
port = int(sys.argv[1])
def add(proto, framed, mux, a, b, seqid):
    sock = TSocket.TSocket('127.0.0.1', port)
    sock.setTimeout(5000)
    trans = TTransport.TFramedTransport(sock) if framed else TTransport.TBufferedTransport(sock)
    p = proto(trans)
    out = TMultiplexedProtocol.TMultiplexedProtocol(p, 'Calc') if mux else p
    trans.open()
    out.writeMessageBegin('add', TMessageType.CALL, seqid)
    out.writeStructBegin('args')
    out.writeFieldBegin('a', TType.I32, 1); out.writeI32(a); out.writeFieldEnd()
    out.writeFieldBegin('b', TType.I32, 2); out.writeI32(b); out.writeFieldEnd()
    out.writeFieldStop(); out.writeStructEnd(); out.writeMessageEnd(); trans.flush()
    name, mtype, rseqid = p.readMessageBegin()
    p.readStructBegin()
    value = None
    while True:
        _, ftype, fid = p.readFieldBegin()
        if ftype == TType.STOP: break
        if fid == 0: value = p.readI32()
        else: p.skip(ftype)
        p.readFieldEnd()
    trans.close()
    return '%s %d %d %s' % (name, mtype, rseqid, value)
for proto in (TBinaryProtocol.TBinaryProtocol, TCompactProtocol.TCompactProtocol):
    for framed in (True, False):
        for mux in (False, True):
            print(add(proto, framed, mux, 40, 2, 7))
)PY";

TEST(EndToEnd, ApachePythonClientIsAnsweredInEveryProtocolAndTransport) {
  if (std::system("/usr/bin/python3 -c 'import thrift' 2>/dev/null") != 0) {
    GTEST_SKIP() << "python3-thrift is not installed";
  }
  auto mux = std::make_shared<MultiplexedProcessor>();
  auto handler = std::make_shared<calc::TestHandler>();
  mux->add("Calc", calc::make_processor(handler));
  mux->set_default(calc::make_processor(handler));
  calc::CalcServer server({}, mux);
  std::string script = kApacheClient;
  std::string command = "timeout 60 /usr/bin/python3 -c \"" + script + "\" " +
                        std::to_string(server.server->port()) + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buf[256];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) output += buf;
  EXPECT_EQ(::pclose(pipe), 0) << output;
  std::string expected;
  for (int i = 0; i < 8; ++i) expected += "add 2 7 42\n";  // REPLY, seqid 7, sum
  EXPECT_EQ(output, expected);
}

// Apache's Python TSimpleServer serves one request at a time; pipelined
// calls still come back right because replies are matched by seqid.
constexpr const char* kApacheServer = R"PY(
import sys
from thrift.transport import TSocket, TTransport
from thrift.protocol import TBinaryProtocol, TCompactProtocol
from thrift.server import TServer
from thrift.Thrift import TType, TMessageType
class Adder:
    def process(self, iprot, oprot):
        name, mtype, seqid = iprot.readMessageBegin()
        iprot.readStructBegin()
        values = {}
        while True:
            _, ftype, fid = iprot.readFieldBegin()
            if ftype == TType.STOP: break
            if ftype == TType.I32: values[fid] = iprot.readI32()
            else: iprot.skip(ftype)
            iprot.readFieldEnd()
        iprot.readStructEnd(); iprot.readMessageEnd()
        oprot.writeMessageBegin(name, TMessageType.REPLY, seqid)
        oprot.writeStructBegin('result')
        oprot.writeFieldBegin('success', TType.I32, 0)
        oprot.writeI32(values.get(1, 0) + values.get(2, 0))
        oprot.writeFieldEnd(); oprot.writeFieldStop(); oprot.writeStructEnd()
        oprot.writeMessageEnd(); oprot.trans.flush()
        return True
listener = TSocket.TServerSocket(host='127.0.0.1', port=0)
listener.listen()
print(listener.handle.getsockname()[1], flush=True)
listener.listen = lambda: None
framed = sys.argv[2] == 'framed'
tf = TTransport.TFramedTransportFactory() if framed else TTransport.TBufferedTransportFactory()
compact = sys.argv[1] == 'compact'
pf = TCompactProtocol.TCompactProtocolFactory() if compact else TBinaryProtocol.TBinaryProtocolFactory()
TServer.TSimpleServer(Adder(), listener, tf, pf).serve()
)PY";

// Runs the Python server (ended by pid, or by `timeout` after 60 s).
class PythonServer {
 public:
  PythonServer(const char* protocol, const char* transport) {
    int out[2];
    if (::pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::string script = kApacheServer;
    const char* argv[] = {"timeout",      "60",     "/usr/bin/python3", "-c",
                          script.c_str(), protocol, transport,          nullptr};
    if (::posix_spawnp(&pid_, "timeout", &actions, nullptr, const_cast<char* const*>(argv),
                       environ) != 0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    FILE* stream = ::fdopen(out[0], "r");
    char line[64] = {};
    if (stream != nullptr && std::fgets(line, sizeof line, stream) != nullptr) {
      port_ = static_cast<uint16_t>(std::atoi(line));
    }
    if (stream != nullptr) std::fclose(stream);
  }
  ~PythonServer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  uint16_t port() const { return port_; }

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

TEST(EndToEnd, PipelinedCallsToAnApacheServerThatAnswersOneAtATimeComeBackRight) {
  if (std::system("/usr/bin/python3 -c 'import thrift' 2>/dev/null") != 0) {
    GTEST_SKIP() << "python3-thrift is not installed";
  }
  EventLoop loop;
  for (const char* protocol : {"binary", "compact"}) {
    for (const char* transport : {"framed", "buffered"}) {
      PythonServer peer(protocol, transport);
      ASSERT_NE(peer.port(), 0) << "the Python server did not start";
      ChannelOptions options;
      options.protocol =
          std::string(protocol) == "compact" ? ProtocolKind::Compact : ProtocolKind::Binary;
      options.transport =
          std::string(transport) == "framed" ? TransportKind::Framed : TransportKind::Unframed;
      int right = run(loop, [&]() -> Task<int> {
        auto channel =
            co_await calc::connect(loop, Address::ipv4("127.0.0.1", peer.port()), options);
        co_return co_await add_all(channel, 0, 20);
      }());
      EXPECT_EQ(right, 20) << protocol << " " << transport;
    }
  }
}

}  // namespace
