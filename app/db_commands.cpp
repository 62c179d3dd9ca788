// ccsim runs / report / export, and the recording side of ccsim run.
#include "app/db_commands.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/json.hpp>

#include "app/commands.hpp"
#include "config/scenario_loader.hpp"
#include "config/time_text.hpp"
#include "sim/report_document.hpp"
#include "store/export.hpp"
#include "store/history.hpp"
#include "store/html_report.hpp"
#include "store/recorder.hpp"
#include "store/report_rebuild.hpp"
#include "store/schema.hpp"

namespace ccsim::app {

namespace json = boost::json;

namespace {

bool read_text_file(const std::string& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return true;
}

/// FILE.tmp, then rename: a failed write never leaves a half-written file under the real name.
bool write_atomically(const std::string& path, const std::string& text, std::string& error) {
  auto tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = path + ": cannot write: " + std::strerror(errno);
      return false;
    }
    out << text;
    out.flush();
    if (!out) {
      error = path + ": cannot write: " + std::strerror(errno);
      std::remove(tmp.c_str());
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    error = path + ": cannot write: " + ec.message();
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

std::string db_path(const cli_args& args) { return args.get("db").value_or(default_db_path); }

/// The options as typed after the scenario file, e.g. "--seed 7 --replications 5".
std::string options_text(int argc, char** argv, const std::string& scenario_arg) {
  std::string out;
  for (int i = 2; i < argc; ++i) {
    if (argv[i] == scenario_arg) continue;
    if (!out.empty()) out += ' ';
    out += argv[i];
  }
  return out;
}

/// "2024-05-01T12:34:56.789Z" -> seconds since the epoch (NaN if not that shape).
double iso_seconds(const std::string& iso) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &ms) < 6)
    return NAN;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<double>(::timegm(&tm)) + ms / 1000.0;
}

std::string short_time(const std::string& iso) {  // "2024-05-01 12:34:56"
  if (iso.size() < 19) return iso;
  auto s = iso.substr(0, 19);
  s[10] = ' ';
  return s;
}

std::string wall_text(const store::run_row& r) {
  double s = r.wall_s ? *r.wall_s : iso_seconds(r.finished_at.empty() ? r.heartbeat_at : r.finished_at)
                                        - iso_seconds(r.started_at);
  if (!std::isfinite(s) || s < 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, s < 100 ? "%.2f s" : "%.0f s", s);
  return buf;
}

std::optional<std::int64_t> run_id_arg(const cli_args& args, const char* cmd) {
  auto v = args.get("run");
  if (!v) {
    std::cerr << "ccsim " << cmd << ": which run? pass --run N (see `ccsim runs`)\n";
    return std::nullopt;
  }
  std::string error;
  auto n = parse_count("run", *v, error);
  if (!n || *n == 0) {
    std::cerr << "ccsim " << cmd << ": " << (n ? "--run expects a run id >= 1" : error) << "\n";
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*n);
}

std::optional<sim_duration> interval_arg(const cli_args& args, const char* cmd, bool& bad) {
  bad = false;
  auto v = args.get("intervals");
  if (!v) return std::nullopt;
  auto t = parse_duration_text(*v);
  if (!t.value || *t.value < std::chrono::minutes(1) || *t.value > std::chrono::hours(24)) {
    std::cerr << "ccsim " << cmd << ": --intervals expects a length from 1m to 24h such as 15m, 30m or 1h"
              << (t.value ? "" : ": " + t.error) << "\n";
    bad = true;
  }
  return t.value;
}

/// The run, found and readable; every problem printed.
struct opened_run {
  std::unique_ptr<store::connection> db;
  store::run_row run;
  std::vector<store::job_row> jobs;
};

