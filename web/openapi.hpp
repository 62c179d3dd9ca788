#pragma once
// The OpenAPI 3 description served at /api/openapi.json, generated from the
// route table (so every route the server knows is in it; a test checks).
#include <boost/json/object.hpp>

#include "web/router.hpp"

namespace ccsim::web {

boost::json::object openapi_document(const router& routes, std::size_t max_body_bytes);

} // namespace ccsim::web
