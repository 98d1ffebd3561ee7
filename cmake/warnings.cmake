# corothrift_warnings(<target>): the warning set every target of ours builds with.
# -Werror is added when COROTHRIFT_WERROR is on (CI turns it on).
function(corothrift_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(COROTHRIFT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
