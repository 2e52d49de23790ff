//! The `zhengxin-lab` binary; everything lives in `zhengxin_lab::cli`.

fn main() -> std::process::ExitCode {
    // `eval` runs the service's OCR, so it gets the same allocator tuning as `zhengxin`.
    zhengxin::alloc::tune_for_ocr();
    zhengxin_lab::cli::main()
}
