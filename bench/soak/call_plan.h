// What one soak call does, drawn from its token and the run's seed (so a run
// is reproducible call by call) with the rates of the run's configuration.
#pragma once

#include <corothrift/protocol.h>
#include <corothrift/transport_kind.h>

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace soak {

struct ClientConfig {
  uint16_t port = 0;
  // The first clean_connections connections go to clean_port instead, with
  // no fault of either side's making: none of their calls may fail with its
  // connection, and a reply lost there cannot hide behind a dropped
  // connection (it leaves its call stuck).
  uint16_t clean_port = 0;
  std::size_t clean_connections = 8;
  uint64_t calls = 1'000'000;
  std::size_t connections = 64;
  std::size_t callers_per_connection = 4;  // calls in flight on each connection
  uint64_t seed = 1;
  // The wire the client speaks (the server tells it from the first bytes).
  corothrift::TransportKind transport = corothrift::TransportKind::Framed;
  corothrift::ProtocolKind protocol = corothrift::ProtocolKind::Binary;
  // Mean bytes a client connection moves before its ChaosStream drops it; 0: never.
  uint64_t chaos_bytes = 0;
  // One call in N (0: none) closes its channel first (failing the calls in
  // flight on it), or asks the server to drop the connection, or asks for a
  // delay of 1..max_delay_ms.
  uint64_t close_every = 0;
  uint64_t drop_every = 0;
  uint64_t delay_every = 20;
  int32_t max_delay_ms = 40;
  // One call in four has no timeout; the others 5..max_timeout_ms.
  int32_t max_timeout_ms = 50;
  // One call in N (0: none) is also cancelled after 1..max_timeout_ms
  // (with_timeout), or sends a oneway note first.
  uint64_t cancel_every = 8;
  uint64_t note_every = 10;
  // Payloads of 0..max_payload bytes; one call in 200 carries up to 64 KiB.
  std::size_t max_payload = 512;
  // A call in flight for longer than this is stuck (a lost reply).
  std::chrono::milliseconds lost_after{10'000};
  // Progress lines (with RSS and fds) over the run.
  uint64_t samples = 100;
};

struct CallPlan {
  std::size_t payload_bytes = 0;
  int32_t delay_ms = 0;
  std::chrono::milliseconds timeout{0};  // 0: none
  bool drop = false;                     // the server drops the connection
  bool close_first = false;              // the client closes its channel first
  bool note_first = false;               // a oneway note goes out first
  // Non-zero: the call also runs under with_timeout(), which cancels it.
  std::chrono::milliseconds cancel_after{0};
};

// `clean`: a call of a clean connection (no drop, no close).
CallPlan plan_call(const ClientConfig& config, int64_t token, bool clean) noexcept;

}  // namespace soak
