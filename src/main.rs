//! The `zhengxin` binary; everything lives in `zhengxin::cli`.

fn main() -> std::process::ExitCode {
    zhengxin::alloc::tune_for_ocr();
    zhengxin::cli::main()
}
