// The main() of a fuzz target's replay program: feeds every file of the
// folders (or files) named on the command line to the target once, in name
// order, as libFuzzer would replay them. Built with any compiler, without
// libFuzzer, so the committed corpus and every crash kept under
// fuzz/regressions/ run in the normal build's tests. A finding fails the
// same way as under the fuzzer (abort, a sanitizer report, an escaped
// exception); an empty corpus fails too, since it would prove nothing.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size);

namespace {

constexpr unsigned kSecondsPerInput = 60;

std::vector<std::filesystem::path> inputs(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg = argv[i];
    // A target's regressions/ folder exists only once something was found.
    if (!std::filesystem::exists(arg)) {
      std::printf("(no %s)\n", arg.c_str());
      continue;
    }
    if (!std::filesystem::is_directory(arg)) {
      files.push_back(arg);
      continue;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(arg)) {
      if (entry.is_regular_file()) found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (const auto& path : inputs(argc, argv)) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "cannot read %s\n", path.c_str());
      return 1;
    }
    std::vector<char> bytes((std::istreambuf_iterator<char>(file)),
                            std::istreambuf_iterator<char>());
    // Its own heap block of exactly the input's size, as libFuzzer gives
    // it, so reads past the end are caught under ASan.
    auto* data = new uint8_t[bytes.size()];
    // An input that hangs ends the program (SIGALRM) instead of the test's
    // whole time budget.
    ::alarm(kSecondsPerInput);
    std::copy(bytes.begin(), bytes.end(), data);
    LLVMFuzzerTestOneInput(data, bytes.size());
    delete[] data;
    ++count;
  }
  std::printf("replayed %zu inputs\n", count);
  if (count == 0) {
    std::fprintf(stderr, "no input to replay: the corpus is missing\n");
    return 1;
  }
  return 0;
}
