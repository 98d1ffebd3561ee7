// design.md: exactly one runtime file includes <sys/epoll.h>, so the poller
// can be swapped without touching anything else.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<std::string> files_including_epoll() {
  std::vector<std::string> found;
  fs::path root = fs::path(COROTHRIFT_SOURCE_DIR) / "runtime";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find("#include <sys/epoll.h>") != std::string::npos) {
      found.push_back(fs::relative(entry.path(), root).string());
    }
  }
  return found;
}

TEST(EpollConfinement, OnlyTheEventLoopIncludesSysEpoll) {
  EXPECT_EQ(files_including_epoll(), std::vector<std::string>{"src/event_loop.cc"});
}

}  // namespace
