#include "service/time/time_rules.h"

#include <gtest/gtest.h>

#include "service/time/time_settings.h"

namespace tandem::service {

namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(TimeRules, MeasuredTimeRoundsToTheNearestMinuteAndIsAtLeastOne) {
  EXPECT_EQ(minutes_of_elapsed(0), 1);
  EXPECT_EQ(minutes_of_elapsed(29'999), 1);
  EXPECT_EQ(minutes_of_elapsed(89'999), 1);
  EXPECT_EQ(minutes_of_elapsed(90'000), 2);
  EXPECT_EQ(minutes_of_elapsed(60 * 60'000 + 29'000), 60);
}

TEST(TimeRules, TheLifeCycleLocksApprovedTimesheets) {
  EXPECT_TRUE(timesheet_editable("draft"));
  EXPECT_TRUE(timesheet_editable("submitted"));
  EXPECT_TRUE(timesheet_editable("rejected"));
  EXPECT_FALSE(timesheet_editable("approved"));
  EXPECT_TRUE(timesheet_submittable("draft"));
  EXPECT_TRUE(timesheet_submittable("rejected"));
  EXPECT_FALSE(timesheet_submittable("submitted"));
  EXPECT_FALSE(timesheet_submittable("approved"));
  EXPECT_TRUE(timesheet_decidable("submitted"));
  EXPECT_FALSE(timesheet_decidable("draft"));
  EXPECT_FALSE(timesheet_decidable("rejected"));
  EXPECT_FALSE(timesheet_decidable("approved"));
}

TEST(TimeRules, MoneyIsKeptInCents) {
  EXPECT_EQ(cents_of(120.5, "rate").value(), 12050);
  EXPECT_FALSE(cents_of(-1, "rate").ok());
  EXPECT_EQ(cents_of(-1, "rate").error().details.at("field"), "rate");
  EXPECT_DOUBLE_EQ(amount_of_cents(12050), 120.5);
}

TEST(TimeRules, CsvReadsQuotedFieldsAndBothLineEnds) {
  const auto rows = parse_csv("a,b,c\r\n1,\"x, \"\"y\"\"\",\n\n\"multi\nline\",2,3");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows.value(), (Rows{{"a", "b", "c"}, {"1", "x, \"y\"", ""}, {"multi\nline", "2", "3"}}));
}

TEST(TimeRules, CsvRefusesAQuotedFieldThatNeverEnds) {
  const auto rows = parse_csv("a,b\n\"open,1\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().details.at("field"), "csv");
}

TEST(TimeRules, CsvFieldsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(parse_csv(csv_field("x,\"y\"\nz")).value(), (Rows{{"x,\"y\"\nz"}}));
}

TEST(TimeRules, CsvBooleans) {
  EXPECT_EQ(parse_csv_bool("Yes"), true);
  EXPECT_EQ(parse_csv_bool("1"), true);
  EXPECT_EQ(parse_csv_bool("FALSE"), false);
  EXPECT_EQ(parse_csv_bool("n"), false);
  EXPECT_EQ(parse_csv_bool("maybe"), std::nullopt);
}

TEST(TimeSettings, MissingMembersKeepTheirValuesAndUnknownOnesAreRefused) {
  auto settings =
      apply_time_settings(TimeSettings{}, {{"timer_concurrency", "single"}, {"assign_on_start", true}});
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings.value().concurrency, TimerConcurrency::single);
  EXPECT_TRUE(settings.value().assign_on_start);
  EXPECT_TRUE(settings.value().review_before_submit);
  EXPECT_EQ(time_settings_json(settings.value())["timer_concurrency"], "single");
  EXPECT_EQ(apply_time_settings(TimeSettings{}, {{"colour", true}}).error().details.at("field"), "colour");
  EXPECT_FALSE(apply_time_settings(TimeSettings{}, {{"assign_on_start", "yes"}}).ok());
  EXPECT_FALSE(apply_time_settings(TimeSettings{}, {{"timer_concurrency", "many"}}).ok());
}

}  // namespace

}  // namespace tandem::service
