#include "actors/protocol/type_ids.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/message.hpp>

namespace ccsim {

void register_types(caf::actor_system_config& cfg) {
  cfg.add_message_types<caf::id_block::ccsim>();
  cfg.add_error_category(caf::atom("ccsim"),
                         [](std::uint8_t code, caf::atom_value, const caf::message& ctx) {
                           return "ccsim::" + to_string(static_cast<errc>(code))
                                  + (ctx.empty() ? "" : " " + caf::to_string(ctx));
                         });
}

} // namespace ccsim
