// The hub's HTTP API as a route table, independent of the transport: handlers take our own small
// Request and Response, so that the routes (api_routes.cpp) never see Beast, Asio or sockets and
// the connection (http_connection.cpp) never sees JSON or the store.
//
// A route says, besides its handler, what the connection must check BEFORE it reads a body: who
// may call it (the token is checked on the headers alone, so that an unauthenticated sender never
// gets to stream a body) and whether a body is expected and how large it may be.
//
// Ownership: a Router owns its routes; handlers capture what they need (api_routes.cpp captures
// the HubStore and the Clock, which outlive the server).
// Threads: built once before serving, then read-only: find() may run on any thread at once.
// Handlers run on the server's worker threads, several at once; a deferred handler's reply may
// come from any thread, after the handler returned, and the Request stays valid until it does.
// Failure: handlers answer with a status and the JSON error shape; they do not throw by contract,
// and the connection answers 500 if one does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sync/hub/store/hub_store.h"

namespace passerelle::hub {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;                    // "GET", "POST", ...
  std::string path;                      // the target without its query, not decoded
  HeaderList query;                      // decoded names and values, in order
  HeaderList headers;                    // as received
  std::vector<std::string> path_params;  // what the route's "{n}" segments matched
  std::string body;                      // decoded (de-chunked, inflated), within the limits
  bool from_loopback = false;
  bool over_tls = false;
  std::string peer;  // the client's address as the socket gives it ("127.0.0.1", "::1")

  // Case-insensitive; the first of that name.
  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string_view> param(std::string_view name) const;
};

// One round of a live stream's work (blocking store calls, run on a worker thread).
struct LiveRound {
  bool end = false;      // the credential no longer passes, or the store failed for good
  std::string text;      // events to send, possibly empty
  std::int64_t last_id;  // the position after them
};

// What a live stream sends (live_stream.h): the kiosks' entries, or the live view's figures. The
// connection calls round() again after each write and after each wait; rounds of one stream never
// overlap, so a source may keep its own state between them. Each round re-checks the stream's
// credential (a token, a web session), so that a revoked one loses its stream.
class LiveSource {
 public:
  virtual ~LiveSource() = default;
  virtual LiveRound round(std::int64_t last_id) = 0;
};

// What turns an answer into a live stream: the connection keeps the socket and sends what the
// source gives.
struct LiveStreamStart {
  std::int64_t after = 0;
  std::string owner;  // what the per-owner cap counts: the device id, the organiser's token, the account
  std::shared_ptr<LiveSource> source;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body;
  HeaderList headers;
  std::optional<LiveStreamStart> live;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// Who may call a route; checked on the headers, before the body. `web`: a web session's cookie
// (docs/LIVE_VIEW.md), which bearer tokens do not replace.
enum class Access { anyone, device, organiser, either, web };

enum class BodyRule {
  none,       // GET: a body, if sent, is read within the normal limit and ignored
  required,   // POST: 411 without Content-Length or chunked; the server's body limit
  enrolment,  // POST /v1/enrol: required, but capped small and with a short deadline (no token)
  form,       // a page's form (login, logout): as enrolment, a small body with a short deadline
};

using Handler = std::function<void(const Request&, const Principal*, Response&)>;
// Where a deferred handler's answer goes. Call it once, from any thread (the store's writer calls
// it after its commit); later calls are ignored, and dropping every copy uncalled answers 500.
using Reply = std::function<void(Response)>;
// A handler whose answer waits on something that must not hold a worker (the upload waits for a
// group commit): it returns once the wait is queued, and the answer goes to `reply`.
using DeferredHandler = std::function<void(const Request&, const Principal*, Reply)>;

struct Route {
  std::string method;
  // "/v1/events/{n}/live": "{n}" matches one segment of decimal digits, "{f}" one file name
  // (letters, digits, '.', '_' and '-', not starting with '.').
  std::string pattern;
  Access access = Access::anyone;
  BodyRule body = BodyRule::none;
  Handler handler;           // one of these two
  DeferredHandler deferred;  // set: used instead of `handler`
};

class Router {
 public:
  void add(Route route);

  enum class Miss { none, no_path, no_method };
  struct Match {
    const Route* route = nullptr;  // set when miss == none
    Miss miss = Miss::none;
    std::vector<std::string> params;
  };
  Match find(std::string_view method, std::string_view path) const;

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b?x=1&y=%20" into the path and decoded query parameters ('+' is a space, as forms
// and cpp-httplib's client send it).
void split_target(std::string_view target, std::string& path, HeaderList& query);

}  // namespace passerelle::hub
