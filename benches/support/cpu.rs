//! CPU time of the calling thread, for benches on a shared machine.

/// CPU seconds this thread has used, so that a busy shared machine does not distort the
/// figures. Linux: `/proc/thread-self/schedstat` (nanoseconds), else
/// `/proc/thread-self/stat` (clock ticks of 1/100 s). `None` elsewhere.
pub fn cpu_seconds() -> Option<f64> {
    if let Ok(schedstat) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = schedstat.split_whitespace().next().and_then(|x| x.parse::<u64>().ok()) {
            return Some(ns as f64 / 1e9);
        }
    }
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
