#include "core/clock.h"

#include <charconv>

namespace tandem {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Writes `value` (>= 0) as `width` digits, zero-padded, ending just before `end`.
void put_digits(char* end, int width, long long value) {
  for (int i = 0; i < width; ++i, value /= 10) *--end = static_cast<char>('0' + value % 10);
}

bool read_number(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  const char* begin = text.data() + pos;
  auto [ptr, ec] = std::from_chars(begin, begin + len, out);
  return ec == std::errc() && ptr == begin + len;
}

}  // namespace

TimestampMs SystemClock::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_iso8601(TimestampMs ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> tp{milliseconds{ms}};
  const auto day = floor<days>(tp);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> hms{tp - day};
  const int year = static_cast<int>(ymd.year());
  std::string out = "0000";
  if (year >= 0 && year <= 9999)
    put_digits(out.data() + 4, 4, year);
  else
    out = std::to_string(year);
  out += "-00-00T00:00:00.000Z";
  char* rest = out.data() + out.size() - 20;  // at the '-' after the year
  put_digits(rest + 3, 2, static_cast<unsigned>(ymd.month()));
  put_digits(rest + 6, 2, static_cast<unsigned>(ymd.day()));
  put_digits(rest + 9, 2, hms.hours().count());
  put_digits(rest + 12, 2, hms.minutes().count());
  put_digits(rest + 15, 2, hms.seconds().count());
  put_digits(rest + 19, 3, hms.subseconds().count());
  return out;
}

std::optional<TimestampMs> parse_iso8601(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
      text[13] != ':' || text[16] != ':')
    return std::nullopt;
  if (!read_number(text, 0, 4, year) || !read_number(text, 5, 2, month) || !read_number(text, 8, 2, day) ||
      !read_number(text, 11, 2, hour) || !read_number(text, 14, 2, minute) ||
      !read_number(text, 17, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  std::size_t pos = 19;
  int millis = 0;
  if (text[pos] == '.') {
    std::size_t end = pos + 1;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == pos + 1) return std::nullopt;
    std::string digits(text.substr(pos + 1, end - pos - 1));
    digits.resize(3, '0');
    millis = std::stoi(digits);
    pos = end;
  }
  const std::string_view zone = text.substr(pos);
  if (zone != "Z" && zone != "+00:00") return std::nullopt;
  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60000LL + second * 1000LL + millis;
}

}  // namespace tandem
