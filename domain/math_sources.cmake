# Numeric building blocks: random numbers, distributions, arrival processes,
# queueing formulas and statistics.
set(CCSIM_DOMAIN_MATH_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/random.cpp
  ${CMAKE_CURRENT_LIST_DIR}/distribution.cpp
  ${CMAKE_CURRENT_LIST_DIR}/arrival_profile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/erlang.cpp
  ${CMAKE_CURRENT_LIST_DIR}/confidence.cpp
  ${CMAKE_CURRENT_LIST_DIR}/histogram.cpp
)
