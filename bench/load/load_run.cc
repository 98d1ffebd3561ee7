#include "load/load_run.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <thread>
#include <vector>

#include "common/byte_buffer.h"
#include "common/socket.h"
#include "common/wire.h"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kReadChunk = 64 * 1024;
constexpr size_t kMaxReplyFrame = 64 * 1024 * 1024;
constexpr int kSlotBits = 12;
constexpr uint32_t kSlotMask = (1u << kSlotBits) - 1;
constexpr uint32_t kGenerationMask = (1u << (31 - kSlotBits)) - 1;
constexpr int kRetryMs = 10;
constexpr int kMaxEvents = 256;

struct Slot {
  int32_t seqid = 0;
  Clock::time_point sent;
  bool busy = false;
};

// A slot's seqid: its index in the low bits, a per-connection counter above,
// so a reply finds its call in O(1) even when answers come out of order.
struct Connection {
  int32_t salt = 0;
  int fd = -1;
  ByteBuffer in;
  Outgoing out;
  size_t sent = 0;
  bool waiting_to_write = false;
  std::vector<Slot> slots;
  uint32_t generation = 0;
};

class LoadRun {
 public:
  explicit LoadRun(const LoadOptions& options);
  ~LoadRun();
  LoadRun(const LoadRun&) = delete;
  LoadRun& operator=(const LoadRun&) = delete;

  LoadResult run();

 private:
  bool open(Connection& connection, Clock::time_point now);
  void issue(Connection& connection, size_t slot, Clock::time_point now);
  void on_ready(Connection& connection, uint32_t events);
  bool read_replies(Connection& connection);
  bool answer(Connection& connection, std::span<const uint8_t> body, Clock::time_point now);
  bool flush(Connection& connection);
  void gather(const Outgoing& out, size_t offset);
  void fail(std::string_view why);
  void drop(Connection& connection);
  void reopen_down(Clock::time_point now);
  int timeout_ms(Clock::time_point now) const;

  const LoadOptions& options_;
  CallCodec codec_;
  int epoll_fd_;
  std::vector<Connection> connections_;  // never resized: epoll holds indexes
  size_t down_ = 0;
  Clock::time_point measure_from_;
  Clock::time_point stop_at_;
  LoadResult result_;
  std::vector<iovec> iov_;
};

LoadRun::LoadRun(const LoadOptions& options)
    : options_(options),
      codec_(options.call, options.payload_bytes, options.wire),
      epoll_fd_(static_cast<int>(check_syscall(::epoll_create1(EPOLL_CLOEXEC), "epoll_create1"))),
      connections_(static_cast<size_t>(options.connections)) {
  for (size_t i = 0; i < connections_.size(); ++i) {
    connections_[i].salt = static_cast<int32_t>(i + 1);
    connections_[i].slots.resize(static_cast<size_t>(options.inflight));
  }
}

LoadRun::~LoadRun() {
  for (Connection& connection : connections_) {
    if (connection.fd >= 0) ::close(connection.fd);
  }
  ::close(epoll_fd_);
}

LoadResult LoadRun::run() {
  Clock::time_point now = Clock::now();
  measure_from_ = now + options_.warmup;
  stop_at_ = measure_from_ + options_.duration;
  for (Connection& connection : connections_) {
    if (!open(connection, now)) ++down_;
  }
  epoll_event events[kMaxEvents];
  while (now < stop_at_) {
    int ready = ::epoll_wait(epoll_fd_, events, kMaxEvents, timeout_ms(now));
    if (ready < 0 && errno != EINTR) check_syscall(ready, "epoll_wait");
    for (int i = 0; i < ready; ++i) on_ready(connections_[events[i].data.u64], events[i].events);
    now = Clock::now();
    if (down_ != 0) reopen_down(now);
  }
  result_.seconds = std::chrono::duration<double>(options_.duration).count();
  return std::move(result_);
}

bool LoadRun::open(Connection& connection, Clock::time_point now) {
  connection.fd = connect_loopback(options_.port);
  if (connection.fd < 0) {
    ++result_.connect_failures;
    return false;
  }
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = static_cast<uint64_t>(&connection - connections_.data());
  check_syscall(::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, connection.fd, &event), "epoll_ctl add");
  for (size_t slot = 0; slot < connection.slots.size(); ++slot) issue(connection, slot, now);
  if (!flush(connection)) drop(connection);
  return true;
}

void LoadRun::issue(Connection& connection, size_t slot, Clock::time_point now) {
  uint32_t generation = connection.generation++ & kGenerationMask;
  auto seqid = static_cast<int32_t>((generation << kSlotBits) | static_cast<uint32_t>(slot));
  connection.slots[slot] = Slot{seqid, now, true};
  codec_.append_request(seqid, connection.salt, connection.out);
}

void LoadRun::on_ready(Connection& connection, uint32_t events) {
  bool alive = true;
  if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) alive = read_replies(connection);
  if (alive) alive = flush(connection);
  if (!alive) drop(connection);
}

// One read per wake-up (level-triggered); the clock is read once per read and
// stamps both the replies it holds and the calls they trigger.
bool LoadRun::read_replies(Connection& connection) {
  size_t frame_size = 0;
  std::span<const uint8_t> body;
  std::span<const uint8_t> buffered = connection.in.readable();
  size_t want = kReadChunk;
  if (!wire::front_frame(buffered, frame_size, body) && buffered.size() >= 4) {
    if (frame_size > kMaxReplyFrame) {
      fail("reply frame larger than 64 MiB");
      return false;
    }
    want = std::max(want, frame_size + wire::kFrameHeaderBytes - buffered.size());
  }
  std::span<uint8_t> room = connection.in.writable(want);
  ssize_t got = ::read(connection.fd, room.data(), room.size());
  if (got == 0) return false;
  if (got < 0) return errno == EAGAIN || errno == EINTR;
  connection.in.commit(static_cast<size_t>(got));
  Clock::time_point now = Clock::now();
  while (wire::front_frame(connection.in.readable(), frame_size, body)) {
    if (!answer(connection, body, now)) return false;
    connection.in.consume(wire::kFrameHeaderBytes + frame_size);
  }
  return true;
}

