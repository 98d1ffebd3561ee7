# `cmake --install` puts the runtime library, its headers, the compiler and the package config
# where GNUInstallDirs says, so `find_package(corothrift CONFIG REQUIRED)` works afterwards.
include(CMakePackageConfigHelpers)
set(corothrift_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/corothrift)

install(TARGETS corothrift_runtime corothrift_tls EXPORT corothrift-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/tls/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET corothrift)
  install(TARGETS corothrift EXPORT corothrift-targets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

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
