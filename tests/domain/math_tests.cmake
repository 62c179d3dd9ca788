set(CCSIM_DOMAIN_MATH_TESTS
  ${CMAKE_CURRENT_LIST_DIR}/random_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/distribution_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/arrival_profile_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/erlang_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/confidence_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/histogram_test.cpp
)
