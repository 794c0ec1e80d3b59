// The pure rules of time tracking: measured time to minutes, the approval life cycle, money, and the CSV
// text timesheets are imported from. No I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tandem::service {

/// Whole minutes of a measured `elapsed_ms`, rounded to the nearest minute and at least 1.
std::int64_t minutes_of_elapsed(std::int64_t elapsed_ms);

/// True when a timesheet in `status` may be changed or deleted: draft, submitted and rejected ones;
/// approved ones are locked.
bool timesheet_editable(std::string_view status);
/// True when a timesheet in `status` may be submitted for approval: drafts and rejected ones.
bool timesheet_submittable(std::string_view status);
/// True when a timesheet in `status` waits for a decision (approve or reject): submitted ones.
bool timesheet_decidable(std::string_view status);

/// `amount` of money (e.g. an hourly rate of 120.5) in cents. Errors: validation_failed (negative, not
/// finite, or above 1,000,000,000).
Result<std::int64_t> cents_of(double amount, std::string_view field);
/// Cents as an amount of money (12050 → 120.5).
double amount_of_cents(std::int64_t cents);

/// A CSV text (RFC 4180: commas, double quotes doubling inside quoted fields, CRLF or LF line ends) as
/// rows of fields. Blank lines are skipped. Errors: validation_failed (a quoted field that never ends).
Result<std::vector<std::vector<std::string>>> parse_csv(std::string_view text);
/// `field` quoted for CSV when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view field);
/// A CSV boolean: true/yes/1/y and false/no/0/n (any case); nullopt otherwise.
std::optional<bool> parse_csv_bool(std::string_view text);

}  // namespace tandem::service
