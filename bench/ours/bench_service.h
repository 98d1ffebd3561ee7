// bench.thrift's Bench service for corothrift, written by hand exactly as the
// compiler generates it (args/result structs, a handler interface with one
// Task per method, a processor that dispatches by name). The benchmark uses
// the generated code when the compiler is built, and this copy otherwise.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include <corothrift/detail/codec.h>
#include <corothrift/processor.h>
#include <corothrift/task.h>
#include <corothrift/types.h>

namespace bench::coro {

class BenchHandler {
 public:
  virtual ~BenchHandler() = default;
  virtual corothrift::Task<int32_t> add(int32_t a, int32_t b) = 0;
  virtual corothrift::Task<corothrift::Binary> echo(corothrift::Binary data) = 0;
};

struct BenchAddArgs {
  int32_t a = 0;
  int32_t b = 0;

  template <class R>
  void read(R& r) {
    namespace tag = corothrift::tag;
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      switch (f.id) {
        case 1:
          corothrift::read_field<tag::i32>(r, f.type, a);
          break;
        case 2:
          corothrift::read_field<tag::i32>(r, f.type, b);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

struct BenchAddResult {
  std::optional<int32_t> success;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("Bench_add_result");
    corothrift::write_field<corothrift::tag::i32>(w, "success", 0, success);
    w.write_field_stop();
    w.write_struct_end();
  }
};

struct BenchEchoArgs {
  corothrift::Binary data;

  template <class R>
  void read(R& r) {
    namespace tag = corothrift::tag;
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      switch (f.id) {
        case 1:
          corothrift::read_field<tag::binary>(r, f.type, data);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

struct BenchEchoResult {
  std::optional<corothrift::Binary> success;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("Bench_echo_result");
    corothrift::write_field<corothrift::tag::binary>(w, "success", 0, success);
    w.write_field_stop();
    w.write_struct_end();
  }
};

class BenchProcessor : public corothrift::Processor {
 public:
  explicit BenchProcessor(std::shared_ptr<BenchHandler> handler) : handler_(std::move(handler)) {}

  corothrift::Task<bool> process(corothrift::ServerRequest& req) override;

 private:
  corothrift::Task<void> process_add(corothrift::ServerRequest& req);
  corothrift::Task<void> process_echo(corothrift::ServerRequest& req);

  std::shared_ptr<BenchHandler> handler_;
};

}  // namespace bench::coro