bool LoadRun::answer(Connection& connection, std::span<const uint8_t> frame, Clock::time_point now) {
  std::span<const uint8_t> body = codec_.message_of(frame);
  int32_t seqid = 0;
  if (!CallCodec::reply_seqid(body, seqid)) {
    fail(describe(ReplyCheck::kMalformed));
    return false;
  }
  size_t index = static_cast<uint32_t>(seqid) & kSlotMask;
  if (index >= connection.slots.size() || !connection.slots[index].busy ||
      connection.slots[index].seqid != seqid) {
    fail(describe(ReplyCheck::kWrongSeqid));
    return false;
  }
  Slot& slot = connection.slots[index];
  ReplyCheck check = codec_.check_reply(body, seqid, connection.salt);
  if (check != ReplyCheck::kOk) {
    fail(describe(check));
    return false;
  }
  slot.busy = false;
  ++result_.calls_total;
  if (now >= measure_from_ && now < stop_at_) {
    ++result_.calls;
    result_.latency_ns.record(static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(now - slot.sent).count()));
  }
  if (now < stop_at_) issue(connection, index, now);
  return true;
}

bool LoadRun::flush(Connection& connection) {
  while (connection.sent < connection.out.total()) {
    gather(connection.out, connection.sent);
    msghdr message{};
    message.msg_iov = iov_.data();
    message.msg_iovlen = std::min<size_t>(iov_.size(), IOV_MAX);
    ssize_t put = ::sendmsg(connection.fd, &message, MSG_NOSIGNAL);
    if (put < 0 && errno == EINTR) continue;
    if (put < 0 && errno != EAGAIN) return false;
    if (put < 0) break;
    connection.sent += static_cast<size_t>(put);
  }
  bool pending = connection.sent < connection.out.total();
  if (!pending) {
    connection.out.clear();
    connection.sent = 0;
  }
  if (pending != connection.waiting_to_write) {
    epoll_event event{};
    event.events = pending ? EPOLLIN | EPOLLOUT : EPOLLIN;
    event.data.u64 = static_cast<uint64_t>(&connection - connections_.data());
    check_syscall(::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, connection.fd, &event), "epoll_ctl mod");
    connection.waiting_to_write = pending;
  }
  return true;
}

// iov_ := the pieces of `out` after its first `offset` bytes.
void LoadRun::gather(const Outgoing& out, size_t offset) {
  iov_.clear();
  auto piece = [&](const uint8_t* data, size_t size) {
    if (offset >= size) {
      offset -= size;
      return;
    }
    iov_.push_back({const_cast<uint8_t*>(data + offset), size - offset});
    offset = 0;
  };
  size_t held = 0;
  for (const Outgoing::Ref& ref : out.refs) {
    piece(out.bytes.data() + held, ref.at - held);
    piece(ref.data.data(), ref.data.size());
    held = ref.at;
  }
  piece(out.bytes.data() + held, out.bytes.size() - held);
}

void LoadRun::fail(std::string_view why) {
  ++result_.errors;
  if (result_.first_error.empty()) result_.first_error = why;
}

// The calls in flight are lost; the connection is reopened by reopen_down().
void LoadRun::drop(Connection& connection) {
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, connection.fd, nullptr);
  ::close(connection.fd);
  connection.fd = -1;
  for (Slot& slot : connection.slots) {
    if (slot.busy) ++result_.lost_calls;
    slot.busy = false;
  }
  connection.in.clear();
  connection.out.clear();
  connection.sent = 0;
  connection.waiting_to_write = false;
  ++result_.reconnects;
  ++down_;
}

void LoadRun::reopen_down(Clock::time_point now) {
  for (Connection& connection : connections_) {
    if (connection.fd < 0 && now < stop_at_ && open(connection, now)) --down_;
  }
}

int LoadRun::timeout_ms(Clock::time_point now) const {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(stop_at_ - now).count();
  auto wait = static_cast<int>(std::max<int64_t>(0, left));
  return down_ != 0 ? std::min(wait, kRetryMs) : wait;
}

void merge_into(LoadResult& total, LoadResult&& part) {
  total.calls += part.calls;
  total.calls_total += part.calls_total;
  total.seconds = part.seconds;
  total.latency_ns.merge(part.latency_ns);
  total.errors += part.errors;
  total.connect_failures += part.connect_failures;
  total.reconnects += part.reconnects;
  total.lost_calls += part.lost_calls;
  if (total.first_error.empty()) total.first_error = std::move(part.first_error);
}

}  // namespace

LoadResult run_load(const LoadOptions& options) {
  int threads = std::clamp(options.threads, 1, options.connections);
  if (threads == 1) return LoadRun(options).run();
  std::vector<LoadOptions> shares(static_cast<size_t>(threads), options);
  std::vector<LoadResult> parts(shares.size());
  std::vector<std::thread> running;
  for (int i = 0; i < threads; ++i) {
    shares[i].connections = options.connections / threads + (i < options.connections % threads);
    running.emplace_back([&, i] { parts[i] = LoadRun(shares[i]).run(); });
  }
  LoadResult total;
  for (int i = 0; i < threads; ++i) {
    running[i].join();
    merge_into(total, std::move(parts[i]));
  }
  return total;
}

}  // namespace bench
