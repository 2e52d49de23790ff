//! 三 信贷交易信息明细 → creditTransInfoDetail; being written.
