// Calendar dates as the API and the store carry them: "YYYY-MM-DD" text, which sorts as it reads.
#pragma once

#include <string_view>

namespace tandem {

/// True when `text` is exactly YYYY-MM-DD and names a real day of the Gregorian calendar.
bool is_calendar_date(std::string_view text);

}  // namespace tandem
