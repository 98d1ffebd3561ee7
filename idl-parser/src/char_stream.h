#pragma once
// The parser's input. ANTLR's own stream copies the text into UTF-32 (4x its
// size in bytes, and more while converting) and converts every token's text
// back; for a large IDL that was 15 % of the parse's peak memory.

#include <memory>
#include <string_view>

namespace antlr4 {
class CharStream;
}  // namespace antlr4

namespace corothrift::idl {

// Whether every byte of `text` is ASCII, where code points are bytes.
bool is_ascii(std::string_view text);

// A stream over `text` (valid UTF-8, which must outlive the stream): ASCII
// text, nearly every IDL, is read in place; other text through ANTLR's copy.
std::unique_ptr<antlr4::CharStream> make_char_stream(std::string_view text);

}  // namespace corothrift::idl
