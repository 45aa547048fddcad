//! `vinops-dev`: demo data, the simulator and the benchmarks (see the library).

fn main() -> std::process::ExitCode {
    vinops_dev::cli::main()
}
