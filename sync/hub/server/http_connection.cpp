#include "sync/hub/server/http_connection.h"

#include <algorithm>
#include <array>
#include <boost/asio/execution.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <utility>

#include "sync/hub/server/body_reader.h"
#include "sync/hub/server/http_support.h"

namespace passerelle::hub {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using SteadyClock = std::chrono::steady_clock;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// After an early answer: how much of an unread body the connection drains (at most), and for how long,
// before it closes. Enough for the client to read the answer instead of a reset; far less than
// what a hostile sender would push.
constexpr std::size_t kDrainBytes = 1u << 20;
constexpr std::chrono::seconds kDrainTime{5};
// The least time an answer gets to be written, even when the request's deadline is near.
constexpr std::chrono::seconds kWriteGrace{5};

std::string text(beast::string_view view) {
  return std::string(view.data(), view.size());
}

std::string chunk(std::string_view payload) {
  char size[20];
  const int length = std::snprintf(size, sizeof size, "%zx\r\n", payload.size());
  std::string out(size, static_cast<std::size_t>(length));
  out.append(payload);
  out += "\r\n";
  return out;
}

template <class Stream>
class HttpConnection final : public Connection, public std::enable_shared_from_this<HttpConnection<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  HttpConnection(ServerShared& shared, Stream stream) : shared_(shared), stream_(std::move(stream)) { ++shared_.open; }

  ~HttpConnection() override {
    release_live();
    {
      std::lock_guard lock(shared_.registry_mutex);
      shared_.registry.erase(id_);
    }
    --shared_.open;
  }

