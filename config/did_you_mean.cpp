#include "config/did_you_mean.hpp"

#include <algorithm>
#include <numeric>

namespace ccsim {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t max_edits(std::size_t length) {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

std::string shown(std::string_view s) {
  constexpr std::size_t max_shown = 40;
  if (s.size() > max_shown) return "\"" + std::string{s.substr(0, max_shown)} + "...\"";
  return "\"" + std::string{s} + "\"";
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows: the swap rule looks two rows back.
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string_view>& candidates) {
  // Very long words are never typos of our short names; skip the quadratic work.
  constexpr std::size_t max_compared = 64;
  if (word.empty() || word.size() > max_compared) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = max_edits(word.size()) + 1;
  for (auto c : candidates) {
    if (c.size() > max_compared) continue;
    auto d = edit_distance(word, c);
    // A full rewrite of a short word ("x" -> "a") is no typo.
    if (d < best_distance && d < std::max(word.size(), c.size())) {
      best_distance = d;
      best = std::string{c};
    }
  }
  if (best) return best;
  // "expo" for "exponential": an abbreviation is far in edits but obvious.
  constexpr std::size_t min_prefix = 3;
  if (word.size() >= min_prefix)
    for (auto c : candidates)
      if (c.size() > word.size() && edit_distance(word, c.substr(0, word.size())) == 0) return std::string{c};
  return std::nullopt;
}

std::string unknown_name_message(std::string_view what, std::string_view word,
                                 const std::vector<std::string_view>& candidates) {
  std::string out = "unknown " + std::string{what} + " " + shown(word);
  if (auto guess = did_you_mean(word, candidates)) return out + "; did you mean \"" + *guess + "\"?";
  if (candidates.empty()) return out + "; none are defined";
  out += "; expected one of: ";
  for (std::size_t i = 0; i < candidates.size(); ++i) out += (i ? ", " : "") + std::string{candidates[i]};
  return out;
}

} // namespace ccsim
