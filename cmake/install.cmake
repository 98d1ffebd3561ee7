# Installs the package config so `find_package(corothrift CONFIG REQUIRED)` works after
# `cmake --install`. The targets themselves are installed by runtime/ and codegen/.
include(CMakePackageConfigHelpers)
set(corothrift_cmake_dir lib/cmake/corothrift)

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/corothrift-config.cmake.in
  ${PROJECT_BINARY_DIR}/corothrift-config.cmake
  INSTALL_DESTINATION ${corothrift_cmake_dir})
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/corothrift-config-version.cmake
  COMPATIBILITY SameMinorVersion)

install(EXPORT corothrift-targets NAMESPACE corothrift:: DESTINATION ${corothrift_cmake_dir})
install(FILES
  ${PROJECT_BINARY_DIR}/corothrift-config.cmake
  ${PROJECT_BINARY_DIR}/corothrift-config-version.cmake
  ${CMAKE_CURRENT_LIST_DIR}/corothrift-generate.cmake
  DESTINATION ${corothrift_cmake_dir})
