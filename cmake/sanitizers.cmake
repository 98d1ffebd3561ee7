# Sanitizers and fuzzing for the whole build (every target: ours, the generated code, the tests).
#   -DCOROTHRIFT_SANITIZERS=address,undefined   the suite under ASan+UBSan (CI: clang++)
#   -DCOROTHRIFT_SANITIZERS=thread              under TSan (CI: the runtime's threaded tests)
#   -DCOROTHRIFT_FUZZ=ON                        also the libFuzzer programs of fuzz/ (clang++
#                                               only; ASan+UBSan unless SANITIZERS says otherwise)
# Any finding stops the program (no recovery), so a test with a sanitizer report fails.
set(COROTHRIFT_SANITIZERS "" CACHE STRING
    "Sanitizers for every target, as for -fsanitize= (e.g. address,undefined or thread)")
option(COROTHRIFT_FUZZ "Build the libFuzzer targets in fuzz/ and run each for a bounded time in ctest (clang++ only)" OFF)
set(COROTHRIFT_FUZZ_SECONDS "" CACHE STRING
    "Seconds ctest runs every fuzz target (empty: each target's own, 12-15 s; CI sets fewer)")

# The flags as one string, for projects built against this build's libraries (the consumer
# project test): they must link the same sanitizer runtimes.
set(COROTHRIFT_SANITIZER_FLAGS "")
set(_corothrift_sanitizers "${COROTHRIFT_SANITIZERS}")
if(COROTHRIFT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "COROTHRIFT_FUZZ needs clang++ (libFuzzer); this is ${CMAKE_CXX_COMPILER_ID}")
  endif()
  if(NOT _corothrift_sanitizers)
    set(_corothrift_sanitizers address,undefined)
  endif()
endif()

if(_corothrift_sanitizers)
  set(_corothrift_compile -fsanitize=${_corothrift_sanitizers} -fno-sanitize-recover=all
                          -fno-omit-frame-pointer)
  if(COROTHRIFT_FUZZ)
    # Coverage feedback from every library the targets reach; the fuzz programs themselves link
    # libFuzzer (fuzz/CMakeLists.txt). clang 14 cannot emit UBSan's `function` check (indirect
    # calls through a mistyped function pointer) together with coverage in some coroutines
    # ("Cannot represent a difference across sections", runtime/src/channel.cc): that one check
    # is left out of fuzz builds. (After -fsanitize=undefined, or that would turn it back on.)
    list(APPEND _corothrift_compile -fsanitize=fuzzer-no-link -fno-sanitize=function)
  endif()
  add_compile_options(${_corothrift_compile})
  add_link_options(-fsanitize=${_corothrift_sanitizers})
  list(JOIN _corothrift_compile " " COROTHRIFT_SANITIZER_FLAGS)
endif()