std::optional<opened_run> open_run(const cli_args& args, const char* cmd, std::int64_t id, int& rc) {
  opened_run out;
  try {
    out.db = store::open_for_reading(db_path(args));
    store::reconcile_runs(*out.db);
    auto run = store::find_run(*out.db, id);
    if (!run) {
      auto all = store::list_runs(*out.db);
      std::cerr << "ccsim " << cmd << ": " << out.db->file() << ": no run " << id
                << (all.empty() ? " (no runs recorded yet)"
                                : " (runs " + std::to_string(all.front().id) + " to "
                                      + std::to_string(all.back().id) + "; see `ccsim runs`)")
                << "\n";
      rc = exit_usage;
      return std::nullopt;
    }
    out.run = std::move(*run);
    out.jobs = store::run_jobs(*out.db, id);
  } catch (const store::db_error& e) {
    std::cerr << "ccsim " << cmd << ": " << e.what() << "\n";
    rc = exit_failure;
    return std::nullopt;
  }
  return out;
}

std::optional<scenario> scenario_of(const store::run_row& run, const char* cmd) {
  auto result = parse_scenario(run.scenario_text, run.scenario_path.empty() ? run.scenario : run.scenario_path);
  if (auto* s = std::get_if<scenario>(&result)) return std::move(*s);
  std::cerr << "ccsim " << cmd << ": the scenario recorded with run " << run.id
            << " no longer loads in this ccsim:\n";
  for (auto& e : std::get<std::vector<config_error>>(result)) std::cerr << "  " << to_string(e) << "\n";
  return std::nullopt;
}

// ------------------------------------------------------------- KPI text

double num(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_number() ? v->to_number<double>() : 0.0;
}

/// "81.2%" or "81.2% ± 1.3%" (with replications).
std::string kpi(const json::object& o, std::string_view key, bool percent, int decimals = 1) {
  auto f = [&](double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f%s", decimals, percent ? v * 100 : v, percent ? "%" : "");
    return std::string(buf);
  };
  auto s = f(num(o, key));
  if (auto* ci = o.if_contains("ci95"); ci && ci->is_object())
    if (auto* h = ci->as_object().if_contains(key); h && h->is_number()) s += " ± " + f(h->to_number<double>());
  return s;
}

std::vector<std::pair<std::string, std::string>> kpi_rows(const json::object& o) {
  return {{"offered", kpi(o, "offered", false, 0)},
          {"answered", kpi(o, "answered", false, 0)},
          {"abandoned", kpi(o, "abandoned", false, 0)},
          {"rejected", kpi(o, "rejected", false, 0)},
          {"in system at the end", kpi(o, "in_system_at_end", false, 0)},
          {"service level", kpi(o, "service_level", true)},
          {"ASA, s", kpi(o, "asa", false)},
          {"AHT, s", kpi(o, "aht", false)},
          {"occupancy", kpi(o, "occupancy", true)}};
}

// ------------------------------------------------------------- intervals

struct tenant_series {
  std::vector<store::interval_series> reps;
};

/// Replays every job at `length`: [tenant] -> one series per replication.
std::vector<tenant_series> replay_all(store::connection& db, const opened_run& r, const scenario& s,
                                      sim_duration length) {
  std::vector<tenant_series> out(s.tenants.size());
  for (auto& job : r.jobs)
    if (job.tenant < s.tenants.size())
      out[job.tenant].reps.push_back(store::replay_intervals(db, job, s.tenants[job.tenant], length));
  return out;
}

std::string pct(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
  return buf;
}

std::string dec(double v, int d = 1) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", d, v);
  return buf;
}

std::string col(std::string s, std::size_t w, bool left = false) {
  if (s.size() >= w) return " " + s;
  return left ? s + std::string(w - s.size(), ' ') : std::string(w - s.size(), ' ') + s;
}

/// Mean over replications of one interval cell (counts averaged; ratios
/// averaged over the replications where they are defined).
struct interval_line {
  double offered = 0, answered = 0, abandoned = 0, rejected = 0;
  double sl = NAN, asa = NAN, aht = NAN;
};

