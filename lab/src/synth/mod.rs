//! Synthetic credit-report corpus generator (issue [2/4]): deterministic, seeded, second-generation
//! PBOC personal credit reports as text-layer PDFs plus their ground truth (`NAME.truth.json`, a
//! serialized [`zhengxin::report::CreditReport`]).
//!
//! Honesty rule: nothing here shares code with the parsers (`zhengxin::parse`, `zhengxin::layout`,
//! `zhengxin::pdf::content`). Each section draws its values once, writes them into the truth by the
//! rules of shared/spec/CONVENTIONS.md and emits the blocks that print them; `layout` flows the
//! blocks onto pages and `draw` writes the PDF through pdfium. See src/synth/README.md.

pub mod garble;
pub mod negatives;
pub mod scan;

mod ctx;
mod date;
mod draw;
pub mod html;
mod ident;
mod layout;
mod metrics;
mod model;
pub mod plant;
mod rng;
mod sections;
mod subset;
mod vocab;

use std::path::{Path, PathBuf};

pub use ctx::Version;
pub use ident::{id_check_char, id_is_valid};
pub use layout::FlowStats;
pub use plant::Plant;

use ctx::Ctx;
use date::Date;
use model::{Block, RED};
use plant::{Planter, Stage};
use rng::SplitMix64;
use sections::detail_other::heading;
use sections::{accounts, basic, cards, detail_other, header, public, summary, tail, Person};
use zhengxin::config::Settings;
use zhengxin::pdf::PdfEngine;
use zhengxin::report::CreditReport;
use zhengxin::{Error, Result};

/// `zhengxin-lab gen-corpus` arguments.
#[derive(clap::Args, Debug, Clone)]
pub struct GenArgs {
    /// Output directory (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Corpus seed; report N of seed S is always the same report.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of reports.
    #[arg(long, default_value_t = 10)]
    pub count: usize,
    /// Comma list of scanned variants to derive from each report; "none" to skip.
    #[arg(long, default_value = "clean,mild,heavy")]
    pub scan_levels: String,
    /// Also write the negative cases (non-reports, broken files).
    #[arg(long)]
    pub negatives: bool,
    /// Also write `NAME.garbled.pdf`: the text PDF with its fonts' Unicode maps disabled
    /// (see [`garble`]), read through the glyph-run OCR path.
    #[arg(long)]
    pub garbled: bool,
    /// Which engine prints the reports: pdfium (the generator's own layout) or chromium
    /// (HTML + CSS printed by headless Chromium; same truth, other pagination and look).
    #[arg(long, value_enum, default_value_t = Route::Pdfium)]
    pub route: Route,
    /// Scan this existing PDF (e.g. the real design sample) instead of generating reports:
    /// writes NAME.pdf and NAME.scan-LEVEL.pdf, NAME being the file stem; `--count` is ignored.
    #[arg(long)]
    pub source: Option<PathBuf>,
    /// With `--source`: its truth (a CreditReport JSON), copied as NAME.truth.json so that
    /// `zhengxin-lab eval` scores the scans.
    #[arg(long, requires = "source")]
    pub truth: Option<PathBuf>,
    /// Plant an inconsistency: `--count` reports per rule id given (repeatable, or a comma
    /// list; `all` = every rule), each contradicting itself the way that consistency rule
    /// checks and in no other way. NAME gets `_plant-RULE`; NAME.meta.json records `plant`.
    #[arg(long = "plant", value_name = "RULE_ID")]
    pub plant: Vec<String>,
}

/// The engine that prints a composed report. Both routes print the same truth.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Route {
    /// `layout.rs` flows the blocks onto pages, `draw.rs` writes them with pdfium.
    #[default]
    Pdfium,
    /// `html/` writes the blocks as HTML + CSS; headless Chromium paginates and prints.
    Chromium,
}

impl Route {
    /// The name written into NAME.meta.json and read back by `zhengxin-lab eval`.
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Pdfium => "pdfium",
            Route::Chromium => "chromium",
        }
    }
    /// File-name prefix, so both routes can share a corpus directory.
    fn prefix(self) -> &'static str {
        match self {
            Route::Pdfium => "synth",
            Route::Chromium => "chr",
        }
    }
}

