// Hand-made Thrift-over-HTTP traffic for the server suites: POSTs of Calc
// calls, and a reader of one response at a time from a RawClient.
#pragma once

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "raw_peer.h"

namespace calc {

// A binary (or other) CALL of a two-int method, seqid 7.
inline std::string call_body(std::string_view name, int32_t a, int32_t b,
                             corothrift::ProtocolKind kind = corothrift::ProtocolKind::Binary) {
  TwoInts args;
  args.a = a;
  args.b = b;
  return message(kind, name, corothrift::MessageType::Call, 7, args);
}

inline std::string add_body(int32_t a, int32_t b,
                            corothrift::ProtocolKind kind = corothrift::ProtocolKind::Binary) {
  return call_body("add", a, b, kind);
}

inline std::string post(std::string_view body, std::string_view extra_headers = "",
                        std::string_view path = "/any/path") {
  return fmt::format("POST {} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n{}\r\n{}", path,
                     body.size(), extra_headers, body);
}

// One response: its status line and body (by Content-Length); both empty
// when the connection ended (or 5 s passed) first.
struct HttpResponse {
  std::string status_line;
  std::string body;
};

inline HttpResponse read_response(RawClient& raw) {
  std::string head;
  while (head.find("\r\n\r\n") == std::string::npos) {
    std::string byte = raw.read(1);
    if (byte.empty()) return {};
    head += byte;
  }
  HttpResponse r;
  r.status_line = head.substr(0, head.find("\r\n"));
  std::size_t at = head.find("Content-Length: ");
  if (at != std::string::npos) r.body = raw.read(std::stoul(head.substr(at + 16)));
  return r;
}

// The value of a binary REPLY to call_body(_, a, b) (seqid 7); -1 if none.
inline int32_t add_result(const std::string& reply) {
  Calc_add_result result;
  corothrift::ReadBuffer in(reply);
  corothrift::with_reader(corothrift::ProtocolKind::Binary, in, corothrift::kDefaultDecodeLimits,
                          [&](auto& r) {
                            corothrift::MessageHeader header = r.read_message_begin();
                            EXPECT_EQ(header.type, corothrift::MessageType::Reply);
                            EXPECT_EQ(header.seqid, 7);
                            result.read(r);
                          });
  return result.value.value_or(-1);
}

}  // namespace calc
