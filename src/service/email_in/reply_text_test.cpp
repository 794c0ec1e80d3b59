#include "service/email_in/reply_text.h"

#include <gtest/gtest.h>

namespace tandem::service {

TEST(ReplyText, CutsBeforeReplyMarkers) {
  EXPECT_EQ(trim_quoted("Thanks!\n\nOn Mon, 1 Jan 2024 at 10:00, Ann <a@b.c> wrote:\n> old\n"), "Thanks!");
  EXPECT_EQ(trim_quoted("Thanks!\nOn Mon, 1 Jan 2024 at 10:00, Ann Example\n<a@b.c> wrote:\n> old"),
            "Thanks!");
  EXPECT_EQ(trim_quoted("Yes.\r\n-----Original Message-----\r\nFrom: x\r\n"), "Yes.");
  EXPECT_EQ(trim_quoted("Yes.\n\n----- Original Message -----\nold"), "Yes.");
  EXPECT_EQ(trim_quoted("Да.\n\n12.03.2024, 10:00, Иван Петров пишет:\n> старое"), "Да.");
  EXPECT_EQ(trim_quoted("Да.\n\nпн, 12 мар. 2024 г. в 10:00, Иван <i@x.ru>:\n> старое"), "Да.");
  EXPECT_EQ(trim_quoted("Да.\n\nВт, 12 марта 2024 г., 10:00 Иван написал(а):\n> старое"), "Да.");
  EXPECT_EQ(trim_quoted("Да.\n\n-------- Исходное сообщение --------\nold"), "Да.");
  EXPECT_EQ(trim_quoted("Ok.\n\nAm 01.01.2024 um 10:00 schrieb Hans:\n> alt"), "Ok.");
  EXPECT_EQ(trim_quoted("Ok.\n\nFrom: Support <s@x.com>\nSent: Monday\nTo: me\n"), "Ok.");
  EXPECT_EQ(trim_quoted("Ok.\n________________________________\nFrom: Support\n"), "Ok.");
  EXPECT_EQ(trim_quoted("Ok.\nОт: Поддержка\nОтправлено: понедельник\n"), "Ok.");
}

TEST(ReplyText, CutsSignaturesAndTrailingQuotes) {
  EXPECT_EQ(trim_quoted("Body\n\n-- \nAnn\nCEO"), "Body");
  EXPECT_EQ(trim_quoted("Body\r\n--\r\nAnn"), "Body");
  EXPECT_EQ(trim_quoted("Body\n> quoted\n>> more\n\n"), "Body");
}

TEST(ReplyText, KeepsTextWithoutMarkersAndWhatWouldBeEmpty) {
  EXPECT_EQ(trim_quoted("  Line one\n> inline quote\nLine two  \n"), "Line one\n> inline quote\nLine two");
  EXPECT_EQ(trim_quoted("From the start we knew: it works."), "From the start we knew: it works.");
  EXPECT_EQ(trim_quoted("-----Original Message-----\nonly the forward"),
            "-----Original Message-----\nonly the forward");
  EXPECT_EQ(trim_quoted(""), "");
  EXPECT_EQ(trim_quoted(" \n "), "");
}

}  // namespace tandem::service
