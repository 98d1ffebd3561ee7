// The leaf writers of format.h: the only place the runtime's display forms
// instantiate fmt's formatting templates.
#include <corothrift/detail/format.h>

#include <algorithm>

namespace corothrift {

FormatOut format_text(FormatOut out, std::string_view text) {
  return std::copy(text.begin(), text.end(), out);
}

FormatOut format_quoted(FormatOut out, std::string_view text) {
  return fmt::format_to(out, "{:?}", text);
}

FormatOut format_int(FormatOut out, std::int64_t value) { return fmt::format_to(out, "{}", value); }

FormatOut format_uint(FormatOut out, std::uint64_t value) {
  return fmt::format_to(out, "{}", value);
}

FormatOut format_double(FormatOut out, double value) { return fmt::format_to(out, "{}", value); }

FormatOut format_bool(FormatOut out, bool value) {
  return format_text(out, value ? "true" : "false");
}

FormatOut format_binary(FormatOut out, const Binary& value) {
  std::size_t shown = value.size() < kFormatBinaryBytes ? value.size() : kFormatBinaryBytes;
  out = format_text(out, "0x");
  for (std::size_t i = 0; i < shown; ++i) out = fmt::format_to(out, "{:02x}", value[i]);
  if (shown < value.size()) out = fmt::format_to(out, "...({} bytes)", value.size());
  return out;
}

FormatOut format_uuid(FormatOut out, const Uuid& value) { return format_text(out, value.to_string()); }

}  // namespace corothrift
