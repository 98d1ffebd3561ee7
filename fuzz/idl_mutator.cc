// A structure-aware mutator for the idl target (linked only into the
// libFuzzer program): byte mutations of IDL text mostly break the lexer's
// tokens and stop in the parser, so half the time this mutates whole lines
// instead (a definition, a field, a function is usually one line): copy a
// line elsewhere, drop one, swap two, or splice a line from another input
// (a field of one struct into another, an include into a file that had
// none). Lines stay intact, so what gets exercised is the parser's
// recovery, name resolution and the semantic rules, on mostly valid syntax.
// The other half is libFuzzer's own mutation (with the idl.dict tokens).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" std::size_t LLVMFuzzerMutate(uint8_t* data, std::size_t size, std::size_t max_size);

namespace {

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::size_t take = end == std::string_view::npos ? text.size() : end + 1;
    lines.emplace_back(text.substr(0, take));
    text.remove_prefix(take);
  }
  return lines;
}

std::size_t store(const std::vector<std::string>& lines, uint8_t* data, std::size_t max_size) {
  std::size_t size = 0;
  for (const std::string& line : lines) {
    if (size + line.size() > max_size) break;
    std::memcpy(data + size, line.data(), line.size());
    size += line.size();
  }
  return size;
}

// The text before the first NUL (main.thrift) is what gets line mutations;
// the choice byte and inc.thrift after it are left to byte mutations.
std::size_t mutate_lines(uint8_t* data, std::size_t size, std::size_t max_size,
                         std::vector<std::string> donor, std::mt19937& rng) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  std::size_t nul = all.find('\0');
  std::string tail = nul == std::string_view::npos ? "" : std::string(all.substr(nul));
  std::vector<std::string> lines = lines_of(all.substr(0, nul));
  if (lines.empty()) return 0;
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  std::size_t at = pick(lines.size());
  switch (pick(4)) {
    case 0:
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(pick(lines.size())), lines[at]);
      break;
    case 1:
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(at));
      break;
    case 2:
      std::swap(lines[at], lines[pick(lines.size())]);
      break;
    default:
      if (donor.empty()) return 0;
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), donor[pick(donor.size())]);
  }
  if (!tail.empty()) lines.push_back(tail);
  return store(lines, data, max_size);
}

}  // namespace

extern "C" std::size_t LLVMFuzzerCustomMutator(uint8_t* data, std::size_t size,
                                               std::size_t max_size, unsigned int seed) {
  std::mt19937 rng(seed);
  if (rng() % 2 == 0) {
    std::size_t mutated = mutate_lines(data, size, max_size, {}, rng);
    if (mutated != 0) return mutated;
  }
  return LLVMFuzzerMutate(data, size, max_size);
}

extern "C" std::size_t LLVMFuzzerCustomCrossOver(const uint8_t* data1, std::size_t size1,
                                                 const uint8_t* data2, std::size_t size2,
                                                 uint8_t* out, std::size_t max_out_size,
                                                 unsigned int seed) {
  std::mt19937 rng(seed);
  std::size_t size = size1 < max_out_size ? size1 : max_out_size;
  std::memcpy(out, data1, size);
  std::string_view other(reinterpret_cast<const char*>(data2), size2);
  return mutate_lines(out, size, max_out_size, lines_of(other.substr(0, other.find('\0'))), rng);
}
