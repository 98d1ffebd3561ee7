// Agreement with Apache Python's TJSONProtocol (python3-thrift 0.17), run by
// json_python_bytes.py under Debian's interpreter: where Apache Python writes
// as Apache C++ does, our text equals its text; where it does not (base64
// padding, bare inf, raw control characters), each side reads the other's
// text to the same values: Python's copy of our text equals its own text, and
// our copy of its text equals ours.
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <string_view>

#include <corothrift/json_protocol.h>

namespace {

using namespace corothrift;

std::string run_python(const std::string& args) {
  std::string command =
      std::string(COROTHRIFT_DEBIAN_PYTHON) + " " + JSON_PYTHON_SCRIPT + " " + args;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return "";
  std::string hex;
  char chunk[4096];
  while (std::size_t n = std::fread(chunk, 1, sizeof chunk, pipe.get())) hex.append(chunk, n);
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 15]);
  }
  return hex;
}

std::string python_writes(const std::string& name) { return run_python("write " + name); }
std::string python_copies(std::string_view text, bool binary) {
  return run_python("copy " + to_hex(text) + (binary ? " binary" : " text"));
}

template <class Script>
std::string ours(Script&& script) {
  WriteBuffer out;
  JsonWriter w(out);
  w.write_struct_begin("");
  script(w);
  w.write_field_stop();
  w.write_struct_end();
  return std::string(out.view());
}

// Reads one value with r and writes it with w, strings as text or binary.
void copy(JsonReader& r, JsonWriter& w, TType type, bool binary) {
  switch (type) {
    case TType::Struct:
      r.read_struct_begin();
      w.write_struct_begin("");
      for (FieldHeader f = r.read_field_begin(); f.type != TType::Stop; f = r.read_field_begin()) {
        w.write_field_begin("", f.type, f.id);
        copy(r, w, f.type, binary);
        r.read_field_end();
        w.write_field_end();
      }
      w.write_field_stop();
      r.read_struct_end();
      w.write_struct_end();
      return;
    case TType::Map: {
      MapHeader h = r.read_map_begin();
      w.write_map_begin(h.key, h.value, h.size);
      for (uint32_t i = 0; i < h.size; ++i) {
        copy(r, w, h.key, binary);
        copy(r, w, h.value, binary);
      }
      r.read_map_end();
      w.write_map_end();
      return;
    }
    case TType::List:
    case TType::Set: {
      ListHeader h = r.read_list_begin();
      w.write_list_begin(h.elem, h.size);
      for (uint32_t i = 0; i < h.size; ++i) copy(r, w, h.elem, binary);
      r.read_list_end();
      w.write_list_end();
      return;
    }
    case TType::Bool:
      w.write_bool(r.read_bool());
      return;
    case TType::Byte:
      w.write_byte(r.read_byte());
      return;
    case TType::I16:
      w.write_i16(r.read_i16());
      return;
    case TType::I32:
      w.write_i32(r.read_i32());
      return;
    case TType::I64:
      w.write_i64(r.read_i64());
      return;
    case TType::Double:
      w.write_double(r.read_double());
      return;
    case TType::String: {
      std::string s;
      if (binary) {
        r.read_binary(s);
        w.write_binary(std::string_view(s));
      } else {
        r.read_string(s);
        w.write_string(s);
      }
      return;
    }
    default:
      FAIL() << "unexpected type " << static_cast<int>(type);
  }
}

std::string our_copy(std::string_view text, bool binary) {
  ReadBuffer in(text);
  JsonReader r(in);
  WriteBuffer out;
  JsonWriter w(out);
  copy(r, w, TType::Struct, binary);
  EXPECT_TRUE(in.at_end());
  return std::string(out.view());
}

template <class F>
void field(JsonWriter& w, TType type, int16_t id, F&& write) {
  w.write_field_begin("", type, id);
  write();
  w.write_field_end();
}

