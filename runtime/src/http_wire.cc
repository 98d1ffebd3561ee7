#include "http_wire.h"

#include <corothrift/errors.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include <fmt/core.h>

namespace corothrift::detail {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxChunkLine = 64;  // hex size, extensions, CRLF

std::string_view as_text(std::span<const uint8_t> bytes) noexcept {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

[[noreturn]] void bad_request(std::string_view why, int status = 400) {
  throw HttpError(status, fmt::format("HTTP: {}", why));
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

bool is_token_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The head's fields that matter here.
struct Head {
  std::size_t size = 0;  // through the blank line
  std::string_view start_line;
  std::optional<std::size_t> content_length;
  bool chunked = false;
  bool close = false;
  bool keep_alive = false;
  std::string_view user_agent;
};

std::size_t parse_length(std::string_view value, const DecodeLimits& limits) {
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || value.size() > 12 || ec != std::errc() ||
      end != value.data() + value.size()) {
    bad_request(fmt::format("bad Content-Length '{}'", value));
  }
  if (n > limits.max_frame_bytes) {
    bad_request(fmt::format("body of {} bytes exceeds the limit of {}", n, limits.max_frame_bytes),
                413);
  }
  return n;
}

void header_line(std::string_view line, Head& head, const DecodeLimits& limits) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) bad_request("header line without a name");
  std::string_view name = line.substr(0, colon);
  if (!std::all_of(name.begin(), name.end(), is_token_char)) {
    bad_request(fmt::format("bad header name '{}'", name));
  }
  std::string_view value = trim(line.substr(colon + 1));
  if (iequals(name, "content-length")) {
    std::size_t n = parse_length(value, limits);
    if (head.content_length && *head.content_length != n) bad_request("two Content-Lengths");
    head.content_length = n;
  } else if (iequals(name, "transfer-encoding")) {
    if (!iequals(value, "chunked"))
      bad_request(fmt::format("unsupported Transfer-Encoding '{}'", value));
    head.chunked = true;
  } else if (iequals(name, "connection")) {
    head.close = head.close || iequals(value, "close");
    head.keep_alive = head.keep_alive || iequals(value, "keep-alive");
  } else if (iequals(name, "user-agent")) {
    head.user_agent = value;
  }
}

// false: the head is not complete yet.
bool parse_head(std::string_view text, Head& head, const DecodeLimits& limits) {
  std::size_t end = text.substr(0, kMaxHttpHeadBytes).find("\r\n\r\n");
  if (end == std::string_view::npos) {
    if (text.size() >= kMaxHttpHeadBytes) {
      bad_request(fmt::format("head longer than {} bytes", kMaxHttpHeadBytes));
    }
    return false;
  }
  head.size = end + 4;
  std::string_view rest = text.substr(0, end + 2);
  std::size_t lines = 0;
  while (!rest.empty()) {
    std::size_t eol = rest.find(kCrlf);
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 2);
    if (line.find('\n') != std::string_view::npos || line.find('\r') != std::string_view::npos) {
      bad_request("bare CR or LF in the head");
    }
    if (lines++ == 0) {
      head.start_line = line;
      continue;
    }
    if (lines > kMaxHttpHeaderLines + 1) {
      bad_request(fmt::format("more than {} header lines", kMaxHttpHeaderLines));
    }
    if (line.empty() || line[0] == ' ' || line[0] == '\t') bad_request("folded header line");
    header_line(line, head, limits);
  }
  if (head.chunked && head.content_length) {
    bad_request("both Content-Length and Transfer-Encoding");
  }
  return true;
}

