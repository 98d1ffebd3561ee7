/**
 * A documented struct.
 *
 * With two paragraphs.
 */
struct Documented {
  /** The first field. */
  1: i32 first
  // A plain comment is not documentation.
  2: i32 second
  /** Kept across a plain comment. */
  // plain
  3: i32 third
}

/** An enum. */
enum Documentation {
  /** A value. */
  VALUE = 1
}

/** A constant. */
const i32 DOCUMENTED = 1

/** A typedef. */
typedef i32 DocumentedInt

/** A service. */
service DocumentedService {
  /** A function. */
  void call(/** A parameter. */ 1: i32 arg)
}
