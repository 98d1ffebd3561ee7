// Writes the seed corpus of the runtime's fuzz targets (fuzz/corpus/<target>/)
// from values encoded by the runtime itself: valid messages, structs and
// replies, each in the input layout its target reads (see each *_fuzz.cc).
// Run it again after changing a target's input layout:
//   build/ci-gcc/fuzz/fuzz_make_seeds fuzz/corpus
// The idl target's seeds are the .thrift files of test-idl/ (no file here).
#include <corothrift/detail/message.h>
#include <corothrift/protocol.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "Shapes.h"
#include "decoder_fuzz.h"

namespace {

using namespace corothrift;
namespace tag = corothrift::tag;

// A struct body written by a function: the args or result of a method.
template <class F>
struct Body {
  F fields;
  template <class W>
  void write(W& w) const {
    w.write_struct_begin("");
    fields(w);
    w.write_field_stop();
    w.write_struct_end();
  }
};
template <class F>
Body<F> body(F fields) {
  return {fields};
}
constexpr auto kEmpty = [](auto&) {};

template <class T>
std::string message(ProtocolKind kind, std::string_view name, MessageType type, int32_t seqid,
                    const T& value) {
  WriteBuffer out;
  with_writer(kind, out, [&](auto& w) { write_message(w, name, type, seqid, value); });
  std::vector<uint8_t> bytes = fuzz::flatten(out);
  return {bytes.begin(), bytes.end()};
}

template <class T>
std::string encoded(ProtocolKind kind, const T& value) {
  WriteBuffer out;
  serialize(kind, value, out);
  std::vector<uint8_t> bytes = fuzz::flatten(out);
  return {bytes.begin(), bytes.end()};
}

std::string be32(std::size_t n) {
  return {static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
          static_cast<char>(n)};
}
std::string framed(const std::string& message) { return be32(message.size()) + message; }
// A record of fuzz_bytes.h: 2-byte length, then the bytes.
std::string record(const std::string& bytes) {
  return std::string{static_cast<char>(bytes.size() >> 8), static_cast<char>(bytes.size())} + bytes;
}

// A THeader frame (theader.h's layout) carrying `message`: no transform, and
// one info header when `with_info`.
std::string theader(ProtocolKind kind, const std::string& message, bool with_info) {
  std::string header{kind == ProtocolKind::Compact ? '\x02' : '\x00', '\x00'};
  if (with_info) header += std::string("\x01\x01\x03key\x05value", 13);
  while (header.size() % 4 != 0) header.push_back('\0');
  std::string frame("\x0f\xff\x00\x00\x00\x00\x00\x01", 8);
  frame.push_back(static_cast<char>(header.size() / 4 >> 8));
  frame.push_back(static_cast<char>(header.size() / 4));
  return framed(frame + header + message);
}

std::string http_request(const std::string& body) {
  return "POST /thrift HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-thrift\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}
std::string http_response(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/x-thrift\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

e2e::Bag full_bag() {
  e2e::Bag bag;
  bag.points = {{1, 2}, {-3, 4}};
  bag.tags = {"red", "blue"};
  bag.series = {{"a", {1, 2, 3}}, {"b", {}}};
  bag.by_color = {{e2e::Color::RED, {1, -1}}, {e2e::Color::BLUE, {}}};
  bag.nested = {{{"p", {5, 6}}}, {}};
  bag.blob = Binary(std::string_view("\x00\x01\xff", 3));
  bag.ratio = 0.5;
  bag.flag = true;
  bag.tiny = -8;
  bag.small = 300;
  return bag;
}

e2e::Tree tree(int depth) {
  e2e::Tree t;
  t.value = depth;
  for (int i = 0; depth > 0 && i < 2; ++i) t.children.push_back(tree(depth - 1));
  return t;
}

e2e::Chain chain(int links) {
  e2e::Chain c;
  c.item = links;
  if (links > 0) c.next = chain(links - 1);
  return c;
}

class Corpus {
 public:
  Corpus(std::filesystem::path root, std::string target) : dir_(root / target) {
    std::filesystem::create_directories(dir_);
  }
  void add(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }

 private:
  std::filesystem::path dir_;
};

void decoder_seeds(const std::filesystem::path& root, ProtocolKind kind, const char* target) {
  Corpus corpus(root, target);
  auto add = [&](const std::string& name, char choice, const std::string& bytes) {
    corpus.add(name, std::string(1, choice) + bytes);
  };
  e2e::Options options;
  options.name = "n";
  options.limit = 3;
  options.origin = e2e::Point{1, 1};
  options.labels = std::vector<std::string>{"x"};
  e2e::Value number, text, point, words;
  number.set_number(-5);
  text.set_text("t");
  point.set_point({7, 8});
  words.set_words({"a", "b"});
  e2e::NotFound not_found;
  not_found.key = "k";
  not_found.code = 4;

  add("skip_bag", 0x00, encoded(kind, full_bag()));
  add("skip_tree", 0x00, encoded(kind, tree(3)));
  add("message_call", 0x01, message(kind, "echo_bag", MessageType::Call, 7, full_bag()));
  // The choice's top three bits pick the pieces the message is measured in
  // again (decoder_fuzz.h, measured_in_pieces): up to 8, 64 and 4096 bytes.
  e2e::Bag many_points = full_bag();
  for (int i = 0; i < 60; ++i) many_points.points.push_back({i, -i * 1000});
  add("message_points_pieces_8", static_cast<char>(0x81),
      message(kind, "echo_bag", MessageType::Call, 7, many_points));
  add("message_points_pieces_64", static_cast<char>(0xc1),
      message(kind, "echo_bag", MessageType::Call, 7, many_points));
  add("message_points_small_limits_pieces_4096", static_cast<char>(0xf1),
      message(kind, "echo_bag", MessageType::Call, 7, many_points));
  add("message_exception", 0x01,
      message(kind, "x", MessageType::Exception, 1,
              TApplicationException(TApplicationException::Type::UnknownMethod, "nope")));
  add("bag", 0x02, encoded(kind, full_bag()));
  add("bag_small_limits", 0x12, encoded(kind, full_bag()));
  add("options", 0x03, encoded(kind, options));
  add("value_number", 0x04, encoded(kind, number));
  add("value_text", 0x04, encoded(kind, text));
  add("value_point", 0x04, encoded(kind, point));
  add("value_words", 0x04, encoded(kind, words));
  add("tree", 0x05, encoded(kind, tree(3)));
  add("tree_small_limits", 0x15, encoded(kind, tree(4)));
  add("chain", 0x06, encoded(kind, chain(3)));
  add("not_found", 0x07, encoded(kind, not_found));
  add("application_exception", 0x08,
      encoded(kind, TApplicationException(TApplicationException::Type::InternalError, "boom")));
}

// The calls a client sends the server target, by method.
std::vector<std::pair<std::string, std::string>> calls(ProtocolKind kind, std::string_view prefix) {
  std::string p(prefix);
  auto call = [&](const std::string& name, int32_t seqid, auto fields) {
    return message(kind, p + name, MessageType::Call, seqid, body(fields));
  };
  auto string_arg = [](std::string value) {
    return [value](auto& w) { write_field<tag::string>(w, "a", 1, value); };
  };
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("reset", call("reset", 1, kEmpty));
  out.emplace_back("record",
                   message(kind, p + "record", MessageType::Oneway, 2, body(string_arg("event"))));
  out.emplace_back("lookup", call("lookup", 3, string_arg("key")));
  out.emplace_back("lookup_missing", call("lookup", 4, string_arg("missing")));
  out.emplace_back("lookup_boom", call("lookup", 5, string_arg("boom")));
  out.emplace_back(
      "check", call("check", 6, [](auto& w) { write_field<tag::i32>(w, "code", 1, int32_t{2}); }));
  out.emplace_back("echo_bag", call("echo_bag", 7, [](auto& w) {
                     write_field<tag::structure<e2e::Bag>>(w, "bag", 1, full_bag());
                   }));
  out.emplace_back("echo_tree", call("echo_tree", 8, [](auto& w) {
                     write_field<tag::structure<e2e::Tree>>(w, "tree", 1, tree(2));
                   }));
  out.emplace_back("echo_chain", call("echo_chain", 9, [](auto& w) {
                     write_field<tag::structure<e2e::Chain>>(w, "chain", 1, chain(2));
                   }));
  out.emplace_back("fail_undeclared", call("fail_undeclared", 10, string_arg("why")));
  out.emplace_back("slow_echo", call("slow_echo", 11, [](auto& w) {
                     write_field<tag::i64>(w, "value", 1, int64_t{42});
                     write_field<tag::i32>(w, "delay_ms", 2, int32_t{3});
                   }));
  out.emplace_back("hello", call("hello", 12, string_arg("you")));
  out.emplace_back("unknown", call("no_such_method", 13, kEmpty));
  return out;
}

void server_seeds(const std::filesystem::path& root) {
  Corpus corpus(root, "server");
  // choice: server index | 4 (records as frames); then the cut count.
  for (auto [kind, kind_name] :
       {std::pair{ProtocolKind::Binary, "binary"}, std::pair{ProtocolKind::Compact, "compact"}}) {
    std::string records, unframed, frames;
    for (const auto& [name, bytes] : calls(kind, "")) {
      records += record(bytes);
      unframed += bytes;
      frames += framed(bytes);
      corpus.add(std::string(kind_name) + "_" + name, std::string("\x04\x00", 2) + record(bytes));
    }
    corpus.add(std::string(kind_name) + "_all_records", std::string("\x04\x00", 2) + records);
    corpus.add(std::string(kind_name) + "_all_unframed", std::string("\x00\x00", 2) + unframed);
    corpus.add(std::string(kind_name) + "_all_framed_cut",
               std::string("\x00\x03\x01\x07\x40", 5) + frames);
    corpus.add(std::string(kind_name) + "_limited", std::string("\x07\x00", 2) + records);
    std::string mux;
    for (const auto& [name, bytes] : calls(kind, "Shapes:")) mux += record(bytes);
    corpus.add(std::string(kind_name) + "_multiplexed", std::string("\x05\x00", 2) + mux);
  }
  // THeader and HTTP, told apart by auto-detection (server 0), raw.
  for (auto kind : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    std::string name = kind == ProtocolKind::Binary ? "binary" : "compact";
    std::string header_frames, posts;
    bool info = false;
    for (const auto& [call, bytes] : calls(kind, "")) {
      header_frames += theader(kind, bytes, info = !info);
      posts += http_request(bytes);
    }
    corpus.add(name + "_theader", std::string("\x00\x00", 2) + header_frames);
    corpus.add(name + "_http", std::string("\x00\x00", 2) + posts);
  }
  std::string json_posts;
  for (const auto& [call, bytes] : calls(ProtocolKind::Json, "")) json_posts += http_request(bytes);
  corpus.add("json_http", std::string("\x00\x00", 2) + json_posts);
  std::string compact_unframed;
  for (const auto& [name, bytes] : calls(ProtocolKind::Compact, "Other:"))
    compact_unframed += bytes;
  corpus.add("compact_unframed_fixed", std::string("\x02\x00", 2) + compact_unframed);
}

// The replies the client target's calls expect, seqids 1..10 (2 is oneway).
std::vector<std::string> replies(ProtocolKind kind) {
  auto reply = [&](const std::string& name, int32_t seqid, auto fields) {
    return message(kind, name, MessageType::Reply, seqid, body(fields));
  };
  e2e::NotFound not_found;
  not_found.key = "key";
  e2e::base::Greeting greeting;
  greeting.text = "hi";
  e2e::Value value;
  value.set_text("v");
  std::vector<std::string> out;
  out.push_back(reply("reset", 1, kEmpty));
  out.push_back(reply("lookup", 3, [](auto& w) {
    write_field<tag::structure<e2e::Point>>(w, "success", 0, e2e::Point{1, 2});
  }));
  out.push_back(reply("check", 4, [&](auto& w) {
    write_field<tag::structure<e2e::NotFound>>(w, "not_found", 1, not_found);
  }));
  out.push_back(reply("echo_bag", 5, [](auto& w) {
    write_field<tag::structure<e2e::Bag>>(w, "success", 0, full_bag());
  }));
  out.push_back(reply("echo_value", 6, [&](auto& w) {
    write_field<tag::structure<e2e::Value>>(w, "success", 0, value);
  }));
  out.push_back(reply("echo_tree", 7, [](auto& w) {
    write_field<tag::structure<e2e::Tree>>(w, "success", 0, tree(2));
  }));
  out.push_back(message(kind, "describe", MessageType::Exception, 8,
                        TApplicationException(TApplicationException::Type::InternalError, "no")));
  out.push_back(reply("hello", 9, [&](auto& w) {
    write_field<tag::structure<e2e::base::Greeting>>(w, "success", 0, greeting);
  }));
  out.push_back(reply("recorded", 10, [](auto& w) {
    write_field<tag::list<tag::string>>(w, "success", 0, std::vector<std::string>{"e"});
  }));
  return out;
}

void client_seeds(const std::filesystem::path& root) {
  Corpus corpus(root, "client");
  // choice: 1 compact, 2 unframed, 4 records as frames, 8 multiplexed, 16 small limits.
  for (auto [kind, kind_name, kind_bit] : {std::tuple{ProtocolKind::Binary, "binary", 0},
                                           std::tuple{ProtocolKind::Compact, "compact", 1}}) {
    std::vector<std::string> all = replies(kind);
    std::string records, unframed, reversed;
    for (const std::string& r : all) {
      records += record(r);
      unframed += r;
    }
    for (auto it = all.rbegin(); it != all.rend(); ++it) reversed += record(*it);
    std::string name(kind_name);
    const int low_bit = kind_bit;  // clang 14 cannot capture a structured binding
    auto choice = [&](int bits) { return std::string{static_cast<char>(low_bit | bits), 0}; };
    corpus.add(name + "_framed_records", choice(4) + records);
    corpus.add(name + "_framed_reversed", choice(4) + reversed);
    corpus.add(name + "_multiplexed_small_limits", choice(4 | 8 | 16) + records);
    corpus.add(name + "_unframed", choice(2) + unframed);
    corpus.add(name + "_unframed_cut",
               std::string{static_cast<char>(kind_bit | 2), 2, 1, 5} + unframed);
    // A reply to the oneway's seqid, then the same seqid twice.
    std::string odd = all[1];
    corpus.add(
        name + "_reply_to_oneway",
        choice(4) + record(message(kind, "record", MessageType::Reply, 2, body(kEmpty))) + records);
    corpus.add(name + "_seqid_twice", choice(4) + record(odd) + record(odd) + records);
    std::string header_frames, responses;
    for (const std::string& r : all) {
      header_frames += theader(kind, r, true);
      responses += http_response(r);
    }
    // HTTP answers every request in order, the oneway with an empty 200.
    std::string with_oneway = http_response(all[0]) + http_response("");
    for (std::size_t i = 1; i < all.size(); ++i) with_oneway += http_response(all[i]);
    corpus.add(name + "_theader", choice(0x20) + header_frames);
    corpus.add(name + "_http", choice(0x40) + with_oneway);
  }
  std::vector<std::string> json = replies(ProtocolKind::Json);
  std::string json_responses = http_response(json[0]) + http_response("");
  for (std::size_t i = 1; i < json.size(); ++i) json_responses += http_response(json[i]);
  corpus.add("json_http", std::string{static_cast<char>(0x40 | 0x80), 0} + json_responses);
}

// The THeader and HTTP targets: one choice byte (0: default limits; http: 2
// for responses), then the frame or the stream.
void wire_seeds(const std::filesystem::path& root) {
  Corpus theader_corpus(root, "theader");
  Corpus http_corpus(root, "http");
  for (auto kind : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    std::string name = kind == ProtocolKind::Binary ? "binary" : "compact";
    std::string call = calls(kind, "")[6].second;
    // theader() frames it; the target takes the frame after its length.
    theader_corpus.add(name, std::string(1, '\0') + theader(kind, call, false).substr(4));
    theader_corpus.add(name + "_info", std::string(1, '\0') + theader(kind, call, true).substr(4));
    http_corpus.add(name + "_requests", std::string(1, '\0') + http_request(call) +
                                            http_request(calls(kind, "")[0].second));
    http_corpus.add(name + "_response", std::string(1, '\2') + http_response(replies(kind)[1]));
  }
  std::string chunked =
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n\x80\x01\x00\x01\r\n0\r\n\r\n";
  http_corpus.add("chunked_request", std::string(1, '\0') + chunked);
  http_corpus.add("json_request",
                  std::string(1, '\0') + http_request(calls(ProtocolKind::Json, "")[2].second));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_make_seeds CORPUS_DIR (fuzz/corpus)\n");
    return 2;
  }
  std::filesystem::path root = argv[1];
  decoder_seeds(root, ProtocolKind::Binary, "binary_decoder");
  decoder_seeds(root, ProtocolKind::Compact, "compact_decoder");
  decoder_seeds(root, ProtocolKind::Json, "json_decoder");
  wire_seeds(root);
  server_seeds(root);
  client_seeds(root);
  return 0;
}
