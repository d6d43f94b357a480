#include "tests/support/fault_vfs.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace passerelle::testing {
namespace {

// What a file held at its last sync: the bytes each later write or truncation replaced, in order,
// and its size then. Undoing them in reverse and truncating to that size is the power cut.
struct Unsynced {
  std::int64_t synced_size = 0;
  std::vector<std::pair<std::int64_t, std::string>> preimages;
};

struct Shim {
  sqlite3_vfs* real = nullptr;
  sqlite3_vfs vfs{};
  sqlite3_io_methods methods{};
  std::once_flag methods_once;

  // Held shared by every call that may change a file, exclusively by the power cut: no write is
  // half way through when the files are rolled back.
  std::shared_mutex power;
  std::mutex mutex;
  std::map<std::string, Unsynced> files;  // by path; kept after close: a closed file's data can be unsynced too

  std::atomic<int> write_fault{0};  // FaultVfs::Fault
  std::atomic<std::int64_t> writes_before_fault{0};
  std::atomic<bool> sync_fault{false};
  std::atomic<bool> powered{true};
  std::atomic<std::int64_t> syncs_before_cut{-1};
  std::atomic<void (*)(char)> trace{nullptr};

  std::atomic<std::int64_t> writes{0}, syncs{0}, failed_writes{0}, failed_syncs{0}, lost_writes{0}, cuts_at_sync{0};
};

Shim& shim() {
  static Shim instance;
  return instance;
}

// The shim's file, followed in the same allocation by the real VFS's file. SQLite places file
// objects at 8-byte boundaries only (inside the pager's own allocation), so nothing here may ask
// for more: an alignas(16) made UBSan stop the hub at its first open.
struct ShimFile {
  sqlite3_file base;
  std::string* path;  // null for SQLite's nameless temporary files, which are never tracked
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};
static_assert(alignof(ShimFile) <= 8 && sizeof(ShimFile) % 8 == 0, "the real file after it stays 8-byte aligned");

ShimFile* of(sqlite3_file* file) {
  return reinterpret_cast<ShimFile*>(file);
}

std::int64_t size_of(sqlite3_file* real) {
  sqlite3_int64 size = 0;
  return real->pMethods->xFileSize(real, &size) == SQLITE_OK ? size : 0;
}

// The bytes [offset, offset + length) hold now, up to the end of the file.
std::string read_existing(sqlite3_file* real, std::int64_t offset, std::int64_t length) {
  const std::int64_t size = size_of(real);
  const std::int64_t have = std::max<std::int64_t>(0, std::min(length, size - offset));
  std::string bytes(static_cast<std::size_t>(have), '\0');
  if (have > 0) real->pMethods->xRead(real, bytes.data(), static_cast<int>(have), offset);
  return bytes;
}

void remember_preimage(ShimFile* file, std::int64_t offset, std::int64_t length) {
  if (file->path == nullptr) return;
  std::string before = read_existing(file->real(), offset, length);
  std::lock_guard lock(shim().mutex);
  shim().files[*file->path].preimages.emplace_back(offset, std::move(before));
}

int shim_close(sqlite3_file* file) {
  auto* self = of(file);
  const int rc = self->real()->pMethods->xClose(self->real());
  delete self->path;
  self->path = nullptr;
  return rc;
}

int shim_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  auto* real = of(file)->real();
  return real->pMethods->xRead(real, buffer, amount, offset);
}

int shim_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
  auto& s = shim();
  const std::shared_lock power(s.power);
  if (!s.powered) return SQLITE_OK;  // after the power cut nothing reaches the disk
  const int fault = s.write_fault.load();
  if (fault != 0) {
    std::int64_t allowed = s.writes_before_fault.load();
    while (allowed > 0 && !s.writes_before_fault.compare_exchange_weak(allowed, allowed - 1)) {
    }
    if (allowed <= 0) {
      ++s.failed_writes;
      return fault == static_cast<int>(FaultVfs::Fault::disk_full) ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    }
  }
  auto* self = of(file);
  if (auto* trace = s.trace.load()) trace('w');
  remember_preimage(self, offset, amount);
  const int rc = self->real()->pMethods->xWrite(self->real(), buffer, amount, offset);
  if (rc == SQLITE_OK) ++s.writes;
  return rc;
}

int shim_truncate(sqlite3_file* file, sqlite3_int64 size) {
  const std::shared_lock power(shim().power);
  if (!shim().powered) return SQLITE_OK;
  auto* self = of(file);
  const std::int64_t now = size_of(self->real());
  if (now > size) remember_preimage(self, size, now - size);
  return self->real()->pMethods->xTruncate(self->real(), size);
}

