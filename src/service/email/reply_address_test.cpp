#include "service/email/reply_address.h"

#include <gtest/gtest.h>

#include "store/temp_database.h"

namespace tandem::service {
namespace {

TEST(ReplyAddress, CarriesTheItemNumberAndAToken) {
  const std::string address = reply_address("support@example.com", 1042, "secret");
  EXPECT_TRUE(address.starts_with("support+1042-")) << address;
  EXPECT_TRUE(address.ends_with("@example.com")) << address;
  EXPECT_EQ(item_number_of_reply_address(address, "secret"), 1042);
}

TEST(ReplyAddress, IsReadBackWhateverTheCase) {
  std::string address = reply_address("support@example.com", 7, "secret");
  std::transform(address.begin(), address.end(), address.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  EXPECT_EQ(item_number_of_reply_address(address, "secret"), 7);
}

TEST(ReplyAddress, AWrongTokenOrAnotherNumberIsNotAReplyAddress) {
  const std::string address = reply_address("support@example.com", 1042, "secret");
  EXPECT_EQ(item_number_of_reply_address(address, "another secret"), std::nullopt);
  std::string other = address;
  other.replace(other.find("1042"), 4, "1043");
  EXPECT_EQ(item_number_of_reply_address(other, "secret"), std::nullopt);
  EXPECT_EQ(item_number_of_reply_address("support@example.com", "secret"), std::nullopt);
  EXPECT_EQ(item_number_of_reply_address("support+x-y@example.com", "secret"), std::nullopt);
  EXPECT_EQ(item_number_of_reply_address("support+-1-abc@example.com", "secret"), std::nullopt);
}

TEST(ReplyAddress, TheStoreHasASecretOfItsOwn) {
  store::TempDatabase temp("reply-address-test");
  std::string secret;
  ASSERT_TRUE(temp.db()
                  .read([&](store::Txn& txn) -> Status {
                    TANDEM_ASSIGN(secret, load_mail_secret(txn));
                    return {};
                  })
                  .ok());
  EXPECT_EQ(secret.size(), 64u);
}

TEST(MessageId, IsUniqueAndNamesTheItem) {
  const std::string a = new_message_id(5, "example.com");
  EXPECT_TRUE(a.starts_with("tandem.5.")) << a;
  EXPECT_TRUE(a.ends_with("@example.com")) << a;
  EXPECT_NE(a, new_message_id(5, "example.com"));
}

}  // namespace
}  // namespace tandem::service
