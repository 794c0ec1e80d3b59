// What is new in a reply: the text above the first reply marker. Mail clients quote the whole earlier
// conversation below such a marker, and senders sign below "-- "; neither belongs in the ticket (the full
// message stays attached as an .eml file).
#pragma once

#include <string>
#include <string_view>

namespace tandem::service {

/// `text` cut before the first reply marker — "On … wrote:" (also split over two lines), "… пишет:",
/// "… написал(а):", "<date>, <name> <address>:", "… schrieb:", "… a écrit :", "-----Original Message-----",
/// "Исходное сообщение", an Outlook "From:" header block, the signature line "-- " — and without trailing ">"
/// quoted lines. When nothing would be left, `text` trimmed.
std::string trim_quoted(std::string_view text);

}  // namespace tandem::service
