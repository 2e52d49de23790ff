//! Negative cases of the synthetic corpus: valid PDFs that are not second-generation personal
//! credit reports are NOT_RECOGNIZABLE when classification is on; broken files are
//! PARAMETER_ERROR whatever the flag says.

use zhengxin::api::Status;
use zhengxin::config::Settings;
use zhengxin::pipeline::{ParseOptions, Pipeline};
use zhengxin_lab::synth::negatives::write_negatives;

#[test]
fn non_reports_are_not_recognizable_and_broken_files_are_parameter_errors() {
    let dir = std::env::temp_dir().join(format!("zhengxin-negatives-{}", std::process::id()));
    let paths = write_negatives(&dir, 11).expect("write negatives (run scripts/download_models.sh)");
    let pipeline = Pipeline::new(&Settings::from_env().unwrap()).expect("pipeline");
    let (mut neg, mut broken) = (0, 0);
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).unwrap();
        let classified = pipeline.parse(
            &bytes,
            ParseOptions {
                classify: true,
                ..ParseOptions::default()
            },
        );
        let status = match &classified {
            Ok(_) => Status::Ok,
            Err(e) => Status::of(e),
        };
        if name.starts_with("neg-") {
            neg += 1;
            assert_eq!(status, Status::NotRecognizable, "{name} with auto_classify=1");
        } else if name.starts_with("broken-") {
            broken += 1;
            assert_eq!(status, Status::ParameterError, "{name} with auto_classify=1");
            let unclassified = pipeline.parse(
                &bytes,
                ParseOptions {
                    classify: false,
                    ..ParseOptions::default()
                },
            );
            assert_eq!(
                unclassified.err().map(|e| Status::of(&e)),
                Some(Status::ParameterError),
                "{name} with auto_classify=0"
            );
        } else {
            panic!("unexpected negative file {name}");
        }
    }
    assert!(
        neg >= 5 && broken >= 4,
        "expected ≥5 non-reports and ≥4 broken files, got {neg} and {broken}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