/// One generated report.
#[derive(Debug, Clone)]
pub struct Generated {
    /// File stem, e.g. `synth_s1_003` (pdfium) or `chr_s1_003` (chromium).
    pub name: String,
    pub route: Route,
    pub version: Version,
    pub truth: CreditReport,
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Breaks of the pdfium layout (`None` on the chromium route, whose breaks are Chromium's).
    pub stats: Option<FlowStats>,
    /// The diagonal watermark text drawn on every page (it is real text, so it extracts).
    pub watermark: String,
    /// The inconsistency planted in the report, if any.
    pub plant: Option<Plant>,
}

/// Variant name (and file mark, `NAME.garbled.pdf`) of the garbled-text-layer PDF.
pub const GARBLED_VARIANT: &str = "garbled";

/// Upper bound on pages; denser draws are retried at a smaller scale.
pub const MAX_PAGES: usize = 30;

/// The file stem of report `index` of corpus `seed` on the pdfium route.
pub fn report_name(seed: u64, index: u64) -> String {
    route_report_name(Route::Pdfium, seed, index)
}

/// The file stem of report `index` of corpus `seed` printed by `route`.
pub fn route_report_name(route: Route, seed: u64, index: u64) -> String {
    format!("{}_s{seed}_{index:03}", route.prefix())
}

/// The file stem of a report with `plant` (`synth_s1_000_plant-summary-hint-total`).
pub fn planted_name(route: Route, seed: u64, index: u64, plant: Option<Plant>) -> String {
    let base = route_report_name(route, seed, index);
    match plant {
        Some(p) => format!("{base}_{}", p.slug()),
        None => base,
    }
}

/// How many other draws a plant may try when a report has nothing for it to change (no 呆账
/// account, a masked ID number…).
const PLANT_ATTEMPTS: u64 = 200;

/// A composed report and its pdfium layout, at the first scale that fits in 30 pages.
struct Planned {
    truth: CreditReport,
    version: Version,
    blocks: Vec<Block>,
    pages: Vec<layout::Page>,
    stats: FlowStats,
    script_gap: f32,
    rng: SplitMix64,
}

/// Composes report `index` of `seed` and lays it out for pdfium. Both routes start here, so the
/// scale (and with it the truth) is the same whichever engine prints the report. With a plant,
/// report `index` itself is planted when it has what the plant changes; otherwise further draws
/// of the same (seed, index) are tried in a fixed order, so the planted report is still a pure
/// function of (seed, index, plant).
fn plan(seed: u64, index: u64, plant: Option<Plant>) -> Result<Planned> {
    let Some(plant) = plant else {
        return plan_draw(seed, index, index, None)?
            .ok_or_else(|| Error::internal("an unplanted draw always composes".to_string()));
    };
    for attempt in 0..PLANT_ATTEMPTS {
        // Attempt 0 is the unplanted report's own draw.
        let draw = if attempt == 0 { index } else { index ^ (attempt << 40) };
        let mut planter = Planter::new(plant, seed, index, attempt);
        if let Some(planned) = plan_draw(seed, index, draw, Some(&mut planter))? {
            return Ok(planned);
        }
    }
    Err(Error::internal(format!(
        "{}: none of {PLANT_ATTEMPTS} draws of report {index} (seed {seed}) has what it changes",
        plant.rule()
    )))
}

/// One draw (`draw` selects the random stream; report `index` keeps its name); `None` when the
/// planter had nothing to change in it.
fn plan_draw(seed: u64, index: u64, draw: u64, mut planter: Option<&mut Planter>) -> Result<Option<Planned>> {
    // Scale 1 first; if the draw overflows 30 pages, the same stream is replayed with fewer
    // accounts; a draw under 2 pages is replayed with more.
    let mut last = None;
    for scale in [1.0, 0.55, 0.3, 0.15] {
        if let Some(p) = planter.as_deref_mut() {
            p.planted = false;
        }
        let (truth, version, blocks, mut rng) = compose(seed, draw, scale, planter.as_deref_mut())?;
        if planter.as_deref().is_some_and(|p| !p.planted) {
            // Nothing to plant in this draw; the caller tries the next one.
            return Ok(None);
        }
        let title = layout::title_ops(version.title_line(), version == Version::Personal);
        // Per-report layout variation: how headings stick to tables, the table text size, and
        // (like Word's CJK/Latin autospace) a visual gap between CJK and Latin runs.
        let style = layout::FlowStyle {
            keep_heading: 0.3 + rng.below(60) as f64 / 100.0,
            split_row: 0.7,
            cell_size: *rng.pick(&[8.0, 8.0, 8.0, 7.5, 8.5]),
            script_gap: 0.0,
        };
        let script_gap = if rng.chance(0.25) { 0.3 } else { 0.0 };
        let style = layout::FlowStyle { script_gap, ..style };
        let (pages, stats) = layout::paginate(title, &blocks, &mut rng, style);
        if pages.len() > MAX_PAGES {
            last = Some(pages.len());
            continue;
        }
        return Ok(Some(Planned {
            truth,
            version,
            blocks,
            pages,
            stats,
            script_gap,
            rng,
        }));
    }
    Err(Error::internal(format!(
        "report {index} of seed {seed} stays over {MAX_PAGES} pages ({last:?})"
    )))
}

/// Generates report `index` of corpus `seed` (pdfium route).
pub fn generate(engine: &PdfEngine, font: &Path, seed: u64, index: u64) -> Result<Generated> {
    generate_planted(engine, font, seed, index, None)
}

/// [`generate`] with an inconsistency planted (see [`plant`]); `None` is [`generate`].
pub fn generate_planted(
    engine: &PdfEngine,
    font: &Path,
    seed: u64,
    index: u64,
    plant: Option<Plant>,
) -> Result<Generated> {
    let Planned {
        truth,
        version,
        pages,
        stats,
        script_gap,
        mut rng,
        ..
    } = plan(seed, index, plant)?;
    let wm = watermark(version, &truth, &mut rng);
    let stamp = truth_stamp(&truth);
    let pdf = draw::render(
        engine,
        font,
        &pages,
        &wm,
        script_gap,
        &stamp,
        seed.rotate_left(17) ^ index,
    )?;
    Ok(Generated {
        name: planted_name(Route::Pdfium, seed, index, plant),
        route: Route::Pdfium,
        version,
        truth,
        pdf,
        pages: pages.len(),
        stats: Some(stats),
        watermark: wm.text,
        plant,
    })
}

/// Generates report `index` of corpus `seed` printed by headless Chromium (`chromium` is the
/// executable, see [`html::find_chromium`]). The truth equals [`generate`]'s; the look is drawn
/// from a stream of its own.
pub fn generate_chromium(engine: &PdfEngine, chromium: &Path, seed: u64, index: u64) -> Result<Generated> {
    generate_chromium_planted(engine, chromium, seed, index, None)
}

/// [`generate_chromium`] with an inconsistency planted (see [`plant`]).
pub fn generate_chromium_planted(
    engine: &PdfEngine,
    chromium: &Path,
    seed: u64,
    index: u64,
    plant: Option<Plant>,
) -> Result<Generated> {
    let Planned {
        truth, version, blocks, ..
    } = plan(seed, index, plant)?;
    // "CHROME": a stream apart from compose's, so the look never shifts the content.
    let mut rng = SplitMix64::for_report(seed ^ 0x4348_524F_4D45, index);
    let style = html::HtmlStyle::draw(&mut rng);
    let personal = version == Version::Personal;
    let wm_text = match version {
        Version::Personal => "本报告仅供您了解自己的信用状况使用".to_string(),
        Version::Institution => format!(
            "{}提供 {}",
            ident::person_name(&mut rng),
            truth.credit_header.report_time
        ),
    };
    let wm = html::watermark_style(&mut rng, personal, wm_text);
    let title = html::TitleBlock {
        version_line: version.title_line(),
        notice: personal,
    };
    let doc = html::document(&title, &blocks, &style, &wm);
    let name = planted_name(Route::Chromium, seed, index, plant);
    // For eyeballing a layout in a browser: the HTML as printed.
    if let Some(dir) = std::env::var_os("ZX_SYNTH_HTML_DUMP") {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(Path::new(&dir).join(format!("{name}.html")), &doc)?;
    }
    let pdf = html::print_pdf(chromium, &doc, &truth_stamp(&truth))?;
    let pages = engine.open(&pdf)?.pages().len() as usize;
    Ok(Generated {
        name,
        route: Route::Chromium,
        version,
        truth,
        pdf,
        pages,
        stats: None,
        watermark: wm.text,
        plant,
    })
}

fn truth_stamp(t: &CreditReport) -> String {
    t.credit_header.serial_no.chars().take(14).collect()
}

fn watermark(v: Version, t: &CreditReport, rng: &mut SplitMix64) -> draw::Watermark {
    match v {
        Version::Personal => draw::Watermark {
            text: "本报告仅供您了解自己的信用状况使用".into(),
            color: model::Rgb(150, 150, 150),
            alpha: 45,
            angle: 32.0,
            size: 20.0,
        },
        Version::Institution => draw::Watermark {
            text: format!("{}提供 {}", ident::person_name(rng), t.credit_header.report_time),
            color: RED,
            alpha: 60,
            angle: 15.0,
            size: 16.0,
        },
    }
}

/// How much credit history a report carries, so page counts spread over 2–30.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    /// Few or no accounts: 2–4 pages.
    Thin,
    Normal,
    /// Most families present with many accounts: 15–30 pages.
    Thick,
}

