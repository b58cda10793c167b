//! Runs core kernels with the GIL released, honouring Ctrl-C and reporting progress.
//!
//! The kernel runs on a worker thread (inside the context's rayon pool). The calling thread
//! waits without the GIL, and every 50 ms takes the GIL to check for signals
//! (`Python::check_signals`) and to call the progress callback. On KeyboardInterrupt it sets the
//! context's cancel flag, waits for the kernel to stop, and re-raises. When a kernel that ran
//! long enough to be polled has finished, the callback is called once more with the final
//! counts, so a display that was shown ends at its total (a kernel that counts its work ends
//! with `done == total`); a call that ends before the first poll reports nothing. Panics are
//! caught and become a RuntimeError: no panic crosses into Python.
use super::errors::{internal, to_py};
use crate::context::Context;
use crate::error::Result;
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::time::Duration;

type Outcome<T> = std::result::Result<Result<T>, String>;

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

fn finish<T>(o: Outcome<T>) -> PyResult<T> {
    match o {
        Ok(r) => r.map_err(to_py),
        Err(msg) => Err(internal(msg)),
    }
}

/// Runs `f` without the GIL; see the module docs. `progress` is called as
/// `progress(done, total)` while the kernel runs.
pub fn run<T: Send>(
    py: Python<'_>,
    ctx: &Context,
    progress: Option<&Bound<'_, PyAny>>,
    f: impl FnOnce() -> Result<T> + Send,
) -> PyResult<T> {
    let (tx, rx) = channel::<Outcome<T>>();
    let mut polled = false;
    let rx = std::sync::Mutex::new(rx);
    std::thread::scope(|s| {
        s.spawn(move || {
            let out = catch_unwind(AssertUnwindSafe(f)).map_err(panic_message);
            let _ = tx.send(out);
        });
        loop {
            match py.detach(|| {
                rx.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .recv_timeout(Duration::from_millis(50))
            }) {
                Ok(out) => {
                    if let (Some(cb), Ok(Ok(_)), true) = (progress, &out, polled) {
                        let (done, total) = ctx.progress().get();
                        cb.call1((done, total))?;
                    }
                    return finish(out);
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(internal("worker thread vanished".into()))
                }
                Err(RecvTimeoutError::Timeout) => {
                    let mut err = py.check_signals().err();
                    if err.is_none() {
                        if let Some(cb) = progress {
                            let (done, total) = ctx.progress().get();
                            err = cb.call1((done, total)).err();
                            polled = true;
                        }
                    }
                    if let Some(e) = err {
                        ctx.cancel();
                        let _ = py.detach(|| rx.lock().unwrap_or_else(|e| e.into_inner()).recv());
                        return Err(e);
                    }
                }
            }
        }
    })
}

/// Runs a quick `f` with the GIL released and panics caught (no progress, no polling).
pub fn quick<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T> + Send) -> PyResult<T> {
    finish(py.detach(|| catch_unwind(AssertUnwindSafe(f)).map_err(panic_message)))
}

/// The context for a call's `threads=` (None: the default thread count).
pub(crate) fn context(threads: Option<usize>) -> Context {
    Context::new().with_threads(threads.unwrap_or(0))
}
