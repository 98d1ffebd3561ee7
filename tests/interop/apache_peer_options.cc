#include "apache_peer_options.h"

#include <charconv>
#include <iostream>
#include <stdexcept>
#include <string_view>

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/protocol/TJSONProtocol.h>
#include <thrift/protocol/THeaderProtocol.h>
#include <thrift/transport/THeaderTransport.h>
#include <thrift/transport/THttpClient.h>
#include <thrift/transport/THttpServer.h>
#include <thrift/transport/TBufferTransports.h>

namespace interop {
namespace {

bool parse_port(std::string_view text, int& port) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  return error == std::errc{} && end == text.data() + text.size() && port > 0 && port < 65536;
}

// Applies one "--name=value" (or "--name" "value") pair; false on a bad flag.
bool apply_flag(PeerOptions& options, std::string_view name, std::string_view value) {
  if (name == "--host") {
    options.host = value;
    return !value.empty();
  }
  if (name == "--port") return parse_port(value, options.port);
  if (name == "--protocol") {
    options.protocol = value;
    return value == "binary" || value == "compact" || value == "json" || value == "header";
  }
  if (name == "--transport") {
    options.transport = value;
    return value == "buffered" || value == "framed" || value == "http";
  }
  return false;
}

}  // namespace

std::optional<PeerOptions> parse_peer_options(int argc, char** argv) {
  PeerOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--multiplexed") {
      options.multiplexed = true;
      continue;
    }
    if (arg == "--zlib") {
      options.zlib = true;
      continue;
    }
    std::string_view name = arg.substr(0, arg.find('='));
    std::string_view value;
    if (name.size() < arg.size()) {
      value = arg.substr(name.size() + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    }
    if (!apply_flag(options, name, value)) {
      std::cerr << "unsupported flag or value: " << arg << " " << value << "\n"
                << "usage: " << argv[0]
                << " [--host=H] [--port=P] [--protocol=binary|compact|json|header]"
                   " [--transport=framed|buffered|http] [--zlib] [--multiplexed]\n";
      return std::nullopt;
    }
  }
  return options;
}

std::shared_ptr<apache::thrift::transport::TTransportFactory> make_transport_factory(
    const PeerOptions& options) {
  using namespace apache::thrift::transport;
  if (options.transport == "framed") return std::make_shared<TFramedTransportFactory>();
  if (options.transport == "http") return std::make_shared<THttpServerTransportFactory>();
  return std::make_shared<TBufferedTransportFactory>();
}

std::shared_ptr<apache::thrift::transport::TTransport> make_client_transport(
    const PeerOptions& options, std::shared_ptr<apache::thrift::transport::TTransport> socket) {
  using namespace apache::thrift::transport;
  if (options.transport == "http") return std::make_shared<THttpClient>(socket, options.host, "/");
  return make_transport_factory(options)->getTransport(std::move(socket));
}

std::shared_ptr<apache::thrift::protocol::TProtocolFactory> make_protocol_factory(
    const PeerOptions& options) {
  using namespace apache::thrift::protocol;
  if (options.protocol == "compact") return std::make_shared<TCompactProtocolFactory>();
  if (options.protocol == "json") return std::make_shared<TJSONProtocolFactory>();
  if (options.protocol == "header") return std::make_shared<THeaderProtocolFactory>();
  return std::make_shared<TBinaryProtocolFactory>();
}

std::shared_ptr<apache::thrift::protocol::TProtocol> make_client_protocol(
    const PeerOptions& options, std::shared_ptr<apache::thrift::transport::TTransport> transport) {
  using namespace apache::thrift::transport;
  auto protocol = make_protocol_factory(options)->getProtocol(std::move(transport));
  if (options.zlib) {
    auto header = std::dynamic_pointer_cast<THeaderTransport>(protocol->getTransport());
    if (!header) throw std::invalid_argument("--zlib needs --protocol=header");
    header->setTransform(THeaderTransport::ZLIB_TRANSFORM);
  }
  return protocol;
}

}  // namespace interop
