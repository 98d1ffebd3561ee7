// Several services on one port, told apart by TMultiplexedProtocol's
// "Service:method" message names (as Apache's TMultiplexedProcessor does).
//
//   auto mux = std::make_shared<corothrift::MultiplexedProcessor>();
//   mux->add("Calculator", std::make_shared<CalculatorProcessor>(handler));
//   mux->add("Echo", std::make_shared<EchoProcessor>(echo_handler));
//   corothrift::Server server(mux, options);
//
// The routed processor sees the bare method name, and replies carry the bare
// name, as Apache's servers send them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <corothrift/processor.h>

namespace corothrift {

class MultiplexedProcessor final : public Processor {
 public:
  // Register every service before the server starts: process() reads the
  // table from many threads without locking.
  void add(std::string service, std::shared_ptr<Processor> processor);
  // Receives names without a "Service:" prefix (plain, non-multiplexed
  // clients); without one, such calls get UNKNOWN_METHOD.
  void set_default(std::shared_ptr<Processor> processor);

  Task<bool> process(ServerRequest& req) override;

 private:
  std::map<std::string, std::shared_ptr<Processor>, std::less<>> services_;
  std::shared_ptr<Processor> default_;
};

}  // namespace corothrift
