#include <corothrift/detail/message.h>
#include <corothrift/multiplexed.h>

#include <utility>

namespace corothrift {

void MultiplexedProcessor::add(std::string service, std::shared_ptr<Processor> processor) {
  services_[std::move(service)] = std::move(processor);
}

void MultiplexedProcessor::set_default(std::shared_ptr<Processor> processor) {
  default_ = std::move(processor);
}

Task<bool> MultiplexedProcessor::process(ServerRequest& req) {
  MultiplexedName name = split_multiplexed_name(req.method());
  Processor* target = nullptr;
  if (name.service.empty()) {
    target = default_.get();
  } else if (auto it = services_.find(name.service); it != services_.end()) {
    target = it->second.get();
    req.set_method(name.method);
  }
  if (target == nullptr) co_return false;
  co_return co_await target->process(req);
}

}  // namespace corothrift
