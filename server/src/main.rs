//! `vinops-server`: see `vinops-server --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    server::cli::main()
}
