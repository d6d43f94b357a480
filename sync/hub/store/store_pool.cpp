#include "sync/hub/store/store_pool.h"

namespace passerelle::hub {

StorePool::Lease::~Lease() {
  if (store_) pool_->give_back(std::move(store_));
}

StorePool::StorePool(std::filesystem::path path, const Clock& clock, Store first)
    : path_(std::move(path)), clock_(&clock) {
  idle_.push_back(std::make_unique<Store>(std::move(first)));
}

Result<StorePool::Lease> StorePool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store));
    }
  }
  // Opened outside the lock: opening runs core's migration check, a short write transaction.
  PSL_ASSIGN_OR_RETURN(auto store, Store::open(path_, *clock_));
  return Lease(this, std::make_unique<Store>(std::move(store)));
}

Result<Store*> StorePool::writer() {
  if (!writer_) {
    PSL_ASSIGN_OR_RETURN(auto store, Store::open(path_, *clock_));
    // 32 MiB of pages: the journal's and the feed's index pages a batch touches stay in memory.
    PSL_TRY(store.database().exec("PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY"));
    writer_ = std::make_unique<Store>(std::move(store));
  }
  return writer_.get();
}

void StorePool::give_back(std::unique_ptr<Store> store) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(store));
}

}  // namespace passerelle::hub
