#include <corothrift/request_stream.h>

#include <utility>

namespace corothrift {
namespace {
thread_local const ByteStream* current_stream = nullptr;
}  // namespace

const ByteStream* current_request_stream() noexcept { return current_stream; }

namespace detail {

RequestStreamScope::RequestStreamScope(const ByteStream* stream) noexcept
    : previous_(std::exchange(current_stream, stream)) {}

RequestStreamScope::~RequestStreamScope() { current_stream = previous_; }

}  // namespace detail
}  // namespace corothrift
