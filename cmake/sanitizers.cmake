# Sanitizers and fuzzing for the whole build (every target: ours, the generated code, the tests).
#   -DCOROTHRIFT_SANITIZERS=address,undefined   the suite under ASan+UBSan (CI: clang++)
#   -DCOROTHRIFT_SANITIZERS=thread              under TSan (CI: the runtime's threaded tests)
#   -DCOROTHRIFT_FUZZ=ON                        also the libFuzzer programs of fuzz/ (clang++
#                                               only; ASan+UBSan unless SANITIZERS says otherwise)
# Any finding stops the program (no recovery), so a test with a sanitizer report fails.
set(COROTHRIFT_SANITIZERS "" CACHE STRING
    "Sanitizers for every target, as for -fsanitize= (e.g. address,undefined or thread)")
option(COROTHRIFT_FUZZ "Build the libFuzzer targets in fuzz/ and run each for a bounded time in ctest (clang++ only)" OFF)

if(COROTHRIFT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "COROTHRIFT_FUZZ needs clang++ (libFuzzer); this is ${CMAKE_CXX_COMPILER_ID}")
  endif()
  if(NOT COROTHRIFT_SANITIZERS)
    set(COROTHRIFT_SANITIZERS address,undefined)
  endif()
  # Coverage feedback from every library the targets reach; the fuzz programs
  # themselves link libFuzzer (fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(COROTHRIFT_SANITIZERS)
  add_compile_options(-fsanitize=${COROTHRIFT_SANITIZERS} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${COROTHRIFT_SANITIZERS})
endif()
