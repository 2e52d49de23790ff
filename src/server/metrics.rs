//! `GET /metrics`: the server's Prometheus metrics (OpenMetrics text, `prometheus-client`).
//! Counts and timings only — never anything read from a document.

use std::sync::atomic::{AtomicU64, Ordering};

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use crate::api::Status;
use crate::pipeline::StageTimes;

/// The content type of [`Metrics::render`]'s output (what Prometheus asks for first).
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";
/// The classic Prometheus text format ([`classic_text`]), for clients that do not accept
/// OpenMetrics (promtool, older scrapers, curl).
pub const CLASSIC_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Whether an `Accept` header takes OpenMetrics.
pub fn accepts_openmetrics(accept: Option<&str>) -> bool {
    accept.is_some_and(|a| a.contains("application/openmetrics-text"))
}

/// The classic text format of `prometheus-client`'s OpenMetrics output. The two differ, for
/// the metrics here, in two points: OpenMetrics names a counter family without its `_total`
/// (its samples carry it) and ends with `# EOF`; the classic format names the family as the
/// samples are named and has no end marker.
pub fn classic_text(openmetrics: &str) -> String {
    let counters: Vec<&str> = openmetrics
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE ")?.strip_suffix(" counter"))
        .collect();
    let mut out = String::with_capacity(openmetrics.len());
    for line in openmetrics.lines().filter(|l| *l != "# EOF") {
        let renamed = ["# HELP ", "# TYPE "].iter().find_map(|tag| {
            let rest = line.strip_prefix(tag)?;
            let (name, tail) = rest.split_once(' ')?;
            counters.contains(&name).then(|| format!("{tag}{name}_total {tail}"))
        });
        out.push_str(renamed.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabel {
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SourceLabel {
    source: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StageLabel {
    stage: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VersionLabel {
    version: &'static str,
}

/// Every metric the server exports.
pub struct Metrics {
    registry: Registry,
    requests: Family<StatusLabel, Counter>,
    latency: Family<StatusLabel, Histogram>,
    pages: Family<SourceLabel, Counter>,
    stages: Family<StageLabel, Histogram>,
    in_flight: Gauge,
    queued: Gauge,
    worker_restarts: Counter,
    restarts_seen: AtomicU64,
    model_load: Gauge<f64, AtomicU64>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A registry with every metric at zero.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("zhengxin");
        let requests = Family::<StatusLabel, Counter>::default();
        // 10 ms to ~160 s: text reports take tens of milliseconds, long scans minutes.
        let latency = Family::<StatusLabel, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.01, 2.0, 15))
        });
        let pages = Family::<SourceLabel, Counter>::default();
        // 0.5 ms to ~260 s: a text page's stages take about a millisecond, a long scan's OCR
        // minutes.
        let stages = Family::<StageLabel, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 20))
        });
        let in_flight = Gauge::default();
        let queued = Gauge::default();
        let worker_restarts = Counter::default();
        let model_load = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "requests",
            "credit_report_v2 requests answered, by the body's status",
            requests.clone(),
        );
        registry.register(
            "request_duration_seconds",
            "credit_report_v2 time from request to answer, by status",
            latency.clone(),
        );
        registry.register(
            "pages",
            "pages of answered documents, by how they were read (text layer or OCR)",
            pages.clone(),
        );
        registry.register(
            "stage_seconds",
            "time per parse spent in each pipeline stage (open, text, render, geometry, detect, recognise, \
             layout, parse, evidence), summed over its pages; successful parses, stages that ran",
            stages.clone(),
        );
        registry.register(
            "requests_in_flight",
            "credit_report_v2 requests being answered",
            in_flight.clone(),
        );
        registry.register(
            "parse_queue_length",
            "requests whose upload is read, waiting for a parse slot",
            queued.clone(),
        );
        registry.register(
            "worker_restarts",
            "worker processes replaced after a crash, a broken reply or a deadline",
            worker_restarts.clone(),
        );
        registry.register(
            "model_load_seconds",
            "time to load the models (and start the workers) at start-up",
            model_load.clone(),
        );
        // A gauge at 1 labelled with the version (the `_info` convention), not OpenMetrics' info
        // type, which Prometheus' classic text tools (promtool) do not parse.
        let build = Family::<VersionLabel, Gauge>::default();
        build
            .get_or_create(&VersionLabel {
                version: env!("CARGO_PKG_VERSION"),
            })
            .set(1);
        registry.register("build_info", "the running build", build);
        Self {
            registry,
            requests,
            latency,
            pages,
            stages,
            in_flight,
            queued,
            worker_restarts,
            restarts_seen: AtomicU64::new(0),
            model_load,
        }
    }

    /// Records an answered request.
    pub fn answered(&self, status: Status, seconds: f64, pages: Option<(usize, usize)>) {
        let label = StatusLabel {
            status: status.as_str().to_string(),
        };
        self.requests.get_or_create(&label).inc();
        self.latency.get_or_create(&label).observe(seconds);
        if let Some((text, ocr)) = pages {
            self.pages
                .get_or_create(&SourceLabel { source: "text" })
                .inc_by(text as u64);
            self.pages
                .get_or_create(&SourceLabel { source: "ocr" })
                .inc_by(ocr as u64);
        }
    }

    /// Records the stage times of a successful parse (in process or in a worker).
    pub fn parsed(&self, stages: &StageTimes) {
        for (stage, d) in stages.iter() {
            self.stages
                .get_or_create(&StageLabel { stage: stage.as_str() })
                .observe(d.as_secs_f64());
        }
    }

    /// The in-flight gauge, held up while the guard lives.
    pub fn in_flight(&self) -> GaugeGuard<'_> {
        GaugeGuard::new(&self.in_flight)
    }

    /// The queue gauge, held up while the guard lives.
    pub fn queued(&self) -> GaugeGuard<'_> {
        GaugeGuard::new(&self.queued)
    }

    /// Sets the start-up model load time.
    pub fn set_model_load_seconds(&self, seconds: f64) {
        self.model_load.set(seconds);
    }

    /// The metrics as OpenMetrics text; `worker_restarts` is the parser's count so far.
    pub fn render(&self, worker_restarts: u64) -> String {
        let before = self.restarts_seen.swap(worker_restarts, Ordering::Relaxed);
        self.worker_restarts.inc_by(worker_restarts.saturating_sub(before));
        let mut out = String::new();
        // Writing into a String cannot fail; an encoding error would be a bug in a metric.
        if encode(&mut out, &self.registry).is_err() {
            tracing::error!("metrics could not be encoded");
        }
        out
    }
}

