// "did you mean": which defined name an unknown one is a plausible typo of.
#include <gtest/gtest.h>

#include "suggest.h"

namespace corothrift::idl {
namespace {

TEST(NearestName, ASwapOfNeighboursIsOneEdit) {
  // Short names pass with one edit only: a swap must count as one.
  EXPECT_EQ(nearest_name("Nmae", {"Name"}), "Name");
  // And it is closer than two replacements.
  EXPECT_EQ(nearest_name("Entyr", {"Enters", "Entry"}), "Entry");
}

TEST(NearestName, InsertionsDeletionsAndReplacementsAreOneEditEach) {
  EXPECT_EQ(nearest_name("Persn", {"Person"}), "Person");
  EXPECT_EQ(nearest_name("Perrson", {"Person"}), "Person");
  EXPECT_EQ(nearest_name("Persen", {"Person"}), "Person");
}

TEST(NearestName, CaseAloneIsTheClosestDifference) {
  // "Entry" differs only in case; "entri" is one real edit away.
  EXPECT_EQ(nearest_name("entry", {"entri", "Entry"}), "Entry");
  EXPECT_EQ(nearest_name("x", {"X", "y"}), "X");
}

TEST(NearestName, HowManyEditsPassDependsOnTheLength) {
  EXPECT_EQ(nearest_name("Costumer", {"Customer"}), "Customer");  // two edits, long name
  EXPECT_EQ(nearest_name("Cstmr", {"Customer"}), "");             // three
  EXPECT_EQ(nearest_name("Ab", {"Xy"}), "");                      // two, short name
  EXPECT_EQ(nearest_name("Ab", {"Ac"}), "Ac");                    // one
  EXPECT_EQ(nearest_name("a", {"b"}), "");                        // one letter: case only
}

TEST(NearestName, AnUnqualifiedNameMatchesTheLastComponentOfAQualifiedOne) {
  EXPECT_EQ(nearest_name("SharedStruct", {"shared.SharedStruct"}), "shared.SharedStruct");
  EXPECT_EQ(nearest_name("GREN", {"Color.GREEN"}), "Color.GREEN");
  // A local name beats one from elsewhere at the same distance.
  EXPECT_EQ(nearest_name("Entyr", {"other.Entry", "Entry"}), "Entry");
  // A qualified name is compared whole.
  EXPECT_EQ(nearest_name("shared.SharedStrcut", {"shared.SharedStruct"}), "shared.SharedStruct");
}

TEST(NearestName, NeverTheNameItselfAndTiesGoToTheAlphabeticallyFirst) {
  EXPECT_EQ(nearest_name("Entry", {"Entry"}), "");
  EXPECT_EQ(nearest_name("Cat", {"Cut", "Bat"}), "Bat");
}

TEST(DidYouMean, SaysNothingWithoutACandidate) {
  EXPECT_EQ(did_you_mean("Entyr", {"Entry"}), "; did you mean 'Entry'?");
  EXPECT_EQ(did_you_mean("Completely", {"Entry"}), "");
}

}  // namespace
}  // namespace corothrift::idl