interval_line mean_line(const std::vector<const store::interval_calls*>& cells) {
  interval_line l;
  double sl = 0, asa = 0, aht = 0;
  int nsl = 0, nasa = 0;
  for (auto* c : cells) {
    l.offered += static_cast<double>(c->offered);
    l.answered += static_cast<double>(c->answered);
    l.abandoned += static_cast<double>(c->abandoned);
    l.rejected += static_cast<double>(c->rejected);
    if (c->offered) sl += c->service_level(), ++nsl;
    if (c->answered) asa += c->asa_s(), aht += c->aht_s(), ++nasa;
  }
  auto n = static_cast<double>(std::max<std::size_t>(1, cells.size()));
  l.offered /= n, l.answered /= n, l.abandoned /= n, l.rejected /= n;
  if (nsl) l.sl = sl / nsl;
  if (nasa) l.asa = asa / nasa, l.aht = aht / nasa;
  return l;
}

std::string interval_report(const opened_run& r, const scenario& s, const std::vector<tenant_series>& series,
                            sim_duration length) {
  std::ostringstream out;
  bool reps = r.run.replications > 1;
  out << "ccsim interval report: run " << r.run.id << ", " << r.run.scenario << ", seed " << r.run.seed;
  if (reps) out << ", mean of " << r.run.replications << " replications";
  out << "\n" << format_duration(length) << " intervals; a call counts in the interval it arrived in; "
      << "SL = answered within T / offered\n";
  bool counts_decimal = reps;
  auto count = [&](double v) { return counts_decimal ? dec(v, 1) : dec(v, 0); };
  for (std::size_t t = 0; t < s.tenants.size() && t < series.size(); ++t) {
    auto& ten = s.tenants[t];
    auto& sr = series[t].reps;
    std::size_t n = 0;
    for (auto& x : sr) n = std::max(n, x.size());
    out << "\n== tenant " << ten.name << "  (SL: answered within " << dec(to_seconds(ten.service_level_threshold), 0)
        << " s / offered; target " << dec(ten.service_level_target * 100, 0) << "%)\n";
    out << col("interval", 13, true) << col("call type", 16, true) << col("offered", 9) << col("answered", 9)
        << col("abandoned", 10) << col("rejected", 9) << col("SL", 8) << col("ASA s", 8) << col("AHT s", 8)
        << "\n";
    for (std::size_t i = 0; i < n; ++i) {
      auto start = sr.empty() ? sim_time{0} : sr.front().start(i);
      auto clock = format_time_of_day(s.start_of_day + start) + "-" + format_time_of_day(s.start_of_day + start + length);
      auto line = [&](const std::string& label, auto pick, bool first) {
        std::vector<const store::interval_calls*> cells;
        for (auto& x : sr)
          if (i < x.size()) cells.push_back(pick(x));
        auto l = mean_line(cells);
        out << col(first ? clock : "", 13, true) << col(label, 16, true) << col(count(l.offered), 9)
            << col(count(l.answered), 9) << col(count(l.abandoned), 10) << col(count(l.rejected), 9)
            << col(pct(l.sl), 8) << col(dec(l.asa), 8) << col(dec(l.aht), 8) << "\n";
      };
      line("(all)", [&](const store::interval_series& x) { return &x.tenant[i]; }, true);
      for (std::size_t c = 0; c < ten.call_types.size(); ++c)
        line(ten.call_types[c].name, [&](const store::interval_series& x) { return &x.by_type[i][c]; }, false);
    }
  }
  return out.str();
}

