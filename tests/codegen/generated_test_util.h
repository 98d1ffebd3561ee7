#pragma once
// Fixtures shared by the tests of generated code: values through a protocol,
// and one message through a generated processor, for each ProtocolKind.

#include <gtest/gtest.h>

#include <string_view>

#include <corothrift/event_loop.h>
#include <corothrift/processor.h>
#include <corothrift/protocol.h>
#include <corothrift/sync_wait.h>

namespace corothrift::test {

class ProtocolTest : public ::testing::TestWithParam<ProtocolKind> {
 protected:
  template <class T>
  WriteBuffer encode(const T& value) {
    WriteBuffer out;
    serialize(GetParam(), value, out);
    return out;
  }

  // `value` written, then read back as a U, every byte used.
  template <class T, class U = T>
  U round_trip(const T& value) {
    WriteBuffer bytes = encode(value);
    U back;
    std::size_t used = deserialize(GetParam(), bytes.bytes(), back);
    EXPECT_EQ(used, bytes.size());
    return back;
  }
};

class ProcessorTest : public ::testing::TestWithParam<ProtocolKind> {
 protected:
  // Sends one message to `processor`; returns whether it knew the method.
  template <class Args>
  bool call(Processor& processor, std::string_view method, const Args& args,
            MessageType type = MessageType::Call) {
    WriteBuffer message;
    with_writer(GetParam(), message, [&](auto& w) {
      w.write_message_begin(method, type, 7);
      write_struct(w, args);
      w.write_message_end();
    });
    sink_.out.clear();
    sink_.framed = false;
    ServerRequest req(GetParam(), message.bytes(), kDefaultDecodeLimits, sink_);
    return sync_wait(loop_, processor.process(req));
  }

  // Reads the reply to the last call into `result`.
  template <class R>
  MessageHeader reply(R& result) {
    ReadBuffer in(sink_.out.bytes());
    MessageHeader header;
    with_reader(GetParam(), in, kDefaultDecodeLimits, [&](auto& r) {
      header = r.read_message_begin();
      read_struct(r, result);
      r.read_message_end();
    });
    return header;
  }

  EventLoop loop_;
  detail::ReplySink sink_;
};

// Names the instances of a suite parameterised by ProtocolKind.
inline std::string protocol_name(const ::testing::TestParamInfo<ProtocolKind>& info) {
  return info.param == ProtocolKind::Binary ? "Binary" : "Compact";
}

}  // namespace corothrift::test
