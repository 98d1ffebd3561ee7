#include <corothrift/log.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace corothrift {
namespace {

std::vector<std::string> g_messages;

void collect(LogLevel, std::string_view message) { g_messages.emplace_back(message); }

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_messages.clear();
    set_log_sink(&collect);
  }
  void TearDown() override {
    set_log_sink(nullptr);
    set_log_level(LogLevel::kInfo);
  }
};

TEST_F(LogTest, FormatsMessagesIntoTheSink) {
  log(LogLevel::kError, "{} + {} = {}", 1, 2, 3);
  ASSERT_EQ(g_messages.size(), 1u);
  EXPECT_EQ(g_messages[0], "1 + 2 = 3");
}

TEST_F(LogTest, DropsMessagesBelowTheLevel) {
  set_log_level(LogLevel::kWarn);
  log(LogLevel::kInfo, "quiet");
  log(LogLevel::kWarn, "loud");
  EXPECT_EQ(g_messages, std::vector<std::string>{"loud"});
}

TEST_F(LogTest, OffSilencesEverything) {
  set_log_level(LogLevel::kOff);
  log(LogLevel::kError, "nothing");
  EXPECT_TRUE(g_messages.empty());
}

}  // namespace
}  // namespace corothrift
