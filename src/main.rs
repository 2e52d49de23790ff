//! The `zhengxin` binary; everything lives in `zhengxin::cli`.

fn main() -> std::process::ExitCode {
    zhengxin::cli::main()
}