// Decodes a chunked body at the start of `text` into `out`; returns the
// bytes it took, 0 when incomplete (`need` then says how many at least).
std::size_t dechunk(std::string_view text, const DecodeLimits& limits, std::vector<uint8_t>& out,
                    std::size_t& need) {
  out.clear();
  std::size_t at = 0;
  for (;;) {
    std::size_t eol = text.substr(at, kMaxChunkLine).find(kCrlf);
    if (eol == std::string_view::npos) {
      if (text.size() - at >= kMaxChunkLine) bad_request("chunk size line too long");
      need = text.size() + 1;
      return 0;
    }
    std::string_view line = text.substr(at, eol);
    std::string_view digits = line.substr(0, line.find(';'));
    std::size_t size = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
    if (digits.empty() || digits.size() > 8 || ec != std::errc() ||
        end != digits.data() + digits.size()) {
      bad_request(fmt::format("bad chunk size '{}'", digits));
    }
    at += eol + 2;
    if (size == 0) break;
    if (size > limits.max_frame_bytes - std::min(out.size(), limits.max_frame_bytes)) {
      bad_request(fmt::format("chunked body exceeds the limit of {}", limits.max_frame_bytes), 413);
    }
    if (text.size() - at < size + 2) {
      need = at + size + 2;
      return 0;
    }
    if (text.substr(at + size, 2) != kCrlf) bad_request("chunk not followed by CRLF");
    out.insert(out.end(), text.begin() + static_cast<std::ptrdiff_t>(at),
               text.begin() + static_cast<std::ptrdiff_t>(at + size));
    at += size + 2;
  }
  // Trailer lines, then the blank line.
  std::size_t trailers = text.substr(at, kMaxHttpHeadBytes).find(kCrlf);
  while (trailers != 0) {
    if (trailers == std::string_view::npos) {
      if (text.size() - at >= kMaxHttpHeadBytes) bad_request("chunked trailers too long");
      need = text.size() + 1;
      return 0;
    }
    at += trailers + 2;
    trailers = text.substr(at, kMaxHttpHeadBytes).find(kCrlf);
  }
  return at + 2;
}

// The body after a complete head: its bytes and how far the message reaches.
NextMessage body_after(std::span<const uint8_t> bytes, const Head& head, bool required,
                       const DecodeLimits& limits, HttpMessage& out,
                       std::vector<uint8_t>& dechunked) {
  out.chunked = head.chunked;
  if (head.chunked) {
    std::size_t need = 0;
    std::size_t used = dechunk(as_text(bytes.subspan(head.size)), limits, dechunked, need);
    // More chunks may follow the one awaited: a lower bound.
    if (used == 0) return {{}, 0, head.size + need, detail::ReadGoal::kAtLeast};
    out.body = dechunked;
    return {out.body, head.size + used, 0};
  }
  if (!head.content_length) {
    if (required) bad_request("no Content-Length", 400);
    // Python's THttpServer acknowledges a oneway with no length and closes
    // (HTTP/1.0): taken as an empty body. Any other response needs one.
    if (!out.close) throw TransportError("HTTP response without Content-Length");
    out.body = {};
    return {out.body, head.size, 0};
  }
  std::size_t total = head.size + *head.content_length;
  if (bytes.size() < total) return {{}, 0, total};
  out.body = bytes.subspan(head.size, *head.content_length);
  return {out.body, total, 0};
}

// The path of a request target: origin-form "/p?q", or absolute-form
// "http://host/p?q" (which HTTP/1.1 servers must accept).
std::string_view target_path(std::string_view target) noexcept {
  if (std::size_t scheme = target.find("://"); scheme != std::string_view::npos) {
    std::size_t slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? "/" : target.substr(slash);
  }
  return target.substr(0, target.find('?'));
}

}  // namespace

bool is_http_post(std::span<const uint8_t> first) noexcept {
  return as_text(first).starts_with("POST ");
}

bool wants_more_to_detect_http(std::span<const uint8_t> first) noexcept {
  return first.size() < 5 && std::string_view("POST ").starts_with(as_text(first));
}

