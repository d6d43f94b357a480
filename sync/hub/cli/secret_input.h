// Secrets the organiser types (the staff PIN, account passwords), read from standard input: at a
// terminal with a prompt on `prompt` and echo off, from a pipe as one line. Never from the command
// line, where `ps` and shell history would show them.
//
// A line is read up to `max_bytes` and refused (Errc::invalid_input, `too_long`) as soon as it is
// longer, so that a pipe of anything is never held in memory whole. A trailing CR is dropped.
// Thread safety: reads std::cin and changes the terminal's mode; one caller at a time.
// Failure: Errc::invalid_input when standard input holds no line.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle::hub {

bool standard_input_is_terminal();

Result<std::string> read_secret_line(std::ostream& prompt, std::string_view question, std::size_t max_bytes,
                                     std::string_view too_long, std::string_view none);

}  // namespace passerelle::hub
