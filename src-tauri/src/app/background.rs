//! Work that runs after start-up beside the window — reading every page of the database,
//! the daily backup — on a thread that yields the CPU and the disk to the window, so the
//! first frames and the first answers never wait for it, however large the archive.

/// Runs `work` on a new thread at the lowest CPU and I/O priority.
pub fn spawn_idle(name: &str, work: impl FnOnce() + Send + 'static) {
    let spawned = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
        lower_this_threads_priority();
        work();
    });
    if let Err(error) = spawned {
        eprintln!("warning: could not start {name}: {error}");
    }
}

#[cfg(target_os = "linux")]
fn lower_this_threads_priority() {
    // On Linux the nice value and the I/O priority are per thread.
    const IOPRIO_WHO_PROCESS: libc::c_long = 1;
    const IOPRIO_CLASS_IDLE: libc::c_long = 3;
    const IOPRIO_CLASS_SHIFT: libc::c_long = 13;
    // SAFETY: plain system calls on this thread's own id; failure only leaves the priority as it was.
    unsafe {
        let thread = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, thread as libc::id_t, 19);
        libc::syscall(
            libc::SYS_ioprio_set,
            IOPRIO_WHO_PROCESS,
            thread as libc::c_long,
            IOPRIO_CLASS_IDLE << IOPRIO_CLASS_SHIFT,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_this_threads_priority() {}
