//! The `result` object of `shared/spec/result_schema.json`, as typed serde structs.
//!
//! Every leaf is a `String` holding the value as printed (see `shared/spec/CONVENTIONS.md`),
//! every list a `Vec`. `Default` gives the "absent" report: all scalars `""`, all lists `[]`,
//! every key present, which is what the contract requires for anything not printed.
//!
//! All structs deny unknown fields: the only JSON we read back is our own (ground-truth files of
//! the synthetic corpus, the schema itself in tests), so a stray key means a typo or a schema
//! drift that must fail loudly instead of being dropped.

mod basic_info;
mod card;
mod common;
mod declarations;
mod header;
mod loan;
mod noncredit;
mod public_info;
mod query;
mod summary;
mod summary_debt;
mod trans_detail;

use serde::{Deserialize, Serialize};

pub use basic_info::{ConnubialInfo, Experience, LivedInfo, Mobile, PersonBasicInfo, PersonInfo, SourcedValue};
pub use card::{
    BigAmountSpecialPeriodInfo, CanceledState, CardAccountState, CreditAccount, CreditCardNormal, InactiveState,
    QuasiCreditAccount, QuasiCreditNormal,
};
pub use common::{
    BalanceState, ClosedState, DatedNote, LatestRepayment, RefundMonth, RefundRecord, RefundYear, SpecialTransType,
};
pub use declarations::{ObjectionLabel, SelfDeclare};
pub use header::{AntiHackInfo, CreditHeader, OtherIdInfo};
pub use loan::{CyclicalLoanAccount, LoanAccount, LoanAccountState, LoanNormal, TransferState};
pub use noncredit::{NoncreditTransInfo, PaymentMonth, PaymentRecord, PaymentYear};
pub use public_info::{
    AdministrativePenaltyRecord, AdministrativeRewardRecord, CivilJudgmentRecord, ExecutiveQualificationRecord,
    ForceExecuteRecord, HousingProvidentFundContributionRecord, LowSecurityRescueRecord, OwingTaxRecord,
    PublicInfoDetail,
};
pub use query::{QueryRecord, QueryRecordEntry};
pub use summary::{
    AccountCountRow, BadDebtsSummary, CreditTransBreachInfoSummary, CreditTransHintDetail, CreditTransInfoHint,
    InfoSummary, Last1MonthQueryCompanyNum, Last1MonthQueryNum, Last2YearQueryNum, LastQueryRecord,
    NoncreditTransInfoSummary, ObjectionAndDescription, OverdueInfoCollection, PersonalCreditReportExplication,
    PublicInfoSummary, QueryRecordSummary, RecourseDetail, RecourseInfoSummary,
};
pub use summary_debt::{
    ConcernedRefundDutyInfoSummary, CreditAccountInfoSummary, CreditTransExtensionAndDebtSummary, GuaranteeDuty,
    LoanAccountInfoSummary, OtherRefundDuty, QuasiCreditAccountInfoSummary, RefundDutyByBorrower,
};
pub use trans_detail::{
    CompanyBorrowDuty, ConcernedRefundDutyInfo, CreditTransInfoDetail, ExtensionProtocolInfo, PersonBorrowDuty,
    RecoveryAccountState, RecoveryInfo,
};

/// 个人信用报告 — the whole `result` object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CreditReport {
    /// 报告头
    pub credit_header: CreditHeader,
    /// 个人基本信息
    pub person_basic_info: PersonBasicInfo,
    /// 信息概要
    pub info_summary: InfoSummary,
    /// 信贷交易信息明细
    pub credit_trans_info_detail: CreditTransInfoDetail,
    /// 非信贷交易信息明细
    pub noncredit_trans_info_detail: Vec<NoncreditTransInfo>,
    /// 公共信息明细
    pub public_info_detail: PublicInfoDetail,
    /// 本人声明
    pub self_declare: Vec<SelfDeclare>,
    /// 异议标注
    pub objection_label: Vec<ObjectionLabel>,
    /// 查询记录
    pub query_record: QueryRecord,
}
