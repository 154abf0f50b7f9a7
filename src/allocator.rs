//! The native shells' allocator settings (feature `cli`, not on wasm): the CLI's global
//! allocator is mimalloc (`src/bin/crosscheck.rs`), and the benches count through it.

// The C library these settings talk to.
use mimalloc as _;

/// Keeps the memory a run frees for the run's later allocations, rather than returning it
/// to the system after a second (mimalloc's `purge_delay`, 1,000 ms by default, set to
/// -1): a batch tool exits when done, and memory handed back mid-run comes back as page
/// faults, each page zeroed again. On 1,000 articles that cost about a tenth of the run,
/// in the kernel; on 10 articles, nothing (`cargo bench --bench scaling`). Call it once,
/// first thing in `main`.
pub fn keep_freed_memory() {
    // mimalloc.h: `mi_option_purge_delay` in `mi_option_e` (the `extended` bindings of
    // libmimalloc-sys do not name it); the C library is linked by the `mimalloc` crate.
    const MI_OPTION_PURGE_DELAY: i32 = 15;
    extern "C" {
        fn mi_option_set(option: i32, value: std::os::raw::c_long);
        fn mi_option_get(option: i32) -> std::os::raw::c_long;
    }
    // SAFETY: mimalloc's options are plain integers it reads at each purge; setting one is
    // allowed at any time, from any thread.
    unsafe {
        mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        debug_assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), -1);
    }
}

#[cfg(test)]
mod tests {
    extern "C" {
        fn mi_option_get(option: i32) -> std::os::raw::c_long;
    }

    #[test]
    fn freed_memory_is_kept() {
        super::keep_freed_memory();
        // SAFETY: reads an option.
        assert_eq!(unsafe { mi_option_get(15) }, -1);
    }
}
