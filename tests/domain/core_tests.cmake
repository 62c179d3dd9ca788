# Tests of the routing/state/statistics core of domain/.
set(CCSIM_DOMAIN_CORE_TESTS
)