/// How many records of a family: absent with probability `1 - p`, else 1–`max` (scaled).
fn count(rng: &mut SplitMix64, profile: Profile, p: f64, max: usize, scale: f64) -> usize {
    let (p, lo, max) = match profile {
        Profile::Thin => (p * 0.4, 1, max.min(2)),
        Profile::Normal => (p, 1, max),
        Profile::Thick => (p.max(0.85), max, max * 2),
    };
    if !rng.chance(p) {
        return 0;
    }
    let n = rng.urange(lo, max);
    ((n as f64 * scale).round() as usize).max(1)
}

/// Draws the whole report: truth and blocks, in print order.
fn compose(
    seed: u64,
    index: u64,
    scale: f64,
    mut planter: Option<&mut Planter>,
) -> Result<(CreditReport, Version, Vec<Block>, SplitMix64)> {
    let mut rng = SplitMix64::for_report(seed, index);
    let version = if rng.chance(0.5) {
        Version::Personal
    } else {
        Version::Institution
    };
    let mut cx = Ctx::new(&mut rng, version);
    let male = cx.rng.chance(0.5);
    let birth = Date::new(
        cx.today.y - cx.rng.range(20, 65) as i32,
        cx.rng.range(1, 12) as u32,
        cx.rng.range(1, 28) as u32,
    );
    let id = ident::id_number(&mut cx.rng, birth, male);
    let person = Person {
        name: ident::person_name(&mut cx.rng),
        male,
        birth,
        id,
    };

    let profile = match cx.rng.below(10) {
        0 | 1 => Profile::Thin,
        8 | 9 => Profile::Thick,
        _ => Profile::Normal,
    };
    let mut c = |p, max| count(&mut cx.rng, profile, p, max, scale);
    let n_rec = c(0.15, 3);
    let n_d1 = c(0.6, 8);
    let n_r4 = c(0.3, 6);
    let n_r1 = c(0.35, 6);
    let n_r2 = c(0.7, 8);
    let n_r3 = c(0.25, 4);
    let n_dp = c(0.2, 3);
    let n_dc = c(0.12, 2);
    let n_pr = c(0.3, 4);
    let n_nc = c(0.35, 4);
    let has_public = cx.rng.chance(0.45);
    let has_declare = cx.rng.chance(0.2);
    let has_objection = cx.rng.chance(0.2);
    let has_detail = n_rec + n_d1 + n_r4 + n_r1 + n_r2 + n_r3 + n_dp + n_dc + n_pr > 0;
    let others = cx.rng.chance(0.12).then(|| {
        (
            cx.rng.urange(1, 3),
            cx.today.add_months(-cx.rng.range(6, 90)).month().dot(),
        )
    });

    // Section numbers follow the sections actually printed.
    let mut sec = 0;
    let mut next = |present: bool| {
        if present {
            sec += 1;
        }
        sec
    };
    let s_basic = next(true);
    let s_summary = next(true);
    let s_detail = next(has_detail);
    let s_nc = next(n_nc > 0);
    let s_public = next(has_public);
    let s_declare = next(has_declare);
    let s_objection = next(has_objection);
    let s_query = next(true);

    let mut truth = CreditReport::default();
    let mut head = Vec::new();
    truth.credit_header = header::build(&mut cx, &person, &mut head);
    let mut basic_b = Vec::new();
    truth.person_basic_info = basic::build(&mut cx, &person, &mut basic_b, s_basic);

    let mut det = Vec::new();
    if has_detail {
        det.push(Block::Heading {
            text: format!("{} 信贷交易信息明细", sections::cn_num(s_detail)),
            level: 1,
            color: model::BLACK,
        });
        let d = &mut truth.credit_trans_info_detail;
        let mut sub = 0;
        let mut h = |det: &mut Vec<Block>, t: &str| {
            sub += 1;
            det.push(heading(sub, t));
        };
        if n_rec > 0 {
            h(&mut det, "被追偿信息");
            d.recovery_info = detail_other::recoveries(&mut cx, n_rec, &mut det);
        }
        if n_d1 > 0 {
            h(&mut det, "非循环贷账户");
            d.acyclic_credit_account = accounts::loans(&mut cx, accounts::LoanFamily::D1, n_d1, &mut det);
        }
        if n_r4 > 0 {
            h(&mut det, version.r4_name());
            d.cyclical_amount_per_account = accounts::loans(&mut cx, accounts::LoanFamily::R4, n_r4, &mut det);
        }
        if n_r1 > 0 {
            h(&mut det, version.r1_name());
            many_note(&mut cx, n_r1, &mut det);
            d.cyclical_loan_account = accounts::loans(&mut cx, accounts::LoanFamily::R1, n_r1, &mut det)
                .into_iter()
                .map(to_cyclical)
                .collect();
        }
        if n_r2 > 0 {
            h(&mut det, "贷记卡账户");
            many_note(&mut cx, n_r2, &mut det);
            d.credit_account = cards::credit_cards(&mut cx, n_r2, &mut det);
        }
        if n_r3 > 0 {
            h(&mut det, "准贷记卡账户");
            d.quasi_credit_account = cards::quasi_cards(&mut cx, n_r3, &mut det);
        }
        if n_dp + n_dc > 0 {
            h(&mut det, "相关还款责任信息");
            d.concerned_refund_duty_info = detail_other::duties(&mut cx, n_dp, n_dc, &mut det);
        }
        if n_pr > 0 {
            h(&mut det, "授信协议信息");
            d.extension_protocol_info = detail_other::protocols(&mut cx, n_pr, &mut det);
        }
    }
    let mut nc = Vec::new();
    if n_nc > 0 {
        truth.noncredit_trans_info_detail = tail::noncredit(&mut cx, n_nc, &mut nc, s_nc);
    }
    let mut pb = Vec::new();
    if has_public {
        let d =
            public::build(&mut cx, &mut pb, s_public, 0.45).or_else(|| public::build(&mut cx, &mut pb, s_public, 1.0));
        truth.public_info_detail = d.unwrap_or_default();
    }
    let mut decl = Vec::new();
    if has_declare {
        truth.self_declare = tail::self_declare(&mut cx, &mut decl, s_declare);
    }
    if has_objection {
        truth.objection_label = tail::objection_labels(&mut cx, &mut decl, s_objection);
    }
    let (n_cq, n_pq) = match profile {
        Profile::Thick => (cx.rng.urange(10, 45), cx.rng.urange(2, 12)),
        _ => (cx.rng.urange(0, 14), cx.rng.urange(0, 6)),
    };
    truth.query_record = tail::draw_queries(&mut cx, n_cq, n_pq);
    let mut qb = Vec::new();
    tail::emit_queries(&cx, &truth.query_record, &mut qb, s_query);
    tail::explanations(&mut cx, &mut qb);

    // Account plants go in before the summary is derived from the detail, so the summary agrees
    // with the changed account.
    if let Some(p) = planter.as_deref_mut() {
        p.at(Stage::Detail, &mut truth, &mut det, cx.today);
    }
    let mut sm = Vec::new();
    let inputs = summary::Inputs {
        detail: &truth.credit_trans_info_detail,
        noncredit: &truth.noncredit_trans_info_detail,
        public: &truth.public_info_detail,
        queries: &truth.query_record,
        others,
    };
    let info = summary::build(&mut cx, &inputs, &mut sm, s_summary);
    truth.info_summary = info;

    let mut blocks = head;
    for part in [basic_b, sm, det, nc, pb, decl, qb] {
        blocks.extend(part);
    }
    if let Some(p) = planter {
        p.at(Stage::Final, &mut truth, &mut blocks, cx.today);
    }
    let rng = cx.rng.split();
    Ok((truth, version, blocks, rng))
}

