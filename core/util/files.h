// Files Passerelle writes whole: exports, badges, QR images, enrolment tickets, kiosk bundles and
// database files. One home for "replace this file atomically" and "create this file for its owner
// only", so that every writer gets both rules (ERROR_POLICY.md, "Durability").
//
// Contract: a file is written to a temporary name beside it, created new (O_CREAT | O_EXCL |
// O_NOFOLLOW, so a file or a symbolic link planted at that name is never written through), with
// its final mode from the first byte, flushed with fsync, renamed over the target, and the folder
// fsynced: a crash or a full disk leaves the old file or the whole new one, never a file that was
// readable by others for a moment before a chmod. The temporary name is `<path>.tmp-<pid>`; a name
// left there (a crash, or a plant) is removed (unlink removes a link, never what it points to) and
// creation tried once more; if that fails too, nothing is written.
// Failure: Errc::io naming the file and the system's reason. Thread safety: none needed; two
// threads of one process must not write the same path at once.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace passerelle {

enum class FileAccess {
  shared,      // 0644: exports, badges and images meant to be handed on
  owner_only,  // 0600: anything holding a secret, a credential or the registry's personal data
};

// Replaces `path` with `content` as the contract above says.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content,
                             FileAccess access = FileAccess::shared);

// Creates `path` empty with the mode of `access`, refusing to follow or reuse anything already at
// that name (Errc::io, errno EEXIST in the message). For files another library fills in place (a
// SQLite database): created here first, they never exist with a wider mode.
Status create_new_file(const std::filesystem::path& path, FileAccess access);

// The temporary name write_file_atomically uses for `path` in this process (for tests and for
// writers that fill the temporary themselves, as a kiosk bundle is built by SQLite).
std::filesystem::path temporary_path_for(const std::filesystem::path& path);

// Creates the temporary of `path` (temporary_path_for) new and empty with the mode of `access`,
// removing a stale name left there first (see the contract). Returns its name.
Result<std::filesystem::path> create_temporary_for(const std::filesystem::path& path, FileAccess access);

// The whole of a regular file of at most `max_bytes` bytes. Errc::io when it cannot be read (or is
// not a regular file); Errc::invalid_input, before reading it, when it is larger.
Result<std::string> read_file_bounded(const std::filesystem::path& path, std::size_t max_bytes);

// fsync of the folder holding `path`, so that a rename into it survives a power cut. Best effort.
void sync_parent_folder(const std::filesystem::path& path);

// Removes an SQLite database file with its -wal, -shm and -journal beside it, ignoring what is not
// there: a half-built database (a bundle, a kiosk set up from nothing) leaves nothing behind.
void remove_database_files(const std::filesystem::path& path);

}  // namespace passerelle
