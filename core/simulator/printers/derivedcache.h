#pragma once

#include <atomic>
#include <memory>

namespace binnacle::sim {

// What a consumer derives from an immutable value (a stored object version) alone, such as a printer's
// time-independent row facts: computed on first use, then kept with the value for every later use. One
// entry, keyed by the facts' type: the value is read the same way each time (a stored object by its kind's
// printer), so a second kind of facts is not worth a map; asking for another type replaces the entry.
// Safe to use from several threads: the entry is published atomically, and two threads that miss at once
// merely both compute it.
class DerivedCache {
public:
    DerivedCache() = default;
    // A copy is of a value that may still be changed: it starts empty rather than keep stale facts.
    DerivedCache(const DerivedCache&) {}
    DerivedCache& operator=(const DerivedCache&) {
        m_entry.store(nullptr, std::memory_order_release);
        return *this;
    }

    // The cached facts of type T, or compute() (returning a T) stored and returned.
    template <typename T, typename Compute> std::shared_ptr<const T> get(Compute&& compute) const {
        std::shared_ptr<const Entry> entry = m_entry.load(std::memory_order_acquire);
        if (!entry || entry->key != key<T>()) {
            entry = std::make_shared<const Holder<T>>(Holder<T>{{key<T>()}, compute()});
            m_entry.store(entry, std::memory_order_release);
        }
        return std::shared_ptr<const T>(entry, &static_cast<const Holder<T>*>(entry.get())->facts);
    }

private:
    // A distinct address per facts type: what makes the static_cast above safe.
    template <typename T> static const void* key() {
        static const char tag = 0;
        return &tag;
    }

    struct Entry {
        const void* key = nullptr;
    };
    // The facts live in the entry's own allocation; the shared_ptr's deleter knows the concrete type.
    template <typename T> struct Holder : Entry { T facts; };
    mutable std::atomic<std::shared_ptr<const Entry>> m_entry;
};

} // namespace binnacle::sim