/// `（由于该类账户的数量过大，本报告中仅展示最新的 N 个账户。）` — printed, no truth key.
fn many_note(cx: &mut Ctx, n: usize, out: &mut Vec<Block>) {
    if n >= 4 && cx.rng.chance(0.3) {
        out.push(Block::Para(format!(
            "（由于该类账户的数量过大，本报告中仅展示最新的{n}个账户。）"
        )));
    }
}

fn to_cyclical(a: zhengxin::report::LoanAccount) -> zhengxin::report::CyclicalLoanAccount {
    zhengxin::report::CyclicalLoanAccount {
        name: a.name,
        manage_company: a.manage_company,
        amount_id: a.amount_id,
        start_date: a.start_date,
        deadline_date: a.deadline_date,
        account_extension_amount: a.refund_amount,
        account_currency_type: a.account_currency_type,
        kind: a.kind,
        guarantee_type: a.guarantee_type,
        refund_period_num: a.refund_period_num,
        refund_frequency: a.refund_frequency,
        refund_type: a.refund_type,
        join_refund_flag: a.join_refund_flag,
        due_date: a.due_date,
        account_state: a.account_state,
        before_deadline_date: a.before_deadline_date,
        refund_record: a.refund_record,
        special_trans_types: a.special_trans_types,
        company_info: a.company_info,
        self_statement: a.self_statement,
        objection_label: a.objection_label,
        special_label: a.special_label,
    }
}

