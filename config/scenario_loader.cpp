#include "config/scenario_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>

#include "config/tenant_reader.hpp"
#include "config/time_text.hpp"
#include "config/toml_reader.hpp"

namespace ccsim {

namespace {

using namespace config_detail;

/// Bigger than any hand-written scenario by far; refusing it keeps a wrong
/// path (a log file, a disk image) from being read into memory.
constexpr std::size_t max_file_bytes = 16u << 20;

std::vector<config_error> one_error(std::string file, std::string message) {
  return {config_error{std::move(file), 0, 0, {}, std::move(message)}};
}

/// The top-level keys: name, seed, start, run length and warm-up.
void read_run(reader& r, const toml::table& root, scenario& s) {
  if (auto name = r.string(root, "name", "", need::optional)) {
    if (name->value.empty())
      r.error(*name->node, name->path, "must not be empty (leave it out to use the file name)");
    else
      s.name = name->value;
  }
  if (auto seed = r.integer(root, "seed", "", need::optional)) {
    if (seed->value < 0)
      r.reject(*seed, "must be >= 0");
    else
      s.seed = static_cast<std::uint64_t>(seed->value);
  }
  auto duration = r.duration(root, "duration", "", need::optional);
  if (duration) {
    if (duration->value <= sim_duration::zero())
      r.reject(*duration, "must be > 0");
    else
      s.horizon = duration->value;
  }
  if (auto calls = r.integer(root, "calls", "", need::optional)) {
    if (calls->value <= 0)
      r.reject(*calls, "must be > 0");
    else
      s.calls = static_cast<std::uint64_t>(calls->value);
  }
  if (!root.contains("duration") && !root.contains("calls") && !r.was_suggested(root, "calls"))
    r.missing(root, "", "duration",
              "give duration (when to stop, e.g. \"8h\"), calls (how many calls to count), or both");

  if (root.contains("warmup") && root.contains("warmup_calls")) {
    auto& a = root.find("warmup")->first.source().begin;
    auto& b = root.find("warmup_calls")->first.source().begin;
    auto later = (a.line != b.line ? a.line < b.line : a.column < b.column) ? "warmup_calls" : "warmup";
    r.error(root.find(later)->first.source(), later,
            "give either warmup (a time) or warmup_calls (a call count), not both");
  }
  if (auto warmup = r.duration(root, "warmup", "", need::optional)) {
    if (warmup->value < sim_duration::zero())
      r.reject(*warmup, "must be >= 0");
    else if (s.horizon && warmup->value >= *s.horizon)
      r.reject(*warmup, "must be shorter than duration (" + format_duration(*s.horizon) + ")");
    else
      s.warmup = warmup->value;
  }
  if (auto wc = r.integer(root, "warmup_calls", "", need::optional)) {
    if (wc->value < 0)
      r.reject(*wc, "must be >= 0");
    else
      s.warmup_calls = static_cast<std::uint64_t>(wc->value);
  }
}

void read_scenario(reader& r, const toml::table& root, scenario& s) {
  r.check_keys(root, "", {"name", "seed", "start", "duration", "calls", "warmup", "warmup_calls", "session", "tenants"});
  if (auto session = r.string(root, "session", "", need::optional)) {
    if (session->value == "live")
      s.live_session = true;
    else
      r.error(*session->node, session->path,
              "the only session kind is \"live\" (a session recorded by ccsim serve), got \"" + session->value + "\"");
  }
  // `start` first: every clock time in the file is read relative to it.
  if (auto start = r.clock(root, "start", "", need::optional)) {
    s.start_of_day = start->value;
    r.set_start_of_day(start->value);
  }
  read_run(r, root, s);
  if (s.live_session) {
    // The relaxed rules hold only because a recorded session ends at its
    // stop: with a call-count end, calls nobody can take would wait for ever.
    if (auto* calls = root.get("calls"))
      r.error(*calls, "calls", "not with session = \"live\": a recorded session ends at its duration");
  }

  auto* tenants = root.get("tenants");
  if (!tenants && s.live_session) return;  // a server stopped before any tenant was created
  if (!tenants) {
    r.missing(root, "", "tenants", "a scenario needs at least one [tenants.NAME] table");
    return;
  }
  auto* table = tenants->as_table();
  if (!table) {
    r.wrong_type(*tenants, "tenants", "a table of tenants ([tenants.NAME])");
    return;
  }
  if (table->empty() && !s.live_session) r.error(*table, "tenants", "a scenario needs at least one tenant");
  run_end end{!root.contains("duration") && root.contains("calls"), s.live_session};
  for (auto& e : r.in_file_order(*table, "tenants")) s.tenants.push_back(read_tenant(r, e, end));
}

load_result parse_checked(std::string_view text, const std::string& file) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{file});
  } catch (const toml::parse_error& e) {
    auto& b = e.source().begin;
    return std::vector<config_error>{
        config_error{file, b.line, b.column, {}, "TOML syntax error: " + std::string{e.description()}}};
  }
  reader r{file};
  scenario s;
  s.name = std::filesystem::path{file}.stem().string();
  if (s.name.empty()) s.name = "scenario";
  read_scenario(r, root, s);
  if (r.error_count() == 0) return s;
  auto errors = r.take_errors();
  // Report in file order, as a reader of the file meets the problems.
  std::stable_sort(errors.begin(), errors.end(), [](const config_error& a, const config_error& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return errors;
}

} // namespace

std::string to_string(const config_error& e) {
  std::string out = e.file;
  if (e.line > 0) out += ":" + std::to_string(e.line) + ":" + std::to_string(e.column);
  out += ": ";
  if (!e.key.empty()) out += e.key + ": ";
  return out + e.message;
}

load_result parse_scenario(std::string_view toml_text, std::string_view source_name) {
  std::string file{source_name};
  // Nothing may escape: a caller gets a scenario or a list of problems.
  try {
    return parse_checked(toml_text, file);
  } catch (const std::exception& e) {
    return one_error(file, std::string{"internal error while reading the scenario: "} + e.what());
  } catch (...) {
    return one_error(file, "internal error while reading the scenario");
  }
}

load_result load_scenario(const std::filesystem::path& file) {
  auto name = file.string();
  try {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
      return one_error(name, "cannot read scenario file \"" + name + "\": it is a directory");
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f{std::fopen(name.c_str(), "rb"), &std::fclose};
    if (!f) {
      int reason = errno;  // before anything else can overwrite it
      return one_error(name, "cannot open scenario file \"" + name + "\": " + std::strerror(reason));
    }
    std::string text;
    char buf[1 << 16];
    while (auto n = std::fread(buf, 1, sizeof buf, f.get())) {
      text.append(buf, n);
      if (text.size() > max_file_bytes)
        return one_error(name, "scenario file \"" + name + "\" is larger than 16 MiB; is this the right file?");
    }
    if (std::ferror(f.get())) {
      int reason = errno;
      return one_error(name, "cannot read scenario file \"" + name + "\": " + std::strerror(reason));
    }
    auto result = parse_scenario(text, name);
    if (auto* s = std::get_if<scenario>(&result)) s->source_path = name;
    return result;
  } catch (const std::exception& e) {
    return one_error(name, std::string{"cannot read scenario file: "} + e.what());
  }
}

} // namespace ccsim