std::string html_of(const opened_run& r, const scenario& s, const json::object& doc,
                    const std::vector<tenant_series>& series, sim_duration length) {
  store::html_report_input in;
  in.title = "ccsim run " + std::to_string(r.run.id) + ": " + r.run.scenario;
  in.facts = {{"run", std::to_string(r.run.id)},
              {"kind", r.run.kind == "serve" ? "live session (ccsim serve)" : "simulation (ccsim run)"},
              {"scenario", r.run.scenario + (r.run.scenario_path.empty() ? "" : " (" + r.run.scenario_path + ")")},
              {"seed", std::to_string(r.run.seed)},
              {"replications", std::to_string(r.run.replications)},
              {"options", r.run.options.empty() ? "-" : r.run.options},
              {"started (UTC)", short_time(r.run.started_at)},
              {"wall time", wall_text(r.run)},
              {"status", r.run.status},
              {"code version", r.run.code_version},
              {"intervals", format_duration(length)}};
  in.start_of_day = s.start_of_day;
  if (auto* o = doc.if_contains("overall"); o && o->is_object()) in.overall = kpi_rows(o->as_object());
  auto* tenants = doc.if_contains("tenants");
  for (std::size_t t = 0; t < s.tenants.size(); ++t) {
    store::html_tenant ht;
    ht.name = s.tenants[t].name;
    ht.service_level_target = s.tenants[t].service_level_target;
    ht.service_level_threshold_s = to_seconds(s.tenants[t].service_level_threshold);
    for (auto& a : s.tenants[t].agent_types) ht.agent_types.push_back(a.name);
    if (t < series.size()) ht.replications = series[t].reps;
    if (tenants && tenants->is_array() && t < tenants->as_array().size() && tenants->as_array()[t].is_object())
      ht.summary = kpi_rows(tenants->as_array()[t].as_object());
    in.tenants.push_back(std::move(ht));
  }
  return store::render_html_report(in);
}

} // namespace

// ------------------------------------------------------------- run_history

run_history::run_history() = default;
run_history::~run_history() = default;

bool run_history::start(const cli_args& args, const scenario& s, run_request& req, int argc, char** argv,
                        std::atomic<bool>* cancel) {
  if (args.has("no-db")) {
    if (args.get("db")) {
      std::cerr << "ccsim run: --db and --no-db contradict each other\n";
      return false;
    }
    return true;
  }
  auto path = db_path(args);
  const auto& scenario_arg = args.positional.front();
  store::run_settings settings;
  std::string error;
  if (!read_text_file(scenario_arg, settings.scenario_text, error)) {
    std::cerr << "ccsim run: " << error << "\n";
    return false;
  }
  settings.scenario_path = scenario_arg;
  settings.seed = req.seed;
  settings.replications = req.replications;
  settings.options = options_text(argc, argv, scenario_arg);
  settings.code_version = CCSIM_VERSION;
  store::recorder_options opts;
  if (const char* pages = std::getenv("CCSIM_DB_MAX_PAGES"))  // test hook: a disk that fills up
    opts.max_page_count = std::atoll(pages);
  try {
    recorder_ = std::make_unique<store::recorder>(path, s, std::move(settings), opts);
  } catch (const store::db_error& e) {
    std::cerr << "ccsim run: " << e.what() << "\n"
              << "ccsim run: nothing was run; pass --db PATH for another database, or --no-db\n";
    return false;
  }
  recorder_->watch_cancel(cancel);
  req.subscribers = recorder_->subscribers();
  return true;
}

bool run_history::failed() {
  if (!recorder_ || !recorder_->failed()) return false;
  try {
    recorder_->finish(store::run_state::failed);
  } catch (const store::db_error& e) {
    std::cerr << "ccsim run: recording failed: " << e.what() << "\n"
              << "ccsim run: the run was stopped; no report written\n";
  }
  recorder_.reset();
  return true;
}

void run_history::interrupted() {
  if (!recorder_) return;
  try {
    recorder_->finish(store::run_state::interrupted, "stopped by the user (SIGINT)");
  } catch (const store::db_error& e) {
    std::cerr << "ccsim run: " << e.what() << "\n";
  }
  recorder_.reset();
}

