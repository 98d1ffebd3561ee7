#include "suggest.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>

#include <fmt/format.h>

namespace corothrift::idl {
namespace {

bool same_letter(char a, char b, bool fold_case) {
  if (!fold_case) return a == b;
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

// Damerau-Levenshtein distance (optimal string alignment): inserting,
// deleting or replacing a character, or swapping two neighbours ("Entyr"
// for "Entry"), is one edit each.
std::size_t edit_distance(std::string_view a, std::string_view b, bool fold_case) {
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t replace = previous[j - 1] + (same_letter(a[i - 1], b[j - 1], fold_case) ? 0 : 1);
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, replace});
      if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2], fold_case) &&
          same_letter(a[i - 2], b[j - 1], fold_case)) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[b.size()];
}

// How many edits still read as a typo of a name this long: a one-letter
// name only matches a different case.
std::size_t max_edits(std::size_t length) {
  if (length <= 1) return 0;
  return length <= 4 ? 1 : 2;
}

// Lower is better: fewer edits ignoring case, then a match of the whole
// spelling before one of its last component, then fewer edits with case.
using Score = std::tuple<std::size_t, bool, std::size_t>;

std::optional<Score> score(std::string_view name, std::string_view candidate) {
  bool by_last_component = false;
  std::string_view compared = candidate;
  // An unqualified name may mean one reached through a file or enum prefix
  // ("SharedStruct" for "shared.SharedStruct").
  if (std::size_t dot = candidate.rfind('.');
      dot != std::string_view::npos && name.find('.') == std::string_view::npos &&
      edit_distance(name, candidate.substr(dot + 1), true) < edit_distance(name, candidate, true)) {
    compared = candidate.substr(dot + 1);
    by_last_component = true;
  }
  std::size_t edits = edit_distance(name, compared, true);
  if (edits > max_edits(name.size())) return std::nullopt;
  return Score{edits, by_last_component, edit_distance(name, compared, false)};
}

}  // namespace

std::string nearest_name(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  std::optional<Score> best_score;
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;  // suggesting the name itself helps nobody
    std::optional<Score> s = score(name, candidate);
    if (!s) continue;
    if (!best_score || *s < *best_score || (*s == *best_score && candidate < best)) {
      best = candidate;
      best_score = s;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best = nearest_name(name, candidates);
  return best.empty() ? std::string() : fmt::format("; did you mean '{}'?", best);
}

}  // namespace corothrift::idl
