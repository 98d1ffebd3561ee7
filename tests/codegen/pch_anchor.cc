// The one source of generated_code_pch, the target that owns the precompiled
// runtime headers the build-check libraries reuse. It needs no code of its own.
namespace corothrift::pch_anchor {
[[maybe_unused]] constexpr int kUnused = 0;
}