bool run_history::completed(const std::string& report_json, double wall_seconds, bool quiet) {
  if (!recorder_) return true;
  auto id = recorder_->run_id();
  auto file = recorder_->file();
  try {
    recorder_->finish(store::run_state::completed, {}, report_json, wall_seconds);
  } catch (const store::db_error& e) {
    std::cerr << "ccsim run: recording failed: " << e.what() << "\n"
              << "ccsim run: no report written\n";
    recorder_.reset();
    return false;
  }
  recorder_.reset();
  if (!quiet) std::cerr << "recorded as run " << id << " in " << file << "\n";
  return true;
}

// ------------------------------------------------------------- commands

int runs_command(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc, argv, 2, cli_spec{{"db"}, {}}, error);
  if (!args || !args->positional.empty()) {
    std::cerr << "ccsim runs: " << (args ? "unexpected argument '" + args->positional.front() + "'" : error)
              << "; usage: ccsim runs [--db PATH]\n";
    return exit_usage;
  }
  std::vector<store::run_row> runs;
  std::string file;
  try {
    auto db = store::open_for_reading(db_path(*args));
    store::reconcile_runs(*db);
    runs = store::list_runs(*db);
    file = db->file();
  } catch (const store::db_error& e) {
    std::cerr << "ccsim runs: " << e.what() << "\n";
    return exit_failure;
  }
  if (runs.empty()) {
    std::cout << "no runs recorded in " << file << "\n";
    return exit_ok;
  }
  std::ostringstream out;
  char line[512];
  std::snprintf(line, sizeof line, "%5s  %-5s  %-20s %12s %5s  %-19s %10s  %-12s %10s %10s\n", "id", "kind",
                "scenario", "seed", "reps", "started (UTC)", "duration", "status", "offered", "answered");
  out << line;
  for (auto& r : runs) {
    std::snprintf(line, sizeof line, "%5lld  %-5s  %-20s %12llu %5u  %-19s %10s  %-12s %10llu %10llu\n",
                  static_cast<long long>(r.id), r.kind.c_str(), r.scenario.c_str(),
                  static_cast<unsigned long long>(r.seed),
                  r.replications, short_time(r.started_at).c_str(), wall_text(r).c_str(), r.status.c_str(),
                  static_cast<unsigned long long>(r.offered), static_cast<unsigned long long>(r.answered));
    out << line;
  }
  std::cout << out.str() << std::flush;
  return exit_ok;
}

int report_command(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc, argv, 2, cli_spec{{"db", "run", "json", "html", "intervals"}, {}}, error);
  if (!args || !args->positional.empty()) {
    std::cerr << "ccsim report: " << (args ? "unexpected argument '" + args->positional.front() + "'" : error)
              << "; usage: ccsim report --run N [--db PATH] [--intervals 30m] [--json FILE] [--html FILE]\n";
    return exit_usage;
  }
  auto id = run_id_arg(*args, "report");
  if (!id) return exit_usage;
  bool bad = false;
  auto length = interval_arg(*args, "report", bad);
  if (bad) return exit_usage;
  int rc = exit_ok;
  auto r = open_run(*args, "report", *id, rc);
  if (!r) return rc;
  if (r->run.status != "completed") {
    std::cerr << "ccsim report: run " << r->run.id << " is " << r->run.status
              << (r->run.status_detail.empty() ? "" : " (" + r->run.status_detail + ")")
              << "; only a completed run has a report (`ccsim export` shows what was recorded)\n";
    return exit_failure;
  }
  auto s = scenario_of(r->run, "report");
  if (!s) return exit_failure;
  try {
    auto doc = store::rebuild_report(*r->db, r->run, r->jobs, *s);
    std::vector<tenant_series> series;
    auto html_length = length.value_or(r->run.interval);
    if (length || args->get("html")) series = replay_all(*r->db, *r, *s, html_length);
    // Every file is complete before anything claims success on stdout.
    if (auto path = args->get("json"); path && !write_atomically(*path, render_json(doc), error)) {
      std::cerr << "ccsim report: " << error << "\n";
      return exit_failure;
    }
    if (auto path = args->get("html");
        path && !write_atomically(*path, html_of(*r, *s, doc, series, html_length), error)) {
      std::cerr << "ccsim report: " << error << "\n";
      return exit_failure;
    }
    if (length) std::cout << interval_report(*r, *s, series, *length) << std::flush;
    else std::cout << render_text(doc) << std::flush;
  } catch (const store::db_error& e) {
    std::cerr << "ccsim report: " << e.what() << "\n";
    return exit_failure;
  }
  return exit_ok;
}

