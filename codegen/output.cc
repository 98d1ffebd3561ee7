#include "output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace corothrift::codegen {
namespace {

namespace fs = std::filesystem;

// Plain POSIX calls: a large IDL writes hundreds of files, and iostreams'
// per-stream buffers and locale set-up were a seventh of the compiler's time.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now, reporting a failure (a write error may surface only here).
  bool close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

// Whether the file at `path` holds exactly `contents`; false if unreadable.
bool same_contents(const fs::path& path, const std::string& contents) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::size_t>(st.st_size) != contents.size()) {
    return false;
  }
  std::array<char, 64 * 1024> chunk;
  std::size_t done = 0;
  while (done < contents.size()) {
    ssize_t got = ::read(fd.get(), chunk.data(), std::min(chunk.size(), contents.size() - done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0 || std::memcmp(chunk.data(), contents.data() + done,
                                static_cast<std::size_t>(got)) != 0) {
      return false;
    }
    done += static_cast<std::size_t>(got);
  }
  return true;
}

// Writes `contents` to a new file at `path`; on failure says why in `error`.
bool write_new_file(const fs::path& path, const std::string& contents, std::string& error) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
  std::size_t done = 0;
  while (fd.get() >= 0 && done < contents.size()) {
    ssize_t put = ::write(fd.get(), contents.data() + done, contents.size() - done);
    if (put < 0 && errno == EINTR) continue;
    if (put < 0) break;
    done += static_cast<std::size_t>(put);
  }
  if (fd.get() >= 0 && done == contents.size() && fd.close()) return true;
  error = "cannot write '" + path.string() + "': " + std::strerror(errno);
  return false;
}

}  // namespace

bool FileOutputSink::write(const std::string& path, const std::string& contents,
                           std::string& error) {
  fs::path full = root_.empty() ? fs::path(path) : fs::path(root_) / path;
  record(path);
  if (same_contents(full, contents)) return true;
  std::error_code ec;
  if (full.has_parent_path()) fs::create_directories(full.parent_path(), ec);
  // Write beside the target and rename, so a reader never sees half a file.
  fs::path temporary = full;
  temporary += ".tmp";
  if (!write_new_file(temporary, contents, error)) return false;
  fs::rename(temporary, full, ec);
  if (ec) {
    error = "cannot write '" + full.string() + "': " + ec.message();
    return false;
  }
  changed_.push_back(full.string());
  return true;
}

bool MemoryOutputSink::write(const std::string& path, const std::string& contents, std::string&) {
  record(path);
  auto [it, inserted] = files.try_emplace(path, contents);
  if (!inserted && it->second == contents) return true;
  it->second = contents;
  ++writes;
  return true;
}

}  // namespace corothrift::codegen
