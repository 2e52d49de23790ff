//! Process isolation: the worker pool against a fake worker that aborts, hangs, spins or eats
//! memory (tests/fixtures/workers/fake_worker.py), and end to end against the real
//! `zhengxin worker` behind the HTTP server.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use zhengxin::api::{client_message, Status};
use zhengxin::config::WorkerLimits;
use zhengxin::isolate::{PoolConfig, WorkerCommand, WorkerPool};
use zhengxin::pipeline::ParseOptions;
use zhengxin::server::ReportParser;

fn fake_pool(workers: usize, limits: WorkerLimits) -> WorkerPool {
    let script = repo_root().join("tests/fixtures/workers/fake_worker.py");
    WorkerPool::start(PoolConfig {
        command: WorkerCommand {
            program: "python3".into(),
            args: vec![script.into()],
            env: Vec::new(),
            memory_mb: limits.memory_mb,
        },
        workers,
        limits,
    })
    .expect("fake workers start")
}

fn no_recycling() -> WorkerLimits {
    WorkerLimits {
        max_requests: 0,
        max_rss_mb: 0,
        memory_mb: 0,
    }
}

fn parse(pool: &WorkerPool, what: &[u8], within: Duration) -> zhengxin::Result<zhengxin::pipeline::ParseOutcome> {
    pool.parse_until(what, ParseOptions::default(), Instant::now() + within)
}

fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[test]
fn a_worker_that_aborts_costs_one_internal_error_and_is_replaced() {
    let pool = fake_pool(1, no_recycling());
    let before = pool.idle_pids();
    assert!(pool.has_live_worker());
    let e = parse(&pool, b"abort", Duration::from_secs(30)).unwrap_err();
    assert_eq!(Status::of(&e), Status::InternalError);
    assert!(e.to_string().contains("SIGABRT"), "{e}");
    assert!(!alive(before[0]), "the aborted worker is reaped");
    assert_eq!(pool.replaced(), 1);
    // The next request waits for the replacement and is served by it.
    let ok = parse(&pool, b"fine", Duration::from_secs(30)).expect("the replacement serves");
    assert_eq!(ok.summary.page_count, 1);
    assert_ne!(pool.idle_pids(), before);
    // Counted back as running once the replacement is up (`/readyz` reads this).
    assert!(pool.has_live_worker());
}

#[test]
fn a_worker_killed_while_idle_is_replaced_without_failing_the_next_request() {
    let pool = fake_pool(1, no_recycling());
    let pid = pool.idle_pids()[0];
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(200));
    let ok = parse(&pool, b"fine", Duration::from_secs(30)).expect("served by the replacement");
    assert_eq!(ok.summary.page_count, 1);
    assert_eq!(pool.replaced(), 1);
    assert_ne!(pool.idle_pids(), vec![pid]);
}

#[test]
fn a_worker_past_the_deadline_is_killed_at_once() {
    for behaviour in [&b"hang"[..], b"spin"] {
        let pool = fake_pool(1, no_recycling());
        let pid = pool.idle_pids()[0];
        let started = Instant::now();
        let deadline = Duration::from_millis(800);
        let e = parse(&pool, behaviour, deadline).unwrap_err();
        let answered = started.elapsed();
        assert_eq!(client_message(&e), "timed out");
        assert!(answered < deadline + Duration::from_millis(500), "{answered:?}");
        // Killed and reaped before the answer: the CPU it was burning is free.
        let gone_after = started.elapsed().saturating_sub(deadline);
        assert!(!alive(pid), "worker {pid} still exists");
        println!(
            "{}: answered {} ms after the deadline; worker process gone by then",
            String::from_utf8_lossy(behaviour),
            gone_after.as_millis()
        );
        assert!(gone_after < Duration::from_secs(1));
        assert_eq!(pool.replaced(), 1);
        parse(&pool, b"fine", Duration::from_secs(30)).expect("the replacement serves");
    }
}

#[test]
fn a_worker_that_eats_memory_is_stopped_by_its_address_space_limit() {
    let pool = fake_pool(
        1,
        WorkerLimits {
            memory_mb: 512,
            ..no_recycling()
        },
    );
    let started = Instant::now();
    let e = parse(&pool, b"eat", Duration::from_secs(60)).unwrap_err();
    assert_eq!(Status::of(&e), Status::InternalError);
    // Contained well before the deadline: the allocation failed at the limit.
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(pool.replaced(), 1);
    parse(&pool, b"fine", Duration::from_secs(30)).expect("the replacement serves");
}

#[test]
fn workers_are_recycled_after_their_share_of_requests() {
    let pool = fake_pool(
        1,
        WorkerLimits {
            max_requests: 2,
            ..no_recycling()
        },
    );
    let first = pool.idle_pids()[0];
    for _ in 0..3 {
        parse(&pool, b"fine", Duration::from_secs(30)).unwrap();
    }
    assert_eq!(pool.recycled(), 1);
    assert_eq!(pool.replaced(), 0);
    assert!(!alive(first));
}

