#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "store/temp_database.h"

namespace tandem::app {

namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const char* name : {"TANDEM_LISTEN", "TANDEM_ACCESS_LOG", "TANDEM_MAX_BODY_BYTES"}) ::unsetenv(name);
  }
  std::string write_file(const std::string& text) {
    const auto path = (temp_.dir() / "tandem.toml").string();
    std::ofstream(path) << text;
    return path;
  }
  store::TempDatabase temp_{"config-test"};  // only for its temporary folder
};

}  // namespace

TEST_F(ConfigTest, DefaultsServeLocallyWithDataInDotData) {
  auto config = load_config(std::nullopt);
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->database_path(), "data/tandem.db");
  EXPECT_EQ(config->max_body_bytes, 1024u * 1024u);
}

TEST_F(ConfigTest, FileThenEnvironmentEachOverride) {
  const auto path = write_file(
      "[server]\nlisten = \"0.0.0.0:9000\"\nmax_body_bytes = 2048\naccess_log = false\n[store]\ndata_dir = "
      "\"/srv/t\"\n");
  auto from_file = load_config(path);
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  EXPECT_EQ(from_file->listen, "0.0.0.0:9000");
  EXPECT_EQ(from_file->max_body_bytes, 2048u);
  EXPECT_FALSE(from_file->access_log);
  EXPECT_EQ(from_file->data_dir, "/srv/t");

  ::setenv("TANDEM_LISTEN", "127.0.0.1:7000", 1);
  ::setenv("TANDEM_ACCESS_LOG", "on", 1);
  auto with_env = load_config(path);
  ASSERT_TRUE(with_env.ok());
  EXPECT_EQ(with_env->listen, "127.0.0.1:7000");
  EXPECT_TRUE(with_env->access_log);
}

TEST_F(ConfigTest, BadValuesNameWhereTheyAre) {
  auto bad_type = load_config(write_file("[server]\n\nmax_body_bytes = \"lots\"\n"));
  ASSERT_FALSE(bad_type.ok());
  EXPECT_NE(bad_type.error().message.find("tandem.toml:3: server.max_body_bytes"), std::string::npos)
      << bad_type.error().message;

  auto bad_syntax = load_config(write_file("[server\nlisten = 1\n"));
  ASSERT_FALSE(bad_syntax.ok());
  EXPECT_NE(bad_syntax.error().message.find("tandem.toml:1"), std::string::npos)
      << bad_syntax.error().message;

  ::setenv("TANDEM_MAX_BODY_BYTES", "-5", 1);
  auto bad_env = load_config(std::nullopt);
  ASSERT_FALSE(bad_env.ok());
  EXPECT_NE(bad_env.error().message.find("TANDEM_MAX_BODY_BYTES"), std::string::npos);

  EXPECT_FALSE(load_config(std::string("/nonexistent/tandem.toml")).ok());
}

TEST(ParseListen, SplitsHostAndPort) {
  EXPECT_EQ(parse_listen("127.0.0.1:8080").value(),
            std::make_pair(std::string("127.0.0.1"), std::uint16_t{8080}));
  EXPECT_EQ(parse_listen("[::1]:0").value(), std::make_pair(std::string("::1"), std::uint16_t{0}));
  EXPECT_FALSE(parse_listen("8080").ok());
  EXPECT_FALSE(parse_listen("host:99999").ok());
  EXPECT_FALSE(parse_listen("host:http").ok());
}

}  // namespace tandem::app
