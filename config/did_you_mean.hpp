#pragma once
// Suggestions for misspelt names ("slaes" -> "sales"), so an unknown key or
// name is reported together with what the user most likely meant.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim {

/// Optimal string alignment distance (Levenshtein plus adjacent swaps, the
/// commonest typo), ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a plausible
/// typo: at most 1 edit for words up to 4 characters, 2 up to 8, else 3.
/// Ties go to the earlier candidate. Failing that, the first candidate that
/// `word` (3 characters or more) abbreviates: "expo" -> "exponential".
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string_view>& candidates);

/// "unknown key \"seeed\"; did you mean \"seed\"?" or, with no close match,
/// "unknown key \"foo\"; expected one of: a, b, c". `what` is "key", "call type", ...
std::string unknown_name_message(std::string_view what, std::string_view word,
                                 const std::vector<std::string_view>& candidates);

} // namespace ccsim
