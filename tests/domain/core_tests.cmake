# Tests of the routing/state/statistics core of domain/.
set(CCSIM_DOMAIN_CORE_TESTS
  ${CMAKE_CURRENT_LIST_DIR}/agent_state_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dispatch_board_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/latency_histogram_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tenant_stats_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tenant_stats_kpis_at_test.cpp
)
