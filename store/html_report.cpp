#include "store/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>

#include "domain/confidence.hpp"

namespace ccsim::store {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fmt(double x, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

/// "09:30" (seconds only when they are not zero).
std::string clock_label(sim_duration since_midnight) {
  auto s = format_clock(since_midnight);
  if (s.size() >= 8 && s.compare(s.size() - 3, 3, ":00") == 0) s.resize(s.size() - 3);
  return s;
}

struct line {
  std::string name, color;
  std::vector<double> mean, lo, hi;  // NaN: no value in that interval
  bool dashed = false;
};

struct chart {
  std::string title;
  bool percent = false;  // values are shares, shown as 0..100 %
  std::optional<double> target;
  std::string target_label;
  std::vector<line> lines;
};

double nice_ceiling(double v) {
  if (!(v > 0)) return 1;
  double mag = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= v * (1 - 1e-12)) return m * mag;
  return 10 * mag;
}

std::string render_chart(const chart& c, const std::vector<std::string>& xlabels) {
  const double W = 920, H = 270, ml = 64, mr = 16, mt = 40, mb = 40;
  const double pw = W - ml - mr, ph = H - mt - mb;
  auto n = std::max<std::size_t>(1, xlabels.size());
  double ymax = 0;
  for (auto& l : c.lines)
    for (std::size_t i = 0; i < l.mean.size(); ++i)
      for (double v : {l.mean[i], l.hi[i]})
        if (std::isfinite(v)) ymax = std::max(ymax, v);
  if (c.target) ymax = std::max(ymax, *c.target);
  ymax = c.percent ? 1.0 : nice_ceiling(ymax * 1.05);
  auto x = [&](std::size_t i) { return ml + (static_cast<double>(i) + 0.5) * pw / static_cast<double>(n); };
  auto y = [&](double v) { return mt + ph - std::clamp(v / ymax, 0.0, 1.0) * ph; };

  std::string s;
  s += "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + fmt(W, 0) + " "
       + fmt(H, 0) + "\" role=\"img\" aria-label=\"" + esc(c.title) + "\">\n";
  s += "<text class=\"title\" x=\"" + fmt(ml, 0) + "\" y=\"18\">" + esc(c.title) + "</text>\n";
  // Legend, right-aligned on the title line.
  double lx = W - mr;
  for (auto it = c.lines.rbegin(); it != c.lines.rend(); ++it) {
    lx -= 14 + 7.0 * static_cast<double>(it->name.size()) + 18;
    s += "<rect x=\"" + fmt(lx, 1) + "\" y=\"10\" width=\"12\" height=\"10\" fill=\"" + it->color + "\"/>"
         + "<text class=\"legend\" x=\"" + fmt(lx + 16, 1) + "\" y=\"19\">" + esc(it->name) + "</text>\n";
  }
  // Grid and y axis.
  for (int k = 0; k <= 5; ++k) {
    double v = ymax * k / 5;
    double yy = y(v);
    s += "<line class=\"grid\" x1=\"" + fmt(ml, 1) + "\" x2=\"" + fmt(W - mr, 1) + "\" y1=\"" + fmt(yy, 1)
         + "\" y2=\"" + fmt(yy, 1) + "\"/>";
    auto label = c.percent ? fmt(v * 100, 0) + "%" : (ymax < 5 ? fmt(v, 1) : fmt(v, 0));
    s += "<text class=\"ylabel\" x=\"" + fmt(ml - 6, 1) + "\" y=\"" + fmt(yy + 4, 1) + "\">" + label + "</text>\n";
  }
  std::size_t step = (n + 11) / 12;
  for (std::size_t i = 0; i < xlabels.size(); i += step)
    s += "<text class=\"xlabel\" x=\"" + fmt(x(i), 1) + "\" y=\"" + fmt(H - mb + 16, 1) + "\">"
         + esc(xlabels[i]) + "</text>";
  s += "\n<line class=\"axis\" x1=\"" + fmt(ml, 1) + "\" x2=\"" + fmt(W - mr, 1) + "\" y1=\"" + fmt(mt + ph, 1)
       + "\" y2=\"" + fmt(mt + ph, 1) + "\"/>\n";
  if (c.target) {
    s += "<line class=\"target\" x1=\"" + fmt(ml, 1) + "\" x2=\"" + fmt(W - mr, 1) + "\" y1=\""
         + fmt(y(*c.target), 1) + "\" y2=\"" + fmt(y(*c.target), 1) + "\"/>";
    s += "<text class=\"targetlabel\" x=\"" + fmt(W - mr - 4, 1) + "\" y=\"" + fmt(y(*c.target) - 5, 1)
         + "\">" + esc(c.target_label) + "</text>\n";
  }
  // Runs of consecutive intervals with a value.
  auto segments = [&](const line& l) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = 0;
    while (i < l.mean.size()) {
      while (i < l.mean.size() && !std::isfinite(l.mean[i])) ++i;
      auto from = i;
      while (i < l.mean.size() && std::isfinite(l.mean[i])) ++i;
      if (i > from) out.emplace_back(from, i);
    }
    return out;
  };
  for (auto& l : c.lines) {  // confidence bands first, under every line
    for (auto [from, to] : segments(l)) {
      bool any = false;
      for (auto i = from; i < to; ++i) any = any || l.hi[i] > l.lo[i];
      if (!any) continue;
      std::string pts;
      for (auto i = from; i < to; ++i) pts += fmt(x(i), 1) + "," + fmt(y(l.hi[i]), 1) + " ";
      for (auto i = to; i-- > from;) pts += fmt(x(i), 1) + "," + fmt(y(l.lo[i]), 1) + " ";
      s += "<polygon class=\"band\" fill=\"" + l.color + "\" points=\"" + pts + "\"/>\n";
    }
  }
  for (auto& l : c.lines) {
    for (auto [from, to] : segments(l)) {
      std::string pts;
      for (auto i = from; i < to; ++i) pts += fmt(x(i), 1) + "," + fmt(y(l.mean[i]), 1) + " ";
      s += "<polyline class=\"series" + std::string(l.dashed ? " dashed" : "") + "\" stroke=\"" + l.color
           + "\" points=\"" + pts + "\"/>\n";
      if (n <= 64)
        for (auto i = from; i < to; ++i)
          s += "<circle cx=\"" + fmt(x(i), 1) + "\" cy=\"" + fmt(y(l.mean[i]), 1) + "\" r=\"2.5\" fill=\""
               + l.color + "\"><title>" + esc(l.name) + " " + esc(xlabels[i]) + ": "
               + (c.percent ? fmt(l.mean[i] * 100, 1) + "%" : fmt(l.mean[i], 2)) + "</title></circle>";
      s += "\n";
    }
  }
  s += "</svg>\n";
  return s;
}