Status cut_power();

// True when the armed cut falls on this sync.
bool cut_falls_here() {
  auto& s = shim();
  std::int64_t left = s.syncs_before_cut.load();
  while (left >= 0) {
    if (s.syncs_before_cut.compare_exchange_weak(left, left - 1)) return left == 0;
  }
  return false;
}

int shim_sync(sqlite3_file* file, int flags) {
  auto& s = shim();
  if (s.powered && cut_falls_here()) {
    ++s.cuts_at_sync;
    (void)cut_power();
    return SQLITE_IOERR_FSYNC;
  }
  const std::shared_lock power(s.power);
  if (!s.powered) return SQLITE_OK;
  if (auto* trace = s.trace.load()) trace('y');
  if (s.sync_fault) {
    ++s.failed_syncs;
    return SQLITE_IOERR_FSYNC;
  }
  auto* self = of(file);
  const int rc = self->real()->pMethods->xSync(self->real(), flags);
  if (rc != SQLITE_OK) return rc;
  ++s.syncs;
  if (self->path != nullptr) {
    const std::int64_t size = size_of(self->real());
    std::lock_guard lock(s.mutex);
    auto& state = s.files[*self->path];
    state.preimages.clear();
    state.synced_size = size;
  }
  return rc;
}

int shim_file_size(sqlite3_file* file, sqlite3_int64* size) {
  auto* real = of(file)->real();
  return real->pMethods->xFileSize(real, size);
}
int shim_lock(sqlite3_file* file, int level) {
  auto* real = of(file)->real();
  return real->pMethods->xLock(real, level);
}
int shim_unlock(sqlite3_file* file, int level) {
  auto* real = of(file)->real();
  return real->pMethods->xUnlock(real, level);
}
int shim_check_reserved(sqlite3_file* file, int* out) {
  auto* real = of(file)->real();
  return real->pMethods->xCheckReservedLock(real, out);
}
int shim_file_control(sqlite3_file* file, int op, void* arg) {
  auto* real = of(file)->real();
  return real->pMethods->xFileControl(real, op, arg);
}
int shim_sector_size(sqlite3_file* file) {
  auto* real = of(file)->real();
  return real->pMethods->xSectorSize(real);
}
int shim_device_characteristics(sqlite3_file* file) {
  auto* real = of(file)->real();
  return real->pMethods->xDeviceCharacteristics(real);
}
int shim_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  auto* real = of(file)->real();
  return real->pMethods->xShmMap(real, region, size, extend, out);
}
int shim_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  auto* real = of(file)->real();
  return real->pMethods->xShmLock(real, offset, n, flags);
}
void shim_shm_barrier(sqlite3_file* file) {
  auto* real = of(file)->real();
  real->pMethods->xShmBarrier(real);
}
int shim_shm_unmap(sqlite3_file* file, int delete_flag) {
  auto* real = of(file)->real();
  return real->pMethods->xShmUnmap(real, shim().powered ? delete_flag : 0);
}
// No memory mapping: every read goes through xRead, so the shim sees the disk as SQLite does.
int shim_fetch(sqlite3_file*, sqlite3_int64, int, void** out) {
  *out = nullptr;
  return SQLITE_OK;
}
int shim_unfetch(sqlite3_file*, sqlite3_int64, void*) {
  return SQLITE_OK;
}

int shim_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto& s = shim();
  auto* self = of(file);
  self->path = nullptr;
  const int rc = s.real->xOpen(s.real, name, self->real(), flags, out_flags);
  if (self->real()->pMethods == nullptr) {
    self->base.pMethods = nullptr;
    return rc;
  }
  std::call_once(s.methods_once, [&] { s.methods.iVersion = std::min(3, self->real()->pMethods->iVersion); });
  self->base.pMethods = &s.methods;
  if (rc == SQLITE_OK && name != nullptr) {
    self->path = new std::string(name);
    const std::int64_t size = size_of(self->real());
    std::lock_guard lock(s.mutex);
    s.files.emplace(*self->path, Unsynced{size, {}});  // a file first seen is taken as synced as it is
  }
  return rc;
}

int shim_delete(sqlite3_vfs*, const char* name, int sync_directory) {
  auto& s = shim();
  const std::shared_lock power(s.power);
  if (!s.powered) return SQLITE_OK;
  {
    std::lock_guard lock(s.mutex);
    s.files.erase(name);
  }
  return s.real->xDelete(s.real, name, sync_directory);
}

