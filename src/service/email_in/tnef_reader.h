// Outlook's TNEF container (winmail.dat, application/ms-tnef, MS-OXTNEF): the files and the body it
// carries. Every read is bounds-checked: truncated or garbage input yields what was read before the damage,
// never a crash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "service/email_in/mail_parser.h"

namespace tandem::service {

/// What a TNEF stream carries.
struct TnefContent {
  std::string text;                         // the plain body (attBody or PR_BODY), UTF-8; empty when absent
  std::string html;                         // the HTML body (PR_BODY_HTML), UTF-8; empty when absent
  std::vector<MailAttachment> attachments;  // the files, named by their long file name when there is one
};

/// Whether `bytes` start with the TNEF signature.
bool is_tnef(std::string_view bytes);

/// The body and files of a TNEF stream. Input that is not TNEF gives nothing; a damaged stream gives what
/// was read before the damage (an attachment without data is dropped). Thread-safe.
TnefContent read_tnef(std::string_view bytes);

}  // namespace tandem::service
