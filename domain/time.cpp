#include "domain/time.hpp"

#include <cstdio>

namespace ccsim {

std::string format_clock(sim_duration since_midnight) {
  using namespace std::chrono;
  auto total = duration_cast<seconds>(since_midnight).count();
  bool negative = total < 0;
  if (negative) total = -total;
  auto days = total / 86400;
  auto rest = total % 86400;
  char buf[48];
  if (days > 0)
    std::snprintf(buf, sizeof buf, "%s%lldd %02lld:%02lld:%02lld", negative ? "-" : "",
                  static_cast<long long>(days), static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest % 3600 / 60), static_cast<long long>(rest % 60));
  else
    std::snprintf(buf, sizeof buf, "%s%02lld:%02lld:%02lld", negative ? "-" : "",
                  static_cast<long long>(rest / 3600), static_cast<long long>(rest % 3600 / 60),
                  static_cast<long long>(rest % 60));
  return buf;
}

} // namespace ccsim
