//! Writing to stdout without panicking: `dixian check dir/ | head` closes the pipe early, which is the
//! reader's choice, not an error — the process then ends quietly with exit 0 (nobody is left to read
//! a verdict). Any other write error is reported on stderr with exit 2.

use std::io::{ErrorKind, Write};

/// Writes `text` to stdout (through anstream, which strips colours where the terminal cannot show them).
pub fn emit(text: &str) {
    let mut out = anstream::stdout();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("无法写出结果：{e}");
        std::process::exit(2);
    }
}

/// `emit` with a newline.
pub fn emit_line(text: &str) {
    emit(&format!("{text}\n"));
}

/// `print!` that does not panic on a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::emit(&format!($($arg)*)) };
}

/// `println!` that does not panic on a closed pipe.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::output::emit_line(&format!($($arg)*)) };
}

pub(crate) use {out, outln};
