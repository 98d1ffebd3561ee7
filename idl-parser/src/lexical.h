#pragma once
// Turning token text into values: string literals, integers, doc comments.
// Independent of ANTLR so that it can be tested on its own.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace corothrift::idl {

// `"a\tb"` or `'a\'b'` (quotes included) to its value. Escapes: \\ \" \' \n
// \r \t. On a bad escape returns nullopt and sets `error`.
std::optional<std::string> unescape_literal(std::string_view quoted, std::string& error);

// Decimal or 0x hex, optionally signed; nullopt if it does not fit in int64.
std::optional<std::int64_t> parse_integer(std::string_view text);

// `/** ... */` to its text: markers, the leading `*` of each line and
// surrounding blank lines removed, common indentation stripped.
std::string clean_doc_comment(std::string_view raw);

// Replaces every byte that is not part of a well-formed UTF-8 sequence with
// '?', keeping the length (so byte offsets stay valid). Returns the offset of
// the first replaced byte, or nullopt if the text was valid.
std::optional<std::size_t> sanitize_utf8(std::string& text);

}  // namespace corothrift::idl
