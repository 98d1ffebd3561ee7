// Exceptions of the wire layer.
//
// ThriftException (a corothrift::Error, see errors.h) is the base of every
// IDL-declared exception and of TApplicationException. It compares equal to
// any other ThriftException, so a generated exception's defaulted `==` and
// `<=>` compare only its own fields:
//
//   struct MyError : corothrift::ThriftException {
//     int32_t code = 0;
//     std::string text;
//     const char* what() const noexcept override;  // "MyError: " + text, via keep_what
//     friend bool operator==(const MyError&, const MyError&) = default;
//     friend auto operator<=>(const MyError&, const MyError&) = default;
//   };  // its codec: a Codec<tag::structure<MyError>> specialisation, see codec.h
//
// ProtocolError (a RuntimeError, see errors.h) reports malformed or
// over-limit input; it is never sent on the
// wire (a server answers it, at most, with TApplicationException
// PROTOCOL_ERROR and closes the connection).
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <corothrift/errors.h>
#include <corothrift/types.h>

namespace corothrift {

class ThriftException : public Error {
 public:
  // The empty message costs no allocation; what() is the derived type's.
  ThriftException() : Error("") {}
  // A copy does not share the text what() returned: it builds its own when asked.
  ThriftException(const ThriftException& other) noexcept : Error(other) {}
  ThriftException& operator=(const ThriftException& other) noexcept {
    Error::operator=(other);
    return *this;
  }
  ~ThriftException() override = default;

  const char* what() const noexcept override { return "corothrift::ThriftException"; }

  friend bool operator==(const ThriftException&, const ThriftException&) noexcept { return true; }
  friend std::strong_ordering operator<=>(const ThriftException&, const ThriftException&) noexcept {
    return std::strong_ordering::equal;
  }

 protected:
  // For a generated what(), which builds its text from the fields on every
  // call: keeps `text` and returns it NUL-terminated. The pointer stays valid
  // while the object lives and the text stays the same (a call with an equal
  // text returns the same pointer); a call with another text (a field
  // changed) ends it. Safe to call from several threads at once. Throws
  // std::bad_alloc.
  const char* keep_what(std::string text) const;

 private:
  mutable std::unique_ptr<std::string> what_;
};

class ProtocolError : public RuntimeError {
 public:
  // The same classes as Apache's TProtocolException, plus Truncated: the input
  // ended inside a value (for a stream: more bytes are needed).
  enum class Kind {
    InvalidData = 1,
    NegativeSize = 2,
    SizeLimit = 3,
    BadVersion = 4,
    NotImplemented = 5,
    DepthLimit = 6,
    Truncated = 100,
  };

  ProtocolError(Kind kind, const std::string& reason) : RuntimeError(reason), kind_(kind) {}
  // Truncated: how many more bytes the value needed than were there.
  ProtocolError(Kind kind, const std::string& reason, std::size_t missing_bytes)
      : RuntimeError(reason), kind_(kind), missing_bytes_(missing_bytes) {}
  Kind kind() const noexcept { return kind_; }
  // 0 unless kind() is Truncated.
  std::size_t missing_bytes() const noexcept { return missing_bytes_; }

 private:
  Kind kind_;
  std::size_t missing_bytes_ = 0;
};

// Throws ProtocolError; out of line so that hot paths stay small.
[[noreturn]] void throw_protocol_error(ProtocolError::Kind kind, std::string_view reason);
[[noreturn]] void throw_truncated(std::size_t needed, std::size_t available);
[[noreturn]] void throw_missing_required_field(std::string_view struct_name,
                                               std::string_view field_name);

// Apache Thrift's TApplicationException: the reply to a call that failed
// outside the IDL's declared exceptions. On the wire a struct
// {1: string message, 2: i32 type}.
class TApplicationException : public ThriftException {
 public:
  enum class Type : int32_t {
    Unknown = 0,
    UnknownMethod = 1,
    InvalidMessageType = 2,
    WrongMethodName = 3,
    BadSequenceId = 4,
    MissingResult = 5,
    InternalError = 6,
    ProtocolError = 7,
    InvalidTransform = 8,
    InvalidProtocol = 9,
    UnsupportedClientType = 10,
  };

  TApplicationException() = default;
  explicit TApplicationException(Type type, std::string message = {})
      : type_(type), message_(std::move(message)) {}

  Type type() const noexcept { return type_; }
  const std::string& message() const noexcept { return message_; }
  // The message, or Apache's default text for the type when it is empty.
  const char* what() const noexcept override;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("TApplicationException");
    w.write_field_begin("message", TType::String, 1);
    w.write_string(message_);
    w.write_field_end();
    w.write_field_begin("type", TType::I32, 2);
    w.write_i32(static_cast<int32_t>(type_));
    w.write_field_end();
    w.write_field_stop();
    w.write_struct_end();
  }

  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (;;) {
      auto field = r.read_field_begin();
      if (field.type == TType::Stop) break;
      if (field.id == 1 && field.type == TType::String) {
        r.read_string(message_);
      } else if (field.id == 2 && field.type == TType::I32) {
        type_ = static_cast<Type>(r.read_i32());
      } else {
        r.skip(field.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }

  friend bool operator==(const TApplicationException&, const TApplicationException&) = default;
  friend auto operator<=>(const TApplicationException&, const TApplicationException&) = default;

 private:
  Type type_ = Type::Unknown;
  std::string message_;
};

std::string_view application_exception_type_name(TApplicationException::Type type) noexcept;

}  // namespace corothrift