NextMessage next_http_request(std::span<const uint8_t> bytes, const DecodeLimits& limits,
                              HttpMessage& out, std::vector<uint8_t>& dechunked,
                              std::string_view path) {
  Head head;
  if (!parse_head(as_text(bytes), head, limits)) {
    return {{}, 0, bytes.size() + 1, detail::ReadGoal::kAtLeast};
  }
  // METHOD SP target SP version
  std::string_view line = head.start_line;
  std::size_t sp1 = line.find(' ');
  std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos || sp2 == sp1 + 1 ||
      line.find(' ', sp2 + 1) != std::string_view::npos) {
    bad_request(fmt::format("bad request line '{}'", line.substr(0, 80)));
  }
  std::string_view method = line.substr(0, sp1);
  std::string_view version = line.substr(sp2 + 1);
  if (method != "POST")
    bad_request(fmt::format("method {} (only POST)", method.substr(0, 16)), 405);
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    bad_request(fmt::format("version '{}'", version.substr(0, 16)), 505);
  }
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  if (!path.empty() && target_path(target) != path) {
    bad_request(fmt::format("path '{}' is not the configured '{}'", target.substr(0, 200), path),
                404);
  }
  out.close = head.close || (version == "HTTP/1.0" && !head.keep_alive);
  out.user_agent = std::string(head.user_agent);
  NextMessage next = body_after(bytes, head, true, limits, out, dechunked);
  if (next.consumed != 0 && next.message.empty()) bad_request("empty body");
  return next;
}

NextMessage next_http_response(std::span<const uint8_t> bytes, const DecodeLimits& limits,
                               HttpMessage& out, std::vector<uint8_t>& dechunked) {
  std::size_t skipped = 0;
  for (;;) {
    Head head;
    std::span<const uint8_t> rest = bytes.subspan(skipped);
    if (!parse_head(as_text(rest), head, limits)) {
      return {{}, 0, bytes.size() + 1, detail::ReadGoal::kAtLeast};
    }
    std::string_view line = head.start_line;
    if (!line.starts_with("HTTP/1.") || line.size() < 12 || line[8] != ' ') {
      throw TransportError(fmt::format("bad HTTP status line '{}'", line.substr(0, 80)));
    }
    out.status = std::atoi(std::string(line.substr(9, 3)).c_str());
    if (out.status == 100) {
      skipped += head.size;
      continue;
    }
    if (out.status != 200) {
      throw TransportError(fmt::format("HTTP status line '{}'", line.substr(0, 80)));
    }
    out.close = head.close || (line.starts_with("HTTP/1.0") && !head.keep_alive);
    NextMessage next = body_after(rest, head, false, limits, out, dechunked);
    if (next.consumed != 0) next.consumed += skipped;
    if (next.need != 0) next.need += skipped;
    return next;
  }
}

ProtocolKind http_body_protocol(std::span<const uint8_t> body) {
  if (!body.empty() && body[0] == 0x80) return ProtocolKind::Binary;
  if (!body.empty() && body[0] == 0x82) return ProtocolKind::Compact;
  if (!body.empty() && body[0] == '[') return ProtocolKind::Json;
  bad_request("body is not a binary, compact or JSON Thrift message");
}

void append_http_response(WriteBuffer& out, std::span<const uint8_t> body) {
  std::string head = fmt::format(
      "HTTP/1.1 200 OK\r\nContent-Type: application/x-thrift\r\nContent-Length: {}\r\n"
      "Connection: keep-alive\r\n\r\n",
      body.size());
  out.append(head.data(), head.size());
  out.append(body);
}

void append_http_error(WriteBuffer& out, int status, std::string_view reason) {
  std::string text = fmt::format("{}\n", reason);
  std::string head = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n"
      "Connection: close\r\n\r\n",
      status,
      status == 404   ? "Not Found"
      : status == 405 ? "Method Not Allowed"
      : status == 413 ? "Payload Too Large"
      : status == 505 ? "HTTP Version Not Supported"
                      : "Bad Request",
      text.size());
  out.append(head.data(), head.size());
  out.append(text.data(), text.size());
}

void append_http_request(WriteBuffer& out, std::string_view host, std::string_view path,
                         std::span<const uint8_t> body) {
  std::string head = fmt::format(
      "POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-thrift\r\n"
      "Accept: application/x-thrift\r\nUser-Agent: corothrift\r\nContent-Length: {}\r\n\r\n",
      path, host, body.size());
  out.append(head.data(), head.size());
  out.append(body);
}

}  // namespace corothrift::detail
