// Command-line flags shared by apache_cpp_server and apache_cpp_client; they
// follow Apache Thrift's test programs so that one runner drives every peer.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <thrift/protocol/TProtocol.h>
#include <thrift/transport/TTransport.h>

namespace interop {

struct PeerOptions {
  std::string host = "localhost";
  int port = 9090;
  std::string protocol = "binary";     // binary | compact | header (binary inside)
  std::string transport = "buffered";  // buffered | framed | http
  bool multiplexed = false;
  bool zlib = false;  // header only: the client compresses its requests
};

// Returns nullopt after printing the reason to stderr when a flag is unknown
// or its value is not supported.
std::optional<PeerOptions> parse_peer_options(int argc, char** argv);

std::shared_ptr<apache::thrift::transport::TTransportFactory> make_transport_factory(
    const PeerOptions& options);
std::shared_ptr<apache::thrift::protocol::TProtocolFactory> make_protocol_factory(
    const PeerOptions& options);

// A client's transport over its socket (THttpClient for http).
std::shared_ptr<apache::thrift::transport::TTransport> make_client_transport(
    const PeerOptions& options, std::shared_ptr<apache::thrift::transport::TTransport> socket);

// A client's protocol: THeader's zlib transform added when asked for.
std::shared_ptr<apache::thrift::protocol::TProtocol> make_client_protocol(
    const PeerOptions& options, std::shared_ptr<apache::thrift::transport::TTransport> transport);

}  // namespace interop
