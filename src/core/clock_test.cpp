#include "core/clock.h"

#include <gtest/gtest.h>

namespace tandem {

TEST(Iso8601, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(1795426200123), "2026-11-23T09:30:00.123Z");
  EXPECT_EQ(format_iso8601(253402300799999), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_iso8601(253402300800000), "10000-01-01T00:00:00.000Z");
}

TEST(Iso8601, ParsesWhatItFormats) {
  for (TimestampMs ms : {0LL, 1795426200123LL, 951782400000LL /* 2000-02-29 */}) {
    auto parsed = parse_iso8601(format_iso8601(ms));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, ms);
  }
  EXPECT_EQ(parse_iso8601("2026-11-23T09:30:00Z"), 1795426200000);
  EXPECT_EQ(parse_iso8601("2026-11-23T09:30:00.5+00:00"), 1795426200500);
}

TEST(Iso8601, RejectsMalformedText) {
  for (const char* bad :
       {"", "2026-11-23", "2026-13-01T00:00:00Z", "2026-11-23T25:00:00Z", "2026-11-23T09:30:00",
        "2026-11-23T09:30:00+02:00", "2026-11-23T09:30:00.Z", "abcd-ef-ghTij:kl:mnZ"})
    EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
}

TEST(FakeClock, MovesOnlyWhenTold) {
  FakeClock clock(1000);
  EXPECT_EQ(clock.now_ms(), 1000);
  clock.advance_ms(500);
  EXPECT_EQ(clock.now_ms(), 1500);
}

}  // namespace tandem