/// The route key `zhengxin-lab eval` reports a `--source` PDF under (it was drawn by someone else).
pub const SOURCE_ROUTE: &str = "source";

/// `--source`: the given PDF (and truth) copied into the corpus with its scans at `levels`.
/// Scan seeds follow the same rule as generated reports (report index 0 of `--seed`).
fn scan_source(
    engine: &PdfEngine,
    source: &std::path::Path,
    truth: Option<&std::path::Path>,
    levels: &[scan::ScanLevel],
    args: &GenArgs,
) -> Result<()> {
    let name = source
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| Error::invalid_input(format!("--source {}: no file name", source.display())))?;
    let pdf = std::fs::read(source)?;
    if let Some(truth) = truth {
        // Parsed first so a wrong file fails here rather than as an empty score.
        let text = std::fs::read_to_string(truth)?;
        serde_json::from_str::<CreditReport>(&text)
            .map_err(|e| Error::invalid_input(format!("--truth {}: {e}", truth.display())))?;
        std::fs::write(args.out.join(format!("{name}.truth.json")), text)?;
    }
    std::fs::write(args.out.join(format!("{name}.pdf")), &pdf)?;
    // Its own route key, so `zhengxin-lab eval` reports it apart from the generated reports.
    let meta = serde_json::json!({ "route": SOURCE_ROUTE, "source": source.file_name().and_then(|f| f.to_str()) });
    std::fs::write(args.out.join(format!("{name}.meta.json")), meta.to_string())?;
    for level in levels {
        let scan_seed = SplitMix64::for_report(args.seed, 0).next_u64() ^ (*level as u64 + 1);
        let (scanned, _) = scan::scan_with_engine(engine, &pdf, *level, scan_seed)?;
        std::fs::write(args.out.join(format!("{name}.scan-{}.pdf", level.as_str())), scanned)?;
        tracing::info!(name, level = level.as_str(), "scanned");
    }
    Ok(())
}