int shim_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return shim().real->xAccess(shim().real, name, flags, out);
}
int shim_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return shim().real->xFullPathname(shim().real, name, size, out);
}
int shim_randomness(sqlite3_vfs*, int size, char* out) {
  return shim().real->xRandomness(shim().real, size, out);
}
int shim_sleep(sqlite3_vfs*, int microseconds) {
  return shim().real->xSleep(shim().real, microseconds);
}
int shim_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  return shim().real->xCurrentTimeInt64(shim().real, out);
}
int shim_get_last_error(sqlite3_vfs*, int size, char* out) {
  return shim().real->xGetLastError(shim().real, size, out);
}

// Puts a file back with POSIX calls on its path: the connections' own handles may be closed.
Status roll_back(const std::string& path, Unsynced& state) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return {};
    return make_error(Errc::io, "power cut: cannot open " + path + ": " + std::strerror(errno));
  }
  bool ok = true;
  for (auto it = state.preimages.rbegin(); it != state.preimages.rend(); ++it)
    ok = ok && ::pwrite(fd, it->second.data(), it->second.size(), it->first) == static_cast<ssize_t>(it->second.size());
  ok = ok && ::ftruncate(fd, state.synced_size) == 0;
  ::close(fd);
  if (!ok) return make_error(Errc::io, "power cut: cannot roll back " + path);
  shim().lost_writes += static_cast<std::int64_t>(state.preimages.size());
  state.preimages.clear();
  return {};
}

}  // namespace

FaultVfs& FaultVfs::install() {
  static FaultVfs instance;
  static std::once_flag once;
  std::call_once(once, [] {
    auto& s = shim();
    s.real = sqlite3_vfs_find(nullptr);
    s.vfs = *s.real;
    s.vfs.zName = "passerelle-fault";
    s.vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + s.real->szOsFile;
    s.vfs.pAppData = nullptr;
    s.vfs.xOpen = shim_open;
    s.vfs.xDelete = shim_delete;
    s.vfs.xAccess = shim_access;
    s.vfs.xFullPathname = shim_full_pathname;
    s.vfs.xRandomness = shim_randomness;
    s.vfs.xSleep = shim_sleep;
    s.vfs.xCurrentTimeInt64 = shim_current_time_int64;
    s.vfs.xGetLastError = shim_get_last_error;
    // Loadable extensions and system calls stay the real VFS's: the shim has no business there.
    s.methods = sqlite3_io_methods{3,
                                   shim_close,
                                   shim_read,
                                   shim_write,
                                   shim_truncate,
                                   shim_sync,
                                   shim_file_size,
                                   shim_lock,
                                   shim_unlock,
                                   shim_check_reserved,
                                   shim_file_control,
                                   shim_sector_size,
                                   shim_device_characteristics,
                                   shim_shm_map,
                                   shim_shm_lock,
                                   shim_shm_barrier,
                                   shim_shm_unmap,
                                   shim_fetch,
                                   shim_unfetch};
    sqlite3_vfs_register(&s.vfs, 1);
  });
  return instance;
}

void FaultVfs::fail_writes(Fault fault, std::int64_t after_writes) {
  shim().writes_before_fault = after_writes;
  shim().write_fault = static_cast<int>(fault);
}

void FaultVfs::fail_syncs(bool on) {
  shim().sync_fault = on;
}

void FaultVfs::heal() {
  fail_writes(Fault::none);
  fail_syncs(false);
  shim().syncs_before_cut = -1;
}

namespace {

Status cut_power() {
  auto& s = shim();
  const std::unique_lock power(s.power);
  std::lock_guard lock(s.mutex);
  s.powered = false;
  for (auto& [path, state] : s.files) PSL_TRY(roll_back(path, state));
  return {};
}

}  // namespace

Status FaultVfs::power_cut() {
  return cut_power();
}

void FaultVfs::power_cut_at_sync(std::int64_t after_syncs) {
  shim().syncs_before_cut = after_syncs;
}

void FaultVfs::set_trace(void (*trace)(char event)) {
  shim().trace = trace;
}

bool FaultVfs::powered() const {
  return shim().powered;
}

void FaultVfs::power_on() {
  shim().syncs_before_cut = -1;
  shim().powered = true;
}

FaultVfs::Counters FaultVfs::counters() const {
  const auto& s = shim();
  return Counters{s.writes.load(),       s.syncs.load(),       s.failed_writes.load(),
                  s.failed_syncs.load(), s.lost_writes.load(), s.cuts_at_sync.load()};
}

}  // namespace passerelle::testing
