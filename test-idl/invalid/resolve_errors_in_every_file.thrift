// Every file is resolved and checked in one run, whatever the others hold;
// suggestions spell a name as it must be written from here.
include "include/typo_shared.thrift"

struct Holder {
  1: typo_shared.SharedStrcut a  # expected-error: unknown type 'typo_shared.SharedStrcut'; did you mean 'typo_shared.SharedStruct'?
  2: SharedStruct b              # expected-error: unknown type 'SharedStruct'; did you mean 'typo_shared.SharedStruct'?
  3: typo_shared.Level level = typo_shared.Level.HIHG  # expected-error: unknown constant 'typo_shared.Level.HIHG'; did you mean 'typo_shared.Level.HIGH'?
  0: i32 zero                    # expected-error: field id 0 of 'zero' is not allowed; ids start at 1
}
