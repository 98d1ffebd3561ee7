// The one source of the targets that own precompiled headers (tests/CMakeLists.txt's
// corothrift_test_pch, tests/codegen's generated_code_pch): other targets reuse their
// headers, and they need no code of their own.
namespace corothrift::pch_anchor {
[[maybe_unused]] constexpr int kUnused = 0;
}
