#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhengxin_fuzz::entries::pdf_open(data));
