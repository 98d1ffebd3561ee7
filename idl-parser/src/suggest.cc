#include "suggest.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace corothrift::idl {
namespace {

// Levenshtein distance in half steps: a substitution that only changes case costs 1, others 2.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = 2 * j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = 2 * i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitute = 2;
      if (a[i - 1] == b[j - 1]) {
        substitute = 0;
      } else if (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                 std::tolower(static_cast<unsigned char>(b[j - 1]))) {
        substitute = 1;
      }
      std::size_t next = std::min({row[j] + 2, row[j - 1] + 2, diagonal + substitute});
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string nearest_name(std::string_view name, const std::vector<std::string>& candidates) {
  // Up to one edit per three characters is still a typo; a one-letter name
  // only matches a different case.
  std::size_t limit = std::max<std::size_t>(1, 2 * name.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;  // suggesting the name itself helps nobody
    std::size_t d = distance(name, candidate);
    if (d < best_distance || (d == best_distance && candidate < best)) {
      best = candidate;
      best_distance = d;
    }
  }
  return best_distance <= limit ? best : std::string();
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best = nearest_name(name, candidates);
  return best.empty() ? std::string() : fmt::format("; did you mean '{}'?", best);
}

}  // namespace corothrift::idl
