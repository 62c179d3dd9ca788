#include "web/static_files.hpp"

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

using namespace ccsim::web;
namespace fs = std::filesystem;

namespace {

struct ui_folder {
  fs::path root = fs::temp_directory_path() / ("ccsim_ui_test_" + std::to_string(::getpid()));
  ui_folder() {
    fs::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<h1>wallboard</h1>";
    std::ofstream(root / "assets" / "app.js") << "console.log(1)";
    std::ofstream(root / ".secret") << "hidden";
    std::ofstream(root.parent_path() / ("outside_" + std::to_string(::getpid()))) << "outside";
    std::error_code ec;
    fs::create_symlink(root.parent_path() / ("outside_" + std::to_string(::getpid())), root / "escape.txt", ec);
  }
  ~ui_folder() {
    std::error_code ec;
    fs::remove_all(root, ec);
    fs::remove(root.parent_path() / ("outside_" + std::to_string(::getpid())), ec);
  }
};

} // namespace

TEST_CASE("static files are served with their content type, / as index.html", "[web]") {
  ui_folder ui;
  auto index = serve_static(ui.root.string(), "/");
  CHECK(index.status == 200);
  CHECK(index.content_type == "text/html; charset=utf-8");
  CHECK(index.body == "<h1>wallboard</h1>");
  auto js = serve_static(ui.root.string(), "/assets/app.js");
  CHECK(js.status == 200);
  CHECK(js.content_type == "text/javascript; charset=utf-8");
  CHECK(serve_static(ui.root.string(), "/assets/").status == 404);  // no index.html there
  CHECK(serve_static(ui.root.string(), "/missing.css").status == 404);
}

TEST_CASE("static files never leave the UI folder", "[web]") {
  ui_folder ui;
  CHECK(serve_static(ui.root.string(), "/../outside").status == 400);
  CHECK(serve_static(ui.root.string(), "/assets/../../x").status == 400);
  CHECK(serve_static(ui.root.string(), "/.secret").status == 400);
  CHECK(serve_static(ui.root.string(), "/a\\..\\b").status == 400);
  CHECK(serve_static(ui.root.string(), "//etc/passwd").status == 400);
  CHECK(serve_static(ui.root.string(), "/escape.txt").status == 404);  // symlink pointing out
  auto r = serve_static(ui.root.string(), "/../outside");
  CHECK(r.body.find("\"error\"") != std::string::npos);
}

TEST_CASE("content types cover the wallboard's file kinds", "[web]") {
  CHECK(content_type_for("a.css") == "text/css; charset=utf-8");
  CHECK(content_type_for("A.SVG") == "image/svg+xml");
  CHECK(content_type_for("x.json") == "application/json");
  CHECK(content_type_for("font.woff2") == "font/woff2");
  CHECK(content_type_for("noext") == "application/octet-stream");
}