  void start() {
    {
      std::lock_guard lock(shared_.registry_mutex);
      id_ = ++shared_.next_id;
      shared_.registry.emplace(id_, this->weak_from_this());
    }
    beast::error_code ec;
    const auto peer = tcp().socket().remote_endpoint(ec);
    from_loopback_ = !ec && peer.address().is_loopback();
    if (!ec) peer_ = peer.address().to_string();
    if constexpr (kTls) {
      tcp().expires_after(shared_.options.tls_handshake_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code error) {
                                if (error) return self->close();
                                self->read_request();
                              });
    } else {
      read_request();
    }
  }

  void shutdown() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->stopping_ = true;
      if (!self->busy_) self->close();
    });
  }

 private:
  beast::tcp_stream& tcp() { return beast::get_lowest_layer(stream_); }

  // Runs `job` on a worker, then `done(result)` back on this connection's strand. The work guard
  // keeps serve() from returning while a worker holds the connection's request.
  template <class Job, class Done>
  void on_worker(Job job, Done done) {
    auto guard = asio::prefer(stream_.get_executor(), asio::execution::outstanding_work.tracked);
    asio::post(shared_.workers, [self = this->shared_from_this(), job = std::move(job), done = std::move(done),
                                 guard = std::move(guard)]() mutable {
      auto result = job();
      asio::post(self->stream_.get_executor(),
                 [self, done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); });
    });
  }

  // ---- one request ---------------------------------------------------------------------------

  void read_request() {
    if (stopping_ || shared_.stopping) return close();
    busy_ = false;
    request_ = Request{};
    request_.from_loopback = from_loopback_;
    request_.over_tls = kTls;
    request_.peer = peer_;
    route_ = nullptr;
    principal_.reset();
    body_parser_.reset();
    header_parser_.emplace();
    header_parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
    // Beast would refuse a large Content-Length while reading the headers; check_body() decides,
    // after the token, and the body parser gets the route's limit.
    header_parser_->body_limit(std::uint64_t{1} << 62);
    if (buffer_.size() > 0) return read_header();
    // Idle until the first byte: the keep-alive deadline, not the request's.
    tcp().expires_after(shared_.options.keep_alive_idle);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = this->shared_from_this()](beast::error_code error, std::size_t n) {
                              if (error) return self->close();
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    busy_ = true;
    deadline_ = SteadyClock::now() + shared_.options.request_timeout;
    tcp().expires_at(deadline_);
    bhttp::async_read_header(stream_, buffer_, *header_parser_,
                             [self = this->shared_from_this()](beast::error_code error, std::size_t n) {
                               self->shared_.bytes_received += n;
                               self->on_header(error);
                             });
  }

  void on_header(beast::error_code error) {
    if (error == bhttp::error::header_limit)
      return refuse(431, "headers_too_large", "the request's headers are larger than the hub accepts");
    if (error == beast::error::timeout || error == bhttp::error::end_of_stream || error == asio::error::eof ||
        error == asio::error::connection_reset || error == asio::error::operation_aborted)
      return close();
    if (error) return refuse(400, "bad_request", "malformed HTTP request");

    const auto& head = header_parser_->get();
    request_.method = text(head.method_string());
    split_target(std::string_view(head.target().data(), head.target().size()), request_.path, request_.query);
    for (const auto& field : head) request_.headers.emplace_back(text(field.name_string()), text(field.value()));
    keep_alive_ = header_parser_->keep_alive();

    auto match = shared_.router.find(request_.method, request_.path);
    if (match.miss == Router::Miss::no_path) return refuse(404, "not_found", "no such resource or method");
    if (match.miss == Router::Miss::no_method) return refuse(405, "method_not_allowed", "no such resource or method");
    route_ = match.route;
    request_.path_params = std::move(match.params);

    // Enrolment and the pages' forms come before any token: small bodies, short deadlines.
    const bool enrolment = route_->body == BodyRule::enrolment || route_->body == BodyRule::form;
    limit_ = enrolment ? shared_.options.body.max_enrol_bytes : shared_.options.body.max_bytes;
    if (enrolment) deadline_ = std::min(deadline_, SteadyClock::now() + shared_.options.enrol_timeout);
    if (route_->access == Access::anyone) return check_body();
    // The token is checked before a byte of the body is read.
    on_worker(
        [this] {
          Response refusal;
          auto principal = http::authorise(shared_.store, request_, refusal, route_->access);
          return std::make_pair(std::move(principal), std::move(refusal));
        },
        [this](std::pair<std::optional<Principal>, Response> result) {
          if (!result.first) return answer(std::move(result.second), !header_parser_->is_done());
          principal_ = std::move(result.first);
          check_body();
        });
  }

  // What the headers say of the body, once the caller is known.
  void check_body() {
    const auto length = header_parser_->content_length();
    if (route_->body != BodyRule::none && !length && !header_parser_->chunked())
      return refuse(411, "length_required", "this call needs a body with Content-Length or chunked transfer");
    if (length && *length > limit_) {
      // An authenticated client a little over the limit (a kiosk's oversized batch) gets its body
      // drained so that it reads the 413 and keeps its connection usable; anyone else, 1 MiB.
      if (principal_ && *length <= 2 * limit_) drain_budget_ = *length + 64 * 1024;
      return refuse(413, "too_large", "the request body is larger than the hub accepts");
    }
    coding_ = content_coding(request_.header("Content-Encoding"));
    if (coding_ == ContentCoding::unsupported)
      return refuse(415, "unsupported_encoding", "bodies may be sent as identity, gzip or deflate only");
    read_body();
  }

  void read_body() {
    if (header_parser_->is_done()) return handle();
    const auto expect = request_.header("Expect");
    body_parser_.emplace(std::move(*header_parser_));
    body_parser_->body_limit(static_cast<std::uint64_t>(limit_));
    tcp().expires_at(deadline_);
    if (expect && (*expect == "100-continue" || *expect == "100-Continue")) {
      // curl waits for this before a large body; the headers passed every check.
      out_ = "HTTP/1.1 100 Continue\r\n\r\n";
      return asio::async_write(stream_, asio::buffer(out_),
                               [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                                 if (error) return self->close();
                                 self->read_body_now();
                               });
    }
    read_body_now();
  }

  void read_body_now() {
    bhttp::async_read(stream_, buffer_, *body_parser_,
                      [self = this->shared_from_this()](beast::error_code error, std::size_t n) {
                        self->shared_.bytes_received += n;
                        self->on_body(error);
                      });
  }

  void on_body(beast::error_code error) {
    if (error == bhttp::error::body_limit)
      return refuse(413, "too_large", "the request body is larger than the hub accepts");
    if (error == beast::error::timeout || error == bhttp::error::end_of_stream || error == asio::error::eof ||
        error == asio::error::connection_reset || error == asio::error::operation_aborted ||
        error == bhttp::error::partial_message)
      return close();
    if (error) return refuse(400, "bad_request", "malformed request body");
    request_.body = std::move(body_parser_->get().body());
    handle();
  }

  // The handler's answer reaches the strand exactly once, from whichever thread gives it: the
  // worker that ran the handler, or (a deferred handler) the store's writer after its commit.
  // Dropped without an answer, it answers 500. It holds the connection and the work guard that
  // keeps serve() from returning while the request is out.
  class PendingAnswer {
   public:
    explicit PendingAnswer(std::shared_ptr<HttpConnection> connection)
        : connection_(std::move(connection)),
          guard_(asio::prefer(connection_->stream_.get_executor(), asio::execution::outstanding_work.tracked)) {}
    PendingAnswer(const PendingAnswer&) = delete;
    PendingAnswer& operator=(const PendingAnswer&) = delete;
    ~PendingAnswer() {
      if (sent_.exchange(true)) return;
      Response response;
      http::send_error(response, 500, "internal", "the hub failed on this request");
      deliver(std::move(response));
    }

    void send(Response response) {
      if (sent_.exchange(true)) return;
      deliver(std::move(response));
    }

   private:
    void deliver(Response response) {
      asio::post(connection_->stream_.get_executor(),
                 [connection = connection_, response = std::move(response)]() mutable {
                   connection->finish(std::move(response));
                 });
    }

    std::shared_ptr<HttpConnection> connection_;
    decltype(asio::prefer(std::declval<Stream&>().get_executor(), asio::execution::outstanding_work.tracked)) guard_;
    std::atomic<bool> sent_{false};
  };

  void handle() {
    auto pending = std::make_shared<PendingAnswer>(this->shared_from_this());
    asio::post(shared_.workers, [this, pending] {
      try {
        Response refusal;
        if (!inflate_body(refusal)) return pending->send(std::move(refusal));
        const Principal* principal = principal_ ? &*principal_ : nullptr;
        if (route_->deferred) {
          route_->deferred(request_, principal, [pending](Response response) { pending->send(std::move(response)); });
        } else {
          Response response;
          route_->handler(request_, principal, response);
          pending->send(std::move(response));
        }
      } catch (const std::exception& exception) {
        std::cerr << "passerelle-hub: " << request_.method << " " << request_.path << ": " << exception.what() << "\n";
        // Ignored if the handler had answered before it threw.
        Response response;
        http::send_error(response, 500, "internal", "the hub failed on this request");
        pending->send(std::move(response));
      } catch (...) {
        Response response;
        http::send_error(response, 500, "internal", "the hub failed on this request");
        pending->send(std::move(response));
      }
    });
  }

  // On a worker: inflates a compressed body in place, within the body limit. False: `refusal` says why.
  bool inflate_body(Response& refusal) {
    if (coding_ != ContentCoding::compressed) return true;
    switch (inflate_bounded(request_.body, limit_)) {
      case Inflated::ok:
        return true;
      case Inflated::too_large:
        http::send_error(refusal, 413, "too_large", "the request body inflates to more than the hub accepts");
        return false;
      case Inflated::corrupt:
        http::send_error(refusal, 400, "bad_request", "the compressed body is corrupt");
        return false;
    }
    return false;
  }

  void finish(Response response) {
    if (response.live) return start_live(std::move(*response.live));
    answer(std::move(response), false);
  }

  // An answer given on the headers: the body, if any, stays unread, so the connection closes.
  void refuse(int status, std::string_view code, std::string_view message) {
    Response response;
    http::send_error(response, status, code, message);
    const bool unread = body_parser_ ? !body_parser_->is_done() : header_parser_ && !header_parser_->is_done();
    answer(std::move(response), unread || status == 400 || status == 431);
  }

  void answer(Response response, bool close_after) {
    auto message =
        std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(response.status), 11);
    message->set(bhttp::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) message->set(name, value);
    message->body() = std::move(response.body);
    ++served_;
    const bool again =
        !close_after && keep_alive_ && !stopping_ && !shared_.stopping && served_ < shared_.options.keep_alive_requests;
    message->keep_alive(again);
    message->prepare_payload();
    tcp().expires_at(std::max(deadline_, SteadyClock::now() + kWriteGrace));
    bhttp::async_write(
        stream_, *message,
        [self = this->shared_from_this(), message, again, close_after](beast::error_code error, std::size_t) {
          if (error) return self->close();
          if (again) return self->read_request();
          if (close_after) return self->drain();
          self->close();
        });
  }

  // Half-closes and reads (and discards) a little of what the client still sends, so that it
  // reads our answer rather than a reset; then closes. Reads the raw socket, TLS or not.
  void drain() {
    beast::error_code ignored;
    tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    tcp().expires_after(kDrainTime);
    drain_more();
  }

  void drain_more() {
    tcp().async_read_some(asio::buffer(scratch_),
                          [self = this->shared_from_this()](beast::error_code error, std::size_t n) {
                            self->shared_.bytes_received += n;
                            self->drained_ += n;
                            if (error || self->drained_ >= self->drain_budget_) return self->close();
                            self->drain_more();
                          });
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    release_live();  // now, not when the last pending handler lets go of the connection
    if (subscription_) shared_.signal.unsubscribe(*subscription_);
    subscription_.reset();
    if (timer_) timer_->cancel();
    beast::error_code ignored;
    tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    tcp().close();
  }

  void release_live() {
    if (live_ && !live_released_) shared_.live_limits.release(live_->owner);
    live_released_ = true;
  }

  // ---- a live stream: no thread held, rounds on the worker pool, waits on a timer ---------------

  void start_live(LiveStreamStart start) {
    switch (shared_.live_limits.acquire(start.owner)) {
      case LiveStreamLimits::Admit::ok:
        break;
      case LiveStreamLimits::Admit::owner_full:
        return refuse(429, "too_many_streams",
                      "this device (or account) has as many live streams open as the hub allows");
      case LiveStreamLimits::Admit::server_full:
        return refuse(503, "too_many_streams", "the hub has as many live streams open as it allows; try again later");
    }
    live_ = std::move(start);
    last_id_ = live_->after;
    busy_ = false;  // stop() may close a stream at any time
    timer_.emplace(stream_.get_executor());
    std::weak_ptr<HttpConnection> weak = this->shared_from_this();
    subscription_ = shared_.signal.subscribe([weak] {
      if (auto self = weak.lock()) {
        asio::post(self->stream_.get_executor(), [self] {
          if (self->timer_) self->timer_->cancel();
        });
      }
    });
    // Detects the client leaving; a stream's client sends nothing, whatever comes is dropped.
    tcp().expires_never();
    watch_client();
    live_write(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
        "X-Accel-Buffering: no\r\nTransfer-Encoding: chunked\r\n\r\n" +
        chunk(kLiveStreamPreamble));
  }

  void watch_client() {
    stream_.async_read_some(asio::buffer(scratch_),
                            [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                              if (error) return self->close();
                              self->watch_client();
                            });
  }

  void live_write(std::string payload) {
    if (closed_) return;
    out_ = std::move(payload);
    last_write_ = SteadyClock::now();
    tcp().expires_after(shared_.options.live_write_timeout);
    asio::async_write(stream_, asio::buffer(out_),
                      [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                        if (error) return self->close();
                        self->live_round();
                      });
  }

  void live_round() {
    if (closed_) return;
    if (stopping_ || shared_.signal.closed()) return close();
    generation_ = shared_.signal.generation();
    on_worker([this] { return live_round_on_worker(*live_->source, last_id_); },
              [this](LiveRound round) {
                if (closed_) return;
                if (round.end) return close();
                last_id_ = round.last_id;
                if (!round.text.empty()) return live_write(chunk(round.text));
                if (SteadyClock::now() - last_write_ >= shared_.options.live.keep_alive)
                  return live_write(chunk(kLiveStreamKeepAlive));
                live_wait();
              });
  }

  void live_wait() {
    if (closed_) return;
    if (shared_.signal.generation() != generation_) return live_round();  // woken while reading
    const auto& live = shared_.options.live;
    const auto until_keep_alive =
        live.keep_alive - std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - last_write_);
    timer_->expires_after(std::max(std::chrono::milliseconds(1), std::min(live.recheck, until_keep_alive)));
    timer_->async_wait([self = this->shared_from_this()](beast::error_code) { self->live_round(); });
  }

  static LiveRound live_round_on_worker(LiveSource& source, std::int64_t last_id) {
    try {
      return source.round(last_id);
    } catch (const std::exception& exception) {
      std::cerr << "passerelle-hub: live stream: " << exception.what() << "\n";
      return LiveRound{true, {}, last_id};
    }
  }

  ServerShared& shared_;
  Stream stream_;
  std::uint64_t id_ = 0;
  bool from_loopback_ = false;
  std::string peer_;
  beast::flat_buffer buffer_;
  std::array<char, 16 * 1024> scratch_{};

  // The request in progress.
  std::optional<bhttp::request_parser<bhttp::empty_body>> header_parser_;
  std::optional<bhttp::request_parser<bhttp::string_body>> body_parser_;
  Request request_;
  const Route* route_ = nullptr;
  std::optional<Principal> principal_;
  SteadyClock::time_point deadline_{};
  std::size_t limit_ = 0;
  ContentCoding coding_ = ContentCoding::identity;
  bool keep_alive_ = false;
  std::size_t served_ = 0;
  std::size_t drained_ = 0;
  std::size_t drain_budget_ = kDrainBytes;
  bool busy_ = false;  // between a request's first byte and its answer
  bool stopping_ = false;
  bool closed_ = false;

  // The live stream, once started.
  std::optional<LiveStreamStart> live_;
  bool live_released_ = false;
  std::optional<asio::steady_timer> timer_;
  std::optional<std::uint64_t> subscription_;
  std::int64_t last_id_ = 0;
  std::uint64_t generation_ = 0;
  SteadyClock::time_point last_write_{};
  std::string out_;
};

}  // namespace

void start_connection(ServerShared& shared, asio::ip::tcp::socket socket) {
  beast::error_code ignored;
  socket.set_option(asio::ip::tcp::no_delay(true), ignored);  // small answers, sent at once
  if (shared.tls) {
    auto connection = std::make_shared<HttpConnection<TlsStream>>(
        shared, TlsStream(beast::tcp_stream(std::move(socket)), *shared.tls));
    connection->start();
  } else {
    auto connection = std::make_shared<HttpConnection<PlainStream>>(shared, PlainStream(std::move(socket)));
    connection->start();
  }
}

void shutdown_connections(ServerShared& shared) {
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(shared.registry_mutex);
    for (auto& [id, weak] : shared.registry) {
      if (auto connection = weak.lock()) open.push_back(std::move(connection));
    }
  }
  for (auto& connection : open) connection->shutdown();
}

}  // namespace passerelle::hub
