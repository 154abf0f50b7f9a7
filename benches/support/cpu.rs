//! CPU time of the calling thread, for benches on a shared machine.

/// CPU seconds this thread has used, so that a busy shared machine does not distort the
/// figures. Linux: `CLOCK_THREAD_CPUTIME_ID` (exact to the nanosecond), else
/// `/proc/thread-self/stat` (clock ticks of 1/100 s). `None` elsewhere.
///
/// Not `/proc/thread-self/schedstat`: a thread reading its own there sees the runtime as of
/// its last scheduler tick (4 ms apart), which is most of a 10-article run.
pub fn cpu_seconds() -> Option<f64> {
    if let Some(seconds) = thread_clock() {
        return Some(seconds);
    }
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

#[cfg(target_os = "linux")]
fn thread_clock() -> Option<f64> {
    #[repr(C)]
    struct Timespec {
        seconds: std::os::raw::c_long,
        nanoseconds: std::os::raw::c_long,
    }
    extern "C" {
        fn clock_gettime(clock: i32, now: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut now = Timespec { seconds: 0, nanoseconds: 0 };
    // SAFETY: `now` is a valid, writable timespec; the call only writes it.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0;
    ok.then_some(now.seconds as f64 + now.nanoseconds as f64 * 1e-9)
}

#[cfg(not(target_os = "linux"))]
fn thread_clock() -> Option<f64> {
    None
}
