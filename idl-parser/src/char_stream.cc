#include "char_stream.h"

#include <algorithm>
#include <string>

#include <antlr4-runtime.h>

namespace corothrift::idl {
namespace {

// ASCII text read in place, index for index as ANTLRInputStream would read it.
class AsciiStream final : public antlr4::CharStream {
 public:
  explicit AsciiStream(std::string_view text) : text_(text) {}

  void consume() override {
    if (at_ >= text_.size()) throw antlr4::IllegalStateException("cannot consume EOF");
    ++at_;
  }

  // LA(1) is the next character, LA(-1) the previous one; 0 is undefined.
  std::size_t LA(ssize_t i) override {
    if (i == 0) return 0;
    ssize_t position = static_cast<ssize_t>(at_) + (i < 0 ? i : i - 1);
    if (position < 0 || position >= static_cast<ssize_t>(text_.size())) {
      return antlr4::IntStream::EOF;
    }
    return static_cast<unsigned char>(text_[static_cast<std::size_t>(position)]);
  }

  ssize_t mark() override { return -1; }  // the whole text is always there
  void release(ssize_t) override {}
  std::size_t index() override { return at_; }
  void seek(std::size_t index) override { at_ = std::min(index, text_.size()); }
  std::size_t size() override { return text_.size(); }
  std::string getSourceName() const override { return antlr4::IntStream::UNKNOWN_SOURCE_NAME; }
  std::string toString() const override { return std::string(text_); }

  std::string getText(const antlr4::misc::Interval& interval) override {
    if (interval.a < 0 || interval.b < 0) return "";
    auto start = static_cast<std::size_t>(interval.a);
    if (start >= text_.size()) return "";
    std::size_t stop = std::min(static_cast<std::size_t>(interval.b), text_.size() - 1);
    if (stop < start) return "";
    return std::string(text_.substr(start, stop - start + 1));
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::unique_ptr<antlr4::CharStream> make_char_stream(std::string_view text) {
  if (is_ascii(text)) return std::make_unique<AsciiStream>(text);
  return std::make_unique<antlr4::ANTLRInputStream>(std::string(text));
}

}  // namespace corothrift::idl
