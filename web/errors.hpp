#pragma once
// Failures as the client sees them. Every error body has the same shape,
// {"error": code, "detail": text}, and error_response() is the one place
// that turns a failure into an HTTP answer.
#include <string>

#include "live/engine.hpp"
#include "web/http_types.hpp"

namespace ccsim::web {

using live::api_error;

/// The HTTP answer for a failure. A status outside 400..599 is a bug in the
/// caller and becomes 500 "internal".
response error_response(const api_error& e);

/// The JSON error body alone (WebSocket error messages reuse the fields).
std::string error_body(const std::string& code, const std::string& detail);

api_error bad_request(std::string code, std::string detail);       ///< 400
api_error unprocessable(std::string code, std::string detail);     ///< 422
api_error not_found(std::string code, std::string detail);         ///< 404
api_error conflict(std::string code, std::string detail);          ///< 409
api_error unauthorized(std::string detail);                        ///< 401 "unauthorized"
api_error forbidden(std::string detail);                           ///< 403 "forbidden"
api_error internal_error(std::string detail);                      ///< 500 "internal": our bug

} // namespace ccsim::web
