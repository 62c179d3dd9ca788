#include "actors/tenant_context.hpp"

#include <algorithm>

namespace ccsim {

std::uint8_t break_reason_registry::code(const std::string& reason) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto it = std::find(texts_.begin(), texts_.end(), reason);
  if (it != texts_.end()) return static_cast<std::uint8_t>(it - texts_.begin());
  if (texts_.size() >= 255) return 0;  // out of codes: plain "break"
  texts_.push_back(reason);
  return static_cast<std::uint8_t>(texts_.size() - 1);
}

std::string break_reason_registry::text(std::uint8_t code) const {
  std::lock_guard<std::mutex> guard{mtx_};
  return code < texts_.size() ? texts_[code] : texts_.front();
}

std::vector<std::string> break_reason_registry::texts() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return texts_;
}

} // namespace ccsim