#[test]
fn a_worker_that_never_gets_ready_fails_the_pool_start() {
    let r = WorkerPool::start(PoolConfig {
        command: WorkerCommand {
            program: "false".into(),
            args: Vec::new(),
            env: Vec::new(),
            memory_mb: 0,
        },
        workers: 2,
        limits: no_recycling(),
    });
    let e = r.err().expect("start must fail");
    assert!(e.to_string().contains("exit status 1"), "{e}");
}

fn real_pool(workers: usize) -> WorkerPool {
    WorkerPool::start(PoolConfig {
        command: WorkerCommand {
            program: env!("CARGO_BIN_EXE_zhengxin").into(),
            args: vec!["worker".into()],
            env: vec![("ZHENGXIN_HOME".into(), repo_root().into())],
            // The production cap, so this also shows a real parse fits under it.
            memory_mb: WorkerLimits::default().memory_mb,
        },
        workers,
        limits: WorkerLimits::default(),
    })
    .expect("zhengxin worker starts (run scripts/download_models.sh)")
}

fn sample_pdf() -> Vec<u8> {
    let sample = repo_root().join("../shared/samples/pboc_personal_benrenban_sample_2015design_19p.pdf");
    std::fs::read(&sample).unwrap_or_else(|e| panic!("{}: {e}", sample.display()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_with_worker_processes_answers_as_in_process() {
    let pdf = sample_pdf();
    let body = form(&[file("image_file", "r.pdf", &pdf), text("evidence", "1")]);
    // Page images are rendered where the parse runs: in the worker, from the options it was sent.
    let with_images = form(&[
        file("image_file", "r.pdf", &pdf),
        text("evidence", "1"),
        text("page_images", "1"),
    ]);
    let client = TestClient::default();

    let settings = common::settings(&[]);
    let local = TestServer::start(settings.clone()).await;
    let expected = client
        .post_form(&local.url("/api/credit_report_v2"), body.clone(), &[])
        .await;
    let expected_images = client
        .post_form(&local.url("/api/credit_report_v2"), with_images.clone(), &[])
        .await;
    local.shutdown().await;

    let pool = Arc::new(real_pool(1));
    let isolated = TestServer::start_with(pool.clone(), settings).await;
    let url = isolated.url("/api/credit_report_v2");
    let got = client.post_form(&url, body, &[]).await;
    assert_eq!(expected.status(), "OK");
    assert_eq!(got.body, expected.body, "same bytes through a worker process");
    let got_images = client.post_form(&url, with_images, &[]).await;
    assert!(
        expected_images.json["evidence"]["pages"][0]["image"].is_string(),
        "page images in process"
    );
    assert!(
        got_images.body == expected_images.body,
        "same page images through a worker process"
    );
    // Refusals keep their status and text.
    let not_pdf = client
        .post_form(&url, form(&[file("image_file", "x.pdf", b"hello")]), &[])
        .await;
    assert_eq!(not_pdf.status(), "PARAMETER_ERROR");
    assert!(not_pdf.error().contains("not a PDF"), "{}", not_pdf.error());
    assert_eq!(pool.replaced(), 0);
    isolated.shutdown().await;
}

/// Cost of isolation on a text report: the same requests through one in-process server and
/// one with a worker process, interleaved in the same run. `cargo test --release --test
/// worker_isolation -- --ignored --nocapture isolation_cost`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run by hand (see README, Isolation)"]
async fn isolation_cost() {
    const N: usize = 40;
    let pdf = sample_pdf();
    let body = form(&[file("image_file", "r.pdf", &pdf)]);
    let client = TestClient::default();
    let settings = common::settings(&[]);
    let thread = TestServer::start(settings.clone()).await;
    let process = TestServer::start_with(Arc::new(real_pool(1)), settings).await;
    let (mut t_ms, mut p_ms) = (Vec::new(), Vec::new());
    for i in 0..N + 2 {
        for (server, out) in [(&thread, &mut t_ms), (&process, &mut p_ms)] {
            let started = Instant::now();
            let r = client
                .post_form(&server.url("/api/credit_report_v2"), body.clone(), &[])
                .await;
            assert_eq!(r.status(), "OK");
            // The first two of each warm up caches.
            if i >= 2 {
                out.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    let p50 = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (t, p) = (p50(&mut t_ms), p50(&mut p_ms));
    println!(
        "isolation cost, {N} requests each, 19-page text report: p50 thread {t:.1} ms, process {p:.1} ms, difference {:.1} ms",
        p - t
    );
    thread.shutdown().await;
    process.shutdown().await;
}
