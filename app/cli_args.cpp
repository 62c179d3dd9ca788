#include "app/cli_args.hpp"

#include <charconv>

namespace ccsim::app {

std::optional<std::string> cli_args::get(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::optional<cli_args> parse_args(int argc, char** argv, int first, const cli_spec& spec,
                                   std::string& error) {
  cli_args out;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      out.positional.push_back(arg);
      continue;
    }
    auto name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (spec.flag_options.count(name)) {
      if (inline_value) {
        error = "option --" + name + " takes no value";
        return std::nullopt;
      }
      out.flags.insert(name);
    } else if (spec.value_options.count(name)) {
      if (inline_value) {
        out.values[name] = *inline_value;
      } else if (i + 1 < argc) {
        out.values[name] = argv[++i];
      } else {
        error = "option --" + name + " needs a value";
        return std::nullopt;
      }
    } else {
      error = "unknown option --" + name;
      return std::nullopt;
    }
  }
  return out;
}

std::optional<std::uint64_t> parse_count(const std::string& option, const std::string& text,
                                         std::string& error) {
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size() || text.empty()) {
    error = "option --" + option + " expects a whole number >= 0, got '" + text + "'";
    return std::nullopt;
  }
  return v;
}

} // namespace ccsim::app