int export_command(int argc, char** argv) {
  std::string error;
  auto args = parse_args(argc, argv, 2, cli_spec{{"db", "run", "what", "format", "intervals", "output"}, {}},
                         error);
  const char* use = "usage: ccsim export --run N --what calls|agent-events|intervals [--format csv|json] "
                    "[--intervals 30m] [--output FILE] [--db PATH]";
  if (!args || !args->positional.empty()) {
    std::cerr << "ccsim export: " << (args ? "unexpected argument '" + args->positional.front() + "'" : error)
              << "; " << use << "\n";
    return exit_usage;
  }
  auto id = run_id_arg(*args, "export");
  if (!id) return exit_usage;
  auto what = args->get("what").value_or("");
  if (what != "calls" && what != "agent-events" && what != "intervals") {
    std::cerr << "ccsim export: --what must be calls, agent-events or intervals; " << use << "\n";
    return exit_usage;
  }
  auto format_text = args->get("format").value_or("csv");
  if (format_text != "csv" && format_text != "json") {
    std::cerr << "ccsim export: --format must be csv or json, got '" << format_text << "'\n";
    return exit_usage;
  }
  auto format = format_text == "csv" ? store::table_format::csv : store::table_format::json;
  bool bad = false;
  auto length = interval_arg(*args, "export", bad);
  if (bad) return exit_usage;
  if (length && what != "intervals") {
    std::cerr << "ccsim export: --intervals only applies to --what intervals\n";
    return exit_usage;
  }
  int rc = exit_ok;
  auto r = open_run(*args, "export", *id, rc);
  if (!r) return rc;
  auto output = args->get("output");
  std::ostringstream buffer;  // with --output, the file appears only once complete
  std::ostream& out = output ? static_cast<std::ostream&>(buffer) : std::cout;
  try {
    if (what == "calls") {
      store::export_calls(*r->db, r->run.id, format, out);
    } else if (what == "agent-events") {
      store::export_agent_events(*r->db, r->run.id, format, out);
    } else {
      auto s = scenario_of(r->run, "export");
      if (!s) return exit_failure;
      std::vector<store::tenant_names> names;
      for (auto& t : s->tenants) {
        store::tenant_names n;
        for (auto& c : t.call_types) n.call_types.push_back(c.name);
        for (auto& a : t.agent_types) n.agent_types.push_back(a.name);
        names.push_back(std::move(n));
      }
      std::vector<store::interval_series> series;
      for (auto& job : r->jobs) {
        auto& ten = s->tenants.at(job.tenant);
        series.push_back(length ? store::replay_intervals(*r->db, job, ten, *length)
                                : store::stored_intervals(*r->db, job, r->run.interval, ten.call_types.size(),
                                                          ten.agent_types.size()));
      }
      store::export_intervals(r->run.id, r->jobs, series, names, s->start_of_day, format, out);
    }
  } catch (const store::db_error& e) {
    std::cerr << "ccsim export: " << e.what() << "\n";
    return exit_failure;
  }
  if (output && !write_atomically(*output, buffer.str(), error)) {
    std::cerr << "ccsim export: " << error << "\n";
    return exit_failure;
  }
  if (!output && !std::cout) {
    std::cerr << "ccsim export: writing to standard output failed\n";
    return exit_failure;
  }
  return exit_ok;
}

} // namespace ccsim::app
