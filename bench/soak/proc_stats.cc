#include "soak/proc_stats.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace soak {

uint64_t rss_kib() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size_pages = 0;
  uint64_t resident_pages = 0;
  statm >> size_pages >> resident_pages;
  return resident_pages * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)) / 1024;
}

uint64_t fd_count() {
  uint64_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    ++n;
  }
  return n == 0 ? 0 : n - 1;
}

}  // namespace soak
