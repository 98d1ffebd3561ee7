// Apache Thrift's protocols (libthrift 0.17) seen through our writer/reader
// member set, so that one generic script or generated-style struct encodes
// and decodes with either implementation. Every call goes straight to the
// matching Apache call: the bytes and decoded values are Apache's own.
#pragma once

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/protocol/TJSONProtocol.h>
#include <thrift/protocol/TProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include <corothrift/protocol.h>

#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corothrift::testing {

namespace ap = apache::thrift::protocol;
namespace at = apache::thrift::transport;

inline ap::TType to_apache(TType t) { return static_cast<ap::TType>(t); }
inline TType from_apache(ap::TType t) { return static_cast<TType>(t); }

// An Apache protocol of the given kind over a memory buffer.
struct ApacheEndpoint {
  std::shared_ptr<at::TMemoryBuffer> buffer = std::make_shared<at::TMemoryBuffer>();
  std::shared_ptr<ap::TProtocol> protocol;

  explicit ApacheEndpoint(ProtocolKind kind) {
    if (kind == ProtocolKind::Binary) {
      protocol = std::make_shared<ap::TBinaryProtocol>(buffer);
    } else if (kind == ProtocolKind::Json) {
      protocol = std::make_shared<ap::TJSONProtocol>(buffer);
    } else {
      protocol = std::make_shared<ap::TCompactProtocol>(buffer);
    }
  }
  ApacheEndpoint(ProtocolKind kind, const std::vector<uint8_t>& bytes) : ApacheEndpoint(kind) {
    buffer->resetBuffer(const_cast<uint8_t*>(bytes.data()), static_cast<uint32_t>(bytes.size()),
                        at::TMemoryBuffer::COPY);
  }
  std::vector<uint8_t> bytes() const {
    std::string s = buffer->getBufferAsString();
    return {s.begin(), s.end()};
  }
  uint32_t available() const { return buffer->available_read(); }
};

class ApacheWriter {
 public:
  explicit ApacheWriter(ap::TProtocol& p) : p_(p) {}

  void write_message_begin(std::string_view name, MessageType type, int32_t seqid) {
    p_.writeMessageBegin(std::string(name), static_cast<ap::TMessageType>(type), seqid);
  }
  void write_message_end() { p_.writeMessageEnd(); }
  void write_struct_begin(std::string_view name) { p_.writeStructBegin(keep(name)); }
  void write_struct_end() { p_.writeStructEnd(); }
  void write_field_begin(std::string_view name, TType type, int16_t id) {
    p_.writeFieldBegin(keep(name), to_apache(type), id);
  }
  void write_field_end() { p_.writeFieldEnd(); }
  void write_field_stop() { p_.writeFieldStop(); }
  void write_map_begin(TType k, TType v, uint32_t size) {
    p_.writeMapBegin(to_apache(k), to_apache(v), size);
  }
  void write_map_end() { p_.writeMapEnd(); }
  void write_list_begin(TType elem, uint32_t size) { p_.writeListBegin(to_apache(elem), size); }
  void write_list_end() { p_.writeListEnd(); }
  void write_set_begin(TType elem, uint32_t size) { p_.writeSetBegin(to_apache(elem), size); }
  void write_set_end() { p_.writeSetEnd(); }
  void write_bool(bool v) { p_.writeBool(v); }
  void write_byte(int8_t v) { p_.writeByte(v); }
  void write_i16(int16_t v) { p_.writeI16(v); }
  void write_i32(int32_t v) { p_.writeI32(v); }
  void write_i64(int64_t v) { p_.writeI64(v); }
  void write_double(double v) { p_.writeDouble(v); }
  void write_string(std::string_view v) { p_.writeString(std::string(v)); }
  void write_binary(std::span<const uint8_t> v) {
    p_.writeBinary(std::string(reinterpret_cast<const char*>(v.data()), v.size()));
  }
  void write_binary(std::string_view v) { p_.writeBinary(std::string(v)); }
  void write_uuid(const Uuid&) { throw std::logic_error("libthrift 0.17 has no uuid"); }

 private:
  // Apache keeps the name pointer of a pending bool field: keep names alive.
  const char* keep(std::string_view name) { return names_.emplace_back(name).c_str(); }

  ap::TProtocol& p_;
  std::deque<std::string> names_;
};

class ApacheReader {
 public:
  explicit ApacheReader(ap::TProtocol& p) : p_(p) {}

  MessageHeader read_message_begin() {
    MessageHeader h;
    ap::TMessageType type;
    p_.readMessageBegin(h.name, type, h.seqid);
    h.type = static_cast<MessageType>(type);
    return h;
  }
  void read_message_end() { p_.readMessageEnd(); }
  void read_struct_begin() {
    std::string name;
    p_.readStructBegin(name);
  }
  void read_struct_end() { p_.readStructEnd(); }
  FieldHeader read_field_begin() {
    std::string name;
    ap::TType type;
    int16_t id = 0;
    p_.readFieldBegin(name, type, id);
    return {from_apache(type), id};
  }
  void read_field_end() { p_.readFieldEnd(); }
  MapHeader read_map_begin() {
    ap::TType k;
    ap::TType v;
    uint32_t size = 0;
    p_.readMapBegin(k, v, size);
    return {from_apache(k), from_apache(v), size};
  }
  void read_map_end() { p_.readMapEnd(); }
  ListHeader read_list_begin() {
    ap::TType elem;
    uint32_t size = 0;
    p_.readListBegin(elem, size);
    return {from_apache(elem), size};
  }
  void read_list_end() { p_.readListEnd(); }
  ListHeader read_set_begin() {
    ap::TType elem;
    uint32_t size = 0;
    p_.readSetBegin(elem, size);
    return {from_apache(elem), size};
  }
  void read_set_end() { p_.readSetEnd(); }
  bool read_bool() {
    bool v = false;
    p_.readBool(v);
    return v;
  }
  int8_t read_byte() {
    int8_t v = 0;
    p_.readByte(v);
    return v;
  }
  int16_t read_i16() {
    int16_t v = 0;
    p_.readI16(v);
    return v;
  }
  int32_t read_i32() {
    int32_t v = 0;
    p_.readI32(v);
    return v;
  }
  int64_t read_i64() {
    int64_t v = 0;
    p_.readI64(v);
    return v;
  }
  double read_double() {
    double v = 0;
    p_.readDouble(v);
    return v;
  }
  void read_string(std::string& v) { p_.readString(v); }
  void read_binary(std::string& v) { p_.readBinary(v); }
  void read_binary(Binary& v) {
    std::string s;
    p_.readBinary(s);
    v = Binary(std::move(s));
  }
  Uuid read_uuid() { throw std::logic_error("libthrift 0.17 has no uuid"); }
  void skip(TType type) { ap::skip(p_, to_apache(type)); }

 private:
  ap::TProtocol& p_;
};

}  // namespace corothrift::testing
