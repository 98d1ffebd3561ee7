#include <corothrift/headers.h>

namespace corothrift {
namespace {
// One request at a time starts per thread (each loop is one thread).
thread_local RequestHeaders* current_headers = nullptr;
}  // namespace

RequestHeaders* current_request_headers() noexcept { return current_headers; }

namespace detail {
void set_current_request_headers(RequestHeaders* headers) noexcept { current_headers = headers; }
}  // namespace detail

}  // namespace corothrift
