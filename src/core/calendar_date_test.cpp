#include "core/calendar_date.h"

#include <gtest/gtest.h>

namespace tandem {

TEST(CalendarDate, AcceptsRealDaysOnly) {
  EXPECT_TRUE(is_calendar_date("2026-11-23"));
  EXPECT_TRUE(is_calendar_date("2024-02-29"));
  EXPECT_FALSE(is_calendar_date("2026-02-29"));
  EXPECT_FALSE(is_calendar_date("1900-02-29"));
  EXPECT_TRUE(is_calendar_date("2000-02-29"));
  EXPECT_FALSE(is_calendar_date("2026-13-01"));
  EXPECT_FALSE(is_calendar_date("2026-04-31"));
  EXPECT_FALSE(is_calendar_date("2026-1-01"));
  EXPECT_FALSE(is_calendar_date("2026-11-23T00:00"));
  EXPECT_FALSE(is_calendar_date(""));
}

}  // namespace tandem
