#include "service/email_in/loop_guard.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace tandem::service {

namespace {

// The local part without a +suffix, and the domain, of a lower-case address.
std::pair<std::string_view, std::string_view> parts_of(std::string_view address) {
  const auto at = address.rfind('@');
  std::string_view local = address.substr(0, at);
  local = local.substr(0, local.find('+'));
  return {local, at == std::string_view::npos ? std::string_view() : address.substr(at + 1)};
}

}  // namespace

bool never_answered(std::string_view address, const std::vector<std::string>& inbound_addresses) {
  if (address.empty()) return true;
  const auto [local, domain] = parts_of(address);
  static constexpr std::array<std::string_view, 8> kMachines = {"mailer-daemon", "postmaster", "noreply",
                                                                "no-reply",      "no_reply",   "donotreply",
                                                                "do-not-reply",  "bounce"};
  if (std::find(kMachines.begin(), kMachines.end(), local) != kMachines.end()) return true;
  return std::any_of(inbound_addresses.begin(), inbound_addresses.end(), [&](const std::string& inbound) {
    return parts_of(inbound) == std::pair{local, domain};
  });
}

bool auto_reply_allowed(const ParsedMail& mail, const std::vector<std::string>& inbound_addresses,
                        bool ours) {
  if (!mail.auto_submitted.empty() && mail.auto_submitted != "no") return false;
  static constexpr std::array<std::string_view, 4> kBulk = {"bulk", "junk", "list", "auto_reply"};
  if (std::find(kBulk.begin(), kBulk.end(), mail.precedence) != kBulk.end()) return false;
  if (mail.list_mail || mail.auto_response) return false;
  if (ours || mail.message_id.rfind("tandem.", 0) == 0) return false;
  return !never_answered(mail.from_address, inbound_addresses);
}

std::int64_t subject_item_number(std::string_view subject) {
  for (auto at = subject.find("[#"); at != std::string_view::npos; at = subject.find("[#", at + 2)) {
    const auto close = subject.find(']', at);
    if (close == std::string_view::npos) return 0;
    std::int64_t number = 0;
    const char* first = subject.data() + at + 2;
    const char* last = subject.data() + close;
    const auto [end, error] = std::from_chars(first, last, number);
    if (error == std::errc() && end == last && number > 0) return number;
  }
  return 0;
}

}  // namespace tandem::service