/// Parses `--scan-levels`: a comma list of level names, or `none`.
pub fn parse_scan_levels(list: &str) -> Result<Vec<scan::ScanLevel>> {
    if list.trim().eq_ignore_ascii_case("none") || list.trim().is_empty() {
        return Ok(Vec::new());
    }
    list.split(',').map(str::parse).collect()
}

/// The CJK TrueType font the generator embeds, under the artefacts' home (fetched by
/// `scripts/download_models.sh`).
pub fn cjk_font(settings: &Settings) -> PathBuf {
    settings.home.join("third_party/fonts/DroidSansFallbackFull.ttf")
}

/// Writes `count` reports (`NAME.pdf`, `NAME.truth.json`, `NAME.meta.json`) into `args.out`, each followed by its
/// scanned variants `NAME.scan-LEVEL.pdf`, then the negative cases with `--negatives`.
pub fn run(args: &GenArgs) -> Result<()> {
    // Validate every argument before writing anything.
    let levels = parse_scan_levels(&args.scan_levels)?;
    let plants: Vec<Option<Plant>> = if args.plant.is_empty() {
        vec![None]
    } else {
        Plant::parse_list(&args.plant)?.into_iter().map(Some).collect()
    };
    let settings = Settings::from_env()?;
    let engine = PdfEngine::load(&settings.pdfium_lib())?;
    let font = cjk_font(&settings);
    let chromium = match args.route {
        Route::Chromium => Some(html::find_chromium()?),
        Route::Pdfium => None,
    };
    std::fs::create_dir_all(&args.out)?;
    if let Some(source) = &args.source {
        return scan_source(&engine, source, args.truth.as_deref(), &levels, args);
    }
    for (plant, i) in plants.iter().flat_map(|p| (0..args.count as u64).map(move |i| (*p, i))) {
        let g = match &chromium {
            Some(browser) => generate_chromium_planted(&engine, browser, args.seed, i, plant)?,
            None => generate_planted(&engine, &font, args.seed, i, plant)?,
        };
        let json = serde_json::to_string_pretty(&g.truth).map_err(|e| Error::internal(format!("truth json: {e}")))?;
        std::fs::write(args.out.join(format!("{}.truth.json", g.name)), json)?;
        std::fs::write(args.out.join(format!("{}.pdf", g.name)), &g.pdf)?;
        // What the truth cannot hold (CONVENTIONS 19): version and layout facts, for evaluation.
        let mut meta = serde_json::json!({
            "name": g.name,
            "route": g.route.as_str(),
            "seed": args.seed,
            "index": i,
            "version": g.version.label(),
            "pages": g.pages,
        });
        if let Some(stats) = g.stats {
            meta["tableBreaks"] = stats.table_breaks.into();
            meta["rowCuts"] = stats.row_cuts.into();
        }
        if let Some(p) = g.plant {
            meta["plant"] = p.rule().into();
        }
        std::fs::write(args.out.join(format!("{}.meta.json", g.name)), meta.to_string())?;
        for level in &levels {
            // A distinct scan seed per report and level, still a pure function of (seed, index).
            let scan_seed = SplitMix64::for_report(args.seed, i).next_u64() ^ (*level as u64 + 1);
            let scanned = scan::make_scan(&g.pdf, *level, scan_seed)?;
            std::fs::write(
                args.out.join(format!("{}.scan-{}.pdf", g.name, level.as_str())),
                scanned,
            )?;
        }
        if args.garbled {
            std::fs::write(
                args.out.join(format!("{}.{GARBLED_VARIANT}.pdf", g.name)),
                garble::garble(&g.pdf)?,
            )?;
        }
        tracing::info!(name = %g.name, route = g.route.as_str(), pages = g.pages, version = ?g.version, "generated");
    }
    if args.negatives {
        let written = negatives::write_negatives(&args.out, args.seed)?;
        tracing::info!(count = written.len(), "negatives written");
    }
    Ok(())
}