// The values of json_python_bytes.py's write_same, through our writer.
std::string our_same() {
  return ours([](JsonWriter& w) {
    field(w, TType::Bool, 1, [&] { w.write_bool(true); });
    field(w, TType::Byte, 2, [&] { w.write_byte(-128); });
    field(w, TType::I16, 3, [&] { w.write_i16(32767); });
    field(w, TType::I32, 4, [&] { w.write_i32(std::numeric_limits<int32_t>::min()); });
    field(w, TType::I64, 5, [&] { w.write_i64(std::numeric_limits<int64_t>::max()); });
    field(w, TType::Double, 6, [&] { w.write_double(-0.1); });
    field(w, TType::Double, 7, [&] { w.write_double(1e300); });
    field(w, TType::String, 8,
          [&] { w.write_string("caf\xc3\xa9 \"q\" \\ /\n\t\b\f\r end \xf0\x9f\x98\x80"); });
    field(w, TType::List, 9, [&] {
      w.write_list_begin(TType::I32, 4);
      for (int32_t v : {0, -1, 7, std::numeric_limits<int32_t>::max()}) w.write_i32(v);
      w.write_list_end();
    });
    field(w, TType::Map, 10, [&] {
      w.write_map_begin(TType::String, TType::I64, 2);
      w.write_string("a");
      w.write_i64(-5);
      w.write_string("b\"");
      w.write_i64(6);
      w.write_map_end();
    });
    field(w, TType::Map, 11, [&] {
      w.write_map_begin(TType::I32, TType::Double, 2);
      w.write_i32(-3);
      w.write_double(2.5);
      w.write_i32(40);
      w.write_double(0.0);
      w.write_map_end();
    });
    field(w, TType::Struct, 32767, [&] {
      w.write_struct_begin("");
      field(w, TType::String, 1, [&] { w.write_string(""); });
      field(w, TType::Set, 2, [&] {
        w.write_set_begin(TType::Double, 2);
        w.write_double(1.5);
        w.write_double(3.141592653589793);
        w.write_set_end();
      });
      w.write_field_stop();
      w.write_struct_end();
    });
  });
}

std::string our_binary() {
  return ours([](JsonWriter& w) {
    field(w, TType::List, 1, [&] {
      w.write_list_begin(TType::String, 5);
      for (std::string_view v :
           {std::string_view(""), std::string_view("\x01"), std::string_view("\x01\x02"),
            std::string_view("\x01\x02\x03"), std::string_view("\xff\xfe\xfd\xfc")}) {
        w.write_binary(v);
      }
      w.write_list_end();
    });
  });
}

std::string our_specials() {
  return ours([](JsonWriter& w) {
    field(w, TType::List, 1, [&] {
      w.write_list_begin(TType::Double, 2);
      w.write_double(std::numeric_limits<double>::infinity());
      w.write_double(-std::numeric_limits<double>::infinity());
      w.write_list_end();
    });
    field(w, TType::String, 2, [&] {
      w.write_string(
          "a\x01\x1f"
          "b");
    });
  });
}

TEST(JsonPythonBytes, values_apache_python_writes_as_apache_cpp_does_match_byte_for_byte) {
  std::string python = python_writes("same");
  ASSERT_FALSE(python.empty()) << "json_python_bytes.py printed nothing";
  std::string mine = our_same();
  EXPECT_EQ(mine, python);
  EXPECT_EQ(python_copies(mine, false), mine);
  EXPECT_EQ(our_copy(python, false), python);
}

TEST(JsonPythonBytes, padded_base64_from_python_and_unpadded_from_us_read_both_ways) {
  std::string python = python_writes("binary");
  std::string mine = our_binary();
  EXPECT_EQ(python, R"({"1":{"lst":["str",5,"","AQ==","AQI=","AQID","//79/A=="]}})");
  EXPECT_EQ(mine, R"({"1":{"lst":["str",5,"","AQ","AQI","AQID","//79/A"]}})");
  EXPECT_EQ(python_copies(mine, true), python);
  EXPECT_EQ(our_copy(python, true), mine);
}

TEST(JsonPythonBytes, bare_infinities_and_raw_control_bytes_from_python_read_both_ways) {
  std::string python = python_writes("specials");
  std::string mine = our_specials();
  EXPECT_EQ(python,
            "{\"1\":{\"lst\":[\"dbl\",2,inf,-inf]},\"2\":{\"str\":\"a\x01\x1f"
            "b\"}}");
  EXPECT_EQ(mine, R"({"1":{"lst":["dbl",2,"Infinity","-Infinity"]},"2":{"str":"a\u0001\u001fb"}})");
  EXPECT_EQ(python_copies(mine, false), python);
  EXPECT_EQ(our_copy(python, false), mine);
}

}  // namespace