const char* palette[] = {"#1f77b4", "#2ca02c", "#d62728", "#ff7f0e", "#9467bd",
                         "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

/// Mean and 95% band over the replications of one value per interval.
line make_line(std::string name, std::string color, const std::vector<interval_series>& reps,
               std::size_t intervals, const std::function<double(const interval_series&, std::size_t)>& value) {
  line l{std::move(name), std::move(color), {}, {}, {}, false};
  for (std::size_t i = 0; i < intervals; ++i) {
    std::vector<double> xs;
    for (auto& r : reps)
      if (i < r.size())
        if (double v = value(r, i); std::isfinite(v)) xs.push_back(v);
    if (xs.empty()) {
      l.mean.push_back(nan), l.lo.push_back(nan), l.hi.push_back(nan);
      continue;
    }
    auto m = confidence_95(xs);
    l.mean.push_back(m.mean);
    l.lo.push_back(m.mean - m.half_width);
    l.hi.push_back(m.mean + m.half_width);
  }
  return l;
}

std::string kpi_table(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string s = "<table class=\"kpis\">";
  for (auto& [k, v] : rows) s += "<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>";
  return s + "</table>\n";
}

std::string tenant_section(const html_tenant& t, sim_duration start_of_day) {
  std::size_t n = 0;
  for (auto& r : t.replications) n = std::max(n, r.size());
  std::vector<std::string> labels;
  sim_duration length = t.replications.empty() ? sim_duration{0} : t.replications.front().length;
  for (std::size_t i = 0; i < n; ++i)
    labels.push_back(clock_label(start_of_day + length * static_cast<std::int64_t>(i)));
  auto& reps = t.replications;
  auto count = [](auto member) {
    return [member](const interval_series& s, std::size_t i) {
      return static_cast<double>(s.tenant[i].*member);
    };
  };
  bool rejects = false;
  for (auto& r : reps)
    for (auto& c : r.tenant) rejects = rejects || c.rejected > 0;

  std::string s = "<section>\n<h2>Tenant " + esc(t.name) + "</h2>\n";
  if (!t.summary.empty()) s += kpi_table(t.summary);
  if (reps.size() > 1)
    s += "<p class=\"note\">Lines: mean of " + std::to_string(reps.size())
         + " replications; shaded: 95% confidence interval.</p>\n";

  chart calls{"Calls per interval (by arrival)", false, std::nullopt, "", {}};
  calls.lines.push_back(make_line("offered", palette[0], reps, n, count(&interval_calls::offered)));
  calls.lines.push_back(make_line("answered", palette[1], reps, n, count(&interval_calls::answered)));
  calls.lines.push_back(make_line("abandoned", palette[2], reps, n, count(&interval_calls::abandoned)));
  if (rejects) calls.lines.push_back(make_line("rejected", palette[3], reps, n, count(&interval_calls::rejected)));
  s += render_chart(calls, labels);

  chart sl{"Service level: answered within " + fmt(t.service_level_threshold_s, 0) + " s / offered", true,
           t.service_level_target, "target " + fmt(t.service_level_target * 100, 0) + "%", {}};
  sl.lines.push_back(make_line("service level", palette[0], reps, n, [](const interval_series& r, std::size_t i) {
    return r.tenant[i].offered ? r.tenant[i].service_level() : nan;
  }));
  s += render_chart(sl, labels);

  chart asa{"ASA (mean wait of answered calls), seconds", false, std::nullopt, "", {}};
  asa.lines.push_back(make_line("ASA", palette[4], reps, n, [](const interval_series& r, std::size_t i) {
    return r.tenant[i].answered ? r.tenant[i].asa_s() : nan;
  }));
  s += render_chart(asa, labels);

  chart queue{"Waiting calls over time", false, std::nullopt, "", {}};
  queue.lines.push_back(make_line("mean in queue", palette[0], reps, n, [](const interval_series& r, std::size_t i) {
    return r.covered_s(i) > 0 ? r.mean_queue(i, r.tenant[i]) : nan;
  }));
  auto mx = make_line("most in queue", palette[8], reps, n, [](const interval_series& r, std::size_t i) {
    return r.covered_s(i) > 0 ? static_cast<double>(r.tenant[i].max_queue) : nan;
  });
  mx.dashed = true;
  queue.lines.push_back(std::move(mx));
  s += render_chart(queue, labels);

  chart occ{"Occupancy by agent type (busy / logged in)", true, std::nullopt, "", {}};
  for (std::size_t a = 0; a < t.agent_types.size(); ++a)
    occ.lines.push_back(make_line(t.agent_types[a], palette[a % std::size(palette)], reps, n,
                                  [a](const interval_series& r, std::size_t i) {
                                    if (a >= r.by_agent[i].size() || r.by_agent[i][a].logged_s <= 0) return nan;
                                    return r.by_agent[i][a].occupancy();
                                  }));
  s += render_chart(occ, labels);

  // The numbers behind the charts, folded away (no script needed).
  auto offered = make_line("", "", reps, n, count(&interval_calls::offered));
  auto answered = make_line("", "", reps, n, count(&interval_calls::answered));
  auto abandoned = make_line("", "", reps, n, count(&interval_calls::abandoned));
  auto cell = [](double v, bool percent = false) {
    if (!std::isfinite(v)) return std::string("<td>-</td>");
    return "<td>" + (percent ? fmt(v * 100, 1) + "%" : fmt(v, 1)) + "</td>";
  };
  s += "<details><summary>Interval table</summary><table class=\"intervals\"><tr><th>interval</th>"
       "<th>offered</th><th>answered</th><th>abandoned</th><th>SL</th><th>ASA s</th>"
       "<th>mean queue</th><th>max queue</th></tr>\n";
  for (std::size_t i = 0; i < n; ++i) {
    s += "<tr><td>" + esc(labels[i]) + "</td>" + cell(offered.mean[i]) + cell(answered.mean[i])
         + cell(abandoned.mean[i]) + cell(sl.lines[0].mean[i], true) + cell(asa.lines[0].mean[i])
         + cell(queue.lines[0].mean[i]) + cell(queue.lines[1].mean[i]) + "</tr>\n";
  }
  s += "</table></details>\n</section>\n";
  return s;
}

const char* style = R"css(
body { font-family: sans-serif; margin: 24px; color: #222; background: #fff; max-width: 960px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { padding: 2px 10px; text-align: right; border-bottom: 1px solid #eee; }
table.facts th, table.kpis th { text-align: left; font-weight: normal; color: #555; }
table.facts td, table.kpis td { text-align: left; }
.note { color: #555; font-size: 13px; }
svg.chart { width: 100%; height: auto; display: block; margin: 12px 0; }
svg .title { font-size: 14px; font-weight: bold; fill: #222; }
svg .legend { font-size: 12px; fill: #333; }
svg .ylabel { font-size: 11px; fill: #555; text-anchor: end; }
svg .xlabel { font-size: 11px; fill: #555; text-anchor: middle; }
svg .grid { stroke: #e5e5e5; stroke-width: 1; }
svg .axis { stroke: #888; stroke-width: 1; }
svg .series { fill: none; stroke-width: 2; }
svg .dashed { stroke-dasharray: 5 4; stroke-width: 1.5; }
svg .band { opacity: 0.18; stroke: none; }
svg .target { stroke: #d62728; stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .targetlabel { font-size: 11px; fill: #d62728; text-anchor: end; }
details { margin: 8px 0 16px; font-size: 13px; }
)css";

} // namespace

std::string render_html_report(const html_report_input& in) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(in.title)
                  + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n<h1>" + esc(in.title) + "</h1>\n";
  s += "<table class=\"facts\">";
  for (auto& [k, v] : in.facts) s += "<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>";
  s += "</table>\n";
  if (!in.overall.empty()) s += "<h2>All tenants</h2>\n" + kpi_table(in.overall);
  for (auto& t : in.tenants) s += tenant_section(t, in.start_of_day);
  s += "<p class=\"note\">Calls count in the interval they arrived in; service level = answered within "
       "the threshold / offered, as in the report. Queue and occupancy are time averages over each "
       "interval, warm-up included.</p>\n</body>\n</html>\n";
  return s;
}

} // namespace ccsim::store
