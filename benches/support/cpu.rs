//! CPU time of the calling thread, for benches on a shared machine.

/// CPU seconds this thread has used (Linux: `/proc/thread-self/stat`, in clock ticks of
/// 1/100 s), so that a busy shared machine does not distort the figures. `None` elsewhere.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
