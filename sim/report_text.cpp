// render_text: the report as fixed-width tables for a terminal. Read from
// the JSON document so the two always agree.
#include "sim/report_document.hpp"

#include <cstdio>

#include <boost/json.hpp>

namespace ccsim {

namespace json = boost::json;

namespace {

double num(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_number() ? v->to_number<double>() : 0.0;
}

/// The half-width of a KPI's confidence interval, if the document has one.
const json::value* ci_of(const json::object& o, std::string_view key) {
  auto* ci = o.if_contains("ci95");
  return ci && ci->is_object() ? ci->as_object().if_contains(key) : nullptr;
}

std::string fmt(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

/// A KPI cell: value, plus "±h" when replications gave an interval.
std::string cell(const json::object& o, std::string_view key, const char* f, double scale = 1) {
  auto s = fmt(f, num(o, key) * scale);
  if (auto* h = ci_of(o, key); h && h->is_number()) s += "±" + fmt(f, h->to_number<double>() * scale);
  return s;
}

std::string count(const json::object& o, std::string_view key) {
  double v = num(o, key);
  if (ci_of(o, key)) return cell(o, key, "%.1f");
  return fmt("%.0f", v);
}

std::string pad(std::string s, std::size_t w) {
  // Width by code points, so "±" does not throw columns off; always at
  // least one space between columns.
  std::size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  s.insert(0, cps < w ? w - cps : 1, ' ');
  return s;
}

std::string lpad(std::string s, std::size_t w) {
  std::size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  if (cps < w) s.append(w - cps, ' ');
  return s;
}

void calls_row(std::string& out, const std::string& name, const json::object& o, std::size_t w) {
  out += lpad(name, 16);
  for (auto key : {"offered", "answered", "abandoned", "rejected", "in_system_at_end"})
    out += pad(count(o, key), w);
  out += pad(cell(o, "service_level", "%.1f%%", 100), w + 2);
  out += pad(cell(o, "asa", "%.1f"), w);
  out += pad(cell(o, "abandon_rate", "%.1f%%", 100), w);
  out += pad(cell(o, "p_wait", "%.1f%%", 100), w);
  out += '\n';
}

void waits_row(std::string& out, const std::string& name, const json::object& o, std::size_t w) {
  out += lpad(name, 16);
  out += pad(cell(o, "service_level_answered", "%.1f%%", 100), w + 2);
  for (auto key : {"wait_p50", "wait_p90", "wait_p99", "aht", "talk_mean", "talk_sd", "mean_queue"})
    out += pad(cell(o, key, "%.1f"), w);
  out += pad(count(o, "max_queue"), w);
  out += '\n';
}

} // namespace

std::string render_text(const json::object& doc) {
  std::string out;
  bool reps = num(doc, "replications") > 1;
  std::size_t w = reps ? 20 : 11;
  out += "ccsim report: " + std::string(doc.at("scenario").as_string()) + "  seed "
         + std::to_string(doc.at("seed").to_number<std::uint64_t>());
  if (reps) out += "  replications " + fmt("%.0f", num(doc, "replications")) + " (mean ± 95% CI)";
  out += "\n";
  out += "window " + fmt("%.0f", num(doc, "window_start_s")) + " s .. "
         + fmt("%.0f", num(doc, "window_end_s")) + " s of simulated time (t = 0 at "
         + std::string(doc.at("start_of_day").as_string()) + ")\n";

  for (auto& tv : doc.at("tenants").as_array()) {
    auto& t = tv.as_object();
    out += "\n== tenant " + std::string(t.at("name").as_string()) + "  (service level: answered within "
           + fmt("%.0f", num(t, "service_level_threshold_s")) + " s / offered; target "
           + fmt("%.0f%%", num(t, "service_level_target") * 100) + ")\n";
    out += lpad("calls", 16);
    for (auto h : {"offered", "answered", "abandoned", "rejected", "in_system"}) out += pad(h, w);
    out += pad("SL", w + 2) + pad("ASA s", w) + pad("abandon", w) + pad("p_wait", w) + "\n";
    for (auto& cv : t.at("call_types").as_array())
      calls_row(out, std::string(cv.as_object().at("name").as_string()), cv.as_object(), w);
    calls_row(out, "(tenant)", t, w);

    out += lpad("waits, s", 16) + pad("SL answ.", w + 2);
    for (auto h : {"p50", "p90", "p99", "AHT", "talk mean", "talk sd", "mean queue", "max queue"})
      out += pad(h, w);
    out += "\n";
    for (auto& cv : t.at("call_types").as_array())
      waits_row(out, std::string(cv.as_object().at("name").as_string()), cv.as_object(), w);
    waits_row(out, "(tenant)", t, w);
    for (auto& cv : t.at("call_types").as_array()) {
      auto& c = cv.as_object();
      out += "  talk " + std::string(c.at("name").as_string()) + ": configured "
             + std::string(c.at("talk_configured").as_string()) + ", measured mean "
             + cell(c, "talk_mean", "%.1f") + " s\n";
    }

    out += lpad("agent type", 16) + pad("agents", 8) + pad("occupancy", w) + pad("calls/agent", w)
           + pad("fairness cv", w) + "\n";
    for (auto& av : t.at("agent_types").as_array()) {
      auto& a = av.as_object();
      out += lpad(std::string(a.at("name").as_string()), 16) + pad(fmt("%.0f", num(a, "agents")), 8)
             + pad(cell(a, "occupancy", "%.1f%%", 100), w) + pad(cell(a, "calls_per_agent", "%.1f"), w)
             + pad(cell(a, "fairness_cv", "%.3f"), w) + "\n";
    }
    out += lpad("(tenant)", 16) + pad("", 8) + pad(cell(t, "occupancy", "%.1f%%", 100), w) + "\n";

    auto& conv = t.at("conversion").as_array();
    if (!conv.empty()) {
      out += lpad("conversion", 32) + pad("configured", w) + pad("measured", w) + pad("answered", w) + "\n";
      for (auto& cv : conv) {
        auto& c = cv.as_object();
        out += lpad(std::string(c.at("agent_type").as_string()) + " x "
                      + std::string(c.at("call_type").as_string()), 32)
               + pad(fmt("%.1f%%", num(c, "configured") * 100), w)
               + pad(cell(c, "measured", "%.1f%%", 100), w) + pad(count(c, "answered"), w) + "\n";
      }
    }
  }
  auto& o = doc.at("overall").as_object();
  out += "\n== overall\n";
  out += lpad("", 16);
  for (auto h : {"offered", "answered", "abandoned", "rejected", "in_system"}) out += pad(h, w);
  out += pad("SL", w + 2) + pad("ASA s", w) + pad("abandon", w) + pad("p_wait", w) + "\n";
  calls_row(out, "(all tenants)", o, w);
  out += "occupancy " + cell(o, "occupancy", "%.1f%%", 100) + ", AHT " + cell(o, "aht", "%.1f")
         + " s, wait p90 " + cell(o, "wait_p90", "%.1f") + " s\n";
  return out;
}

} // namespace ccsim
