// A pool of core Store connections to one SQLite file, for a HubStore used by many threads.
//
// SQLite connections are single-threaded (core opens them NOMUTEX): each caller leases one for the
// length of a call and gives it back. The pool grows to the number of concurrent callers (the
// server's thread count) and never shrinks. Thread-safe. The clock is borrowed.
// Failure: acquire() fails only when a new connection cannot be opened.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "core/store/store.h"

namespace passerelle::hub {

class StorePool {
 public:
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> store) : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  // `first` is an already open Store on `path`; it becomes the pool's first connection.
  StorePool(std::filesystem::path path, const Clock& clock, Store first);

  Result<Lease> acquire();

  // The one connection writes go through, opened on first use. The caller must hold the store's
  // write mutex for as long as it uses it. Why one: SQLite drops a connection's page cache
  // whenever another connection wrote, so writes rotating over the pool's connections would each
  // start cold; one writer keeps its cache (and a larger one) warm between batches.
  Result<Store*> writer();

 private:
  void give_back(std::unique_ptr<Store> store);

  std::filesystem::path path_;
  const Clock* clock_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Store>> idle_;
  std::unique_ptr<Store> writer_;  // under the owner's write mutex
};

}  // namespace passerelle::hub