/// Increments a gauge now and decrements it when dropped (every exit path of a request).
pub struct GaugeGuard<'a>(&'a Gauge);

impl<'a> GaugeGuard<'a> {
    fn new(g: &'a Gauge) -> Self {
        g.inc();
        Self(g)
    }
}

impl Drop for GaugeGuard<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Stage;
    use std::time::Duration;

    #[test]
    fn answered_requests_and_pages_are_counted() {
        let m = Metrics::new();
        m.answered(Status::Ok, 0.05, Some((8, 2)));
        m.answered(Status::ParameterError, 0.001, None);
        let mut stages = StageTimes::default();
        stages.add(Stage::Text, Duration::from_millis(3));
        stages.add(Stage::Recognise, Duration::from_secs(2));
        m.parsed(&stages);
        let _g = m.in_flight();
        let text = m.render(3);
        assert!(
            text.contains("zhengxin_stage_seconds_count{stage=\"text\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("zhengxin_stage_seconds_sum{stage=\"recognise\"} 2.0"),
            "{text}"
        );
        // A stage that did not run has no series (not a zero observation).
        assert!(!text.contains("stage=\"detect\""), "{text}");
        assert!(text.contains("zhengxin_requests_total{status=\"OK\"} 1"), "{text}");
        assert!(
            text.contains("zhengxin_requests_total{status=\"PARAMETER_ERROR\"} 1"),
            "{text}"
        );
        assert!(text.contains("zhengxin_pages_total{source=\"ocr\"} 2"), "{text}");
        assert!(text.contains("zhengxin_pages_total{source=\"text\"} 8"), "{text}");
        assert!(text.contains("zhengxin_requests_in_flight 1"), "{text}");
        assert!(text.contains("zhengxin_worker_restarts_total 3"), "{text}");
        // Restarts are the parser's running total: rendering again adds nothing.
        assert!(m.render(3).contains("zhengxin_worker_restarts_total 3"));
        assert!(text.ends_with("# EOF\n"), "{text}");
        let classic = classic_text(&text);
        assert!(
            classic.contains("# TYPE zhengxin_requests_total counter\n"),
            "{classic}"
        );
        assert!(
            classic.contains("# HELP zhengxin_requests_total credit_report_v2"),
            "{classic}"
        );
        assert!(
            classic.contains("# TYPE zhengxin_requests_in_flight gauge\n"),
            "{classic}"
        );
        assert!(!classic.contains("# EOF"));
        assert!(accepts_openmetrics(Some(
            "application/openmetrics-text;version=1.0.0,text/plain;q=0.5"
        )));
        assert!(!accepts_openmetrics(Some("*/*")) && !accepts_openmetrics(None));
    }
}
