#include "store/process_info.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace ccsim::store {

namespace {

/// Field 22 of /proc/PID/stat (after the parenthesised command name, which may contain spaces).
std::int64_t start_ticks_of(std::int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in) return -1;
  std::string line;
  std::getline(in, line);
  auto close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22; ++i)  // rest starts with field 3 (state)
    if (!(rest >> field)) return -1;
  try {
    return std::stoll(field);
  } catch (...) {
    return -1;
  }
}

std::string hostname() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

} // namespace

process_identity current_process() {
  process_identity p;
  p.host = hostname();
  p.pid = ::getpid();
  p.start_ticks = std::max<std::int64_t>(0, start_ticks_of(p.pid));
  return p;
}

bool is_alive_here(const process_identity& p) {
  auto ticks = start_ticks_of(p.pid);
  if (ticks < 0) return false;                     // no such process
  return p.start_ticks == 0 || ticks == p.start_ticks;  // same process, not a reused pid
}

std::string utc_now_iso() {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

} // namespace ccsim::store
