#include "sync/hub/cli/secret_input.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <ostream>

namespace passerelle::hub {
namespace {

// Echo off while a secret is typed at a terminal, restored however the read ends.
class NoEcho {
 public:
  NoEcho() {
    if (::isatty(STDIN_FILENO) == 0 || ::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~NoEcho() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

}  // namespace

bool standard_input_is_terminal() {
  return ::isatty(STDIN_FILENO) != 0;
}

Result<std::string> read_secret_line(std::ostream& prompt, std::string_view question, std::size_t max_bytes,
                                     std::string_view too_long, std::string_view none) {
  const bool terminal = standard_input_is_terminal();
  if (terminal) prompt << question << std::flush;
  std::string line;
  {
    NoEcho quiet;
    char c = 0;
    bool any = false;
    while (std::cin.get(c) && c != '\n') {
      any = true;
      // One byte of slack for a CR that ends the line.
      if (line.size() > max_bytes) return make_error(Errc::invalid_input, std::string(too_long));
      line += c;
    }
    if (!any && !std::cin) return make_error(Errc::invalid_input, std::string(none));
  }
  if (terminal) prompt << "\n";
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() > max_bytes) return make_error(Errc::invalid_input, std::string(too_long));
  return line;
}

}  // namespace passerelle::hub
