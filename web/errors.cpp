#include "web/errors.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "web/json_text.hpp"

namespace ccsim::web {

std::string error_body(const std::string& code, const std::string& detail) {
  boost::json::object o;
  o["error"] = code;
  o["detail"] = detail;
  return to_text(o);
}

response error_response(const api_error& e) {
  response r;
  if (e.status < 400 || e.status > 599 || e.code.empty()) {
    r.status = 500;
    r.body = error_body("internal", "unexpected failure: " + e.code + " " + e.detail);
    return r;
  }
  r.status = e.status;
  r.body = error_body(e.code, e.detail);
  if (e.status == 401) r.headers.emplace_back("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"");
  return r;
}

api_error bad_request(std::string code, std::string detail) { return {400, std::move(code), std::move(detail)}; }
api_error unprocessable(std::string code, std::string detail) { return {422, std::move(code), std::move(detail)}; }
api_error not_found(std::string code, std::string detail) { return {404, std::move(code), std::move(detail)}; }
api_error conflict(std::string code, std::string detail) { return {409, std::move(code), std::move(detail)}; }
api_error unauthorized(std::string detail) { return {401, "unauthorized", std::move(detail)}; }
api_error forbidden(std::string detail) { return {403, "forbidden", std::move(detail)}; }
api_error internal_error(std::string detail) { return {500, "internal", std::move(detail)}; }

} // namespace ccsim::web
