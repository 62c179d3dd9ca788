# CAF 0.17 ships no CMake package config; wrap the installed libraries in
# imported targets caf::core and caf::io.
find_path(CAF_INCLUDE_DIR caf/all.hpp)
find_library(CAF_CORE_LIBRARY NAMES caf_core)
find_library(CAF_IO_LIBRARY NAMES caf_io)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CAF
  REQUIRED_VARS CAF_CORE_LIBRARY CAF_IO_LIBRARY CAF_INCLUDE_DIR)
if(CAF_FOUND AND NOT TARGET caf::core)
  find_package(Threads REQUIRED)
  add_library(caf::core INTERFACE IMPORTED)
  # SYSTEM: CAF's own headers are not ours to keep warning-free.
  target_include_directories(caf::core SYSTEM INTERFACE "${CAF_INCLUDE_DIR}")
  target_link_libraries(caf::core INTERFACE "${CAF_CORE_LIBRARY}" Threads::Threads)
  add_library(caf::io INTERFACE IMPORTED)
  target_link_libraries(caf::io INTERFACE "${CAF_IO_LIBRARY}" caf::core)
endif()
