// The hub's self-signed TLS identity (sync/tls/self_signed.h) and the kiosk's pin of it, through
// the production transport against an httplib::SSLServer on 127.0.0.1 serving that identity:
// the right pin connects, another hub's pin, no pin and a pin on plain HTTP do not.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include "core/util/files.h"
#include "sync/client/httplib_transport.h"
#include "sync/tls/certificate_pin.h"
#include "sync/tls/self_signed.h"
#include "tests/support/test_support.h"

namespace passerelle::kiosk {
namespace {

namespace fs = std::filesystem;
using sync::tls::ensure_self_signed;

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777u;
}

TEST(TlsIdentity, MadeOnceWithPrivateFilesAndTheSamePinAfterwards) {
  const testing::TempDir dir;
  const auto tls = dir.file("tls");
  auto made = ensure_self_signed(tls, "hub.example");
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_TRUE(made->created);
  EXPECT_TRUE(sync::tls::is_certificate_pin(made->pin)) << made->pin;
  EXPECT_EQ(mode_of(tls), 0700u);
  EXPECT_EQ(mode_of(made->private_key), 0600u);
  EXPECT_EQ(mode_of(made->certificate), 0600u);

  auto again = ensure_self_signed(tls, "hub.example");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->pin, made->pin);
  EXPECT_EQ(sync::tls::pin_of_certificate_file(made->certificate).value(), made->pin);
}

TEST(TlsIdentity, ACertificateLostIsMadeAgainFromTheKeySoThePinHolds) {
  const testing::TempDir dir;
  auto made = ensure_self_signed(dir.path(), "h");
  ASSERT_TRUE(made);
  fs::remove(made->certificate);
  auto remade = ensure_self_signed(dir.path(), "h");
  ASSERT_TRUE(remade) << remade.error().message;
  EXPECT_TRUE(remade->created);
  EXPECT_EQ(remade->pin, made->pin);
}

TEST(TlsIdentity, AKeyLostOrNotMatchingIsAnErrorNeverOverwritten) {
  const testing::TempDir one;
  const testing::TempDir other;
  auto first = ensure_self_signed(one.path(), "h");
  auto second = ensure_self_signed(other.path(), "h");
  ASSERT_TRUE(first && second);
  fs::copy_file(second->private_key, first->private_key, fs::copy_options::overwrite_existing);
  auto mismatched = ensure_self_signed(one.path(), "h");
  ASSERT_FALSE(mismatched);
  EXPECT_EQ(mismatched.error().code, Errc::invalid_input);
  EXPECT_NE(mismatched.error().message.find("does not belong"), std::string::npos) << mismatched.error().message;

  fs::remove(second->private_key);
  const std::string certificate = testing::read_file(second->certificate);
  auto lost = ensure_self_signed(other.path(), "h");
  ASSERT_FALSE(lost);
  EXPECT_NE(lost.error().message.find("restore the key"), std::string::npos) << lost.error().message;
  EXPECT_EQ(testing::read_file(second->certificate), certificate);
}

TEST(TlsIdentity, ASymlinkPlantedAtTheTemporaryNameIsNotFollowed) {
  const testing::TempDir dir;
  const auto victim = dir.file("victim");
  testing::write_file(victim, "precious");
  const auto tls = dir.file("tls");
  fs::create_directory(tls);
  fs::create_symlink(victim, temporary_path_for(tls / "key.pem"));
  auto made = ensure_self_signed(tls, "h");
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(testing::read_file(victim), "precious");
  EXPECT_EQ(mode_of(made->private_key), 0600u);
  EXPECT_FALSE(fs::is_symlink(made->private_key));
}

// An HTTPS server with a hub's identity, answering /v1/health, on a free loopback port.
class PinnedHub : public ::testing::Test {
 protected:
  void SetUp() override {
    auto identity = ensure_self_signed(dir_.file("hub-tls"), "127.0.0.1");
    ASSERT_TRUE(identity) << identity.error().message;
    identity_ = *identity;
    server_ = std::make_unique<httplib::SSLServer>(identity_.certificate.c_str(), identity_.private_key.c_str());
    ASSERT_TRUE(server_->is_valid());
    server_->Get("/v1/health", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("{\"status\":\"ok\"}", "application/json");
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    for (int i = 0; i < 5000 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  Result<HttpReply> health(const std::string& pin) {
    auto transport = make_httplib_transport(HubEndpoint{"https://127.0.0.1:" + std::to_string(port_), pin});
    if (!transport) return transport.error();
    return (*transport)->get_json("/v1/health", "");
  }

  testing::TempDir dir_;
  sync::tls::TlsIdentity identity_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(PinnedHub, TheEnrolledPinConnectsToASelfSignedHub) {
  auto reply = health(identity_.pin);
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->status, 200);
}

TEST_F(PinnedHub, AnotherKeyIsRefusedAndSaidSo) {
  auto impostor = ensure_self_signed(dir_.file("impostor"), "127.0.0.1");
  ASSERT_TRUE(impostor);
  auto reply = health(impostor->pin);
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, Errc::io);
  EXPECT_NE(reply.error().message.find("not the hub's this kiosk enrolled with"), std::string::npos)
      << reply.error().message;
}

TEST_F(PinnedHub, WithoutAPinASelfSignedHubIsNotTrusted) {
  auto reply = health("");
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().code, Errc::io);
}

TEST(PinnedTransport, APinOnPlainHttpIsRefused) {
  const std::string pin = "sha256//" + std::string(43, 'A') + "=";
  auto made = make_httplib_transport(HubEndpoint{"http://127.0.0.1:8080", pin});
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, Errc::invalid_input);
}

}  // namespace
}  // namespace passerelle::kiosk
