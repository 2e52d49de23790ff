//! The worker's side (`zhengxin worker`): load the models once, then answer requests from
//! stdin on stdout until stdin closes. Logs go to stderr and never carry field values or PDF
//! bytes; nothing is written to disk.

use std::io::{BufReader, BufWriter, Read, Write};
use std::panic::AssertUnwindSafe;

use super::protocol::{self, Reply, WireOptions, MAX_REQUEST_FRAME};
use crate::pipeline::Pipeline;
use crate::server::ReportParser;
use crate::{Error, Result};

/// Serves requests with `parser` until `input` ends. A broken request stream is an error
/// (the server then replaces this worker).
pub fn serve(parser: &dyn ReportParser, input: impl Read, output: impl Write) -> Result<()> {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    send(&mut output, &Reply::Ready)?;
    loop {
        let Some(options) = protocol::read_frame(&mut input, MAX_REQUEST_FRAME)? else {
            return Ok(());
        };
        let options: WireOptions =
            serde_json::from_slice(&options).map_err(|e| Error::internal_from("unreadable request options", e))?;
        let pdf = protocol::read_frame(&mut input, MAX_REQUEST_FRAME)?
            .ok_or_else(|| Error::internal("request ended before its PDF"))?;
        // A panic is one request's internal error, as in the server's own process; the
        // installed hook has logged its location (without its message).
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| parser.parse(&pdf, options.into())))
            .unwrap_or_else(|_| Err(Error::internal("the parser panicked")));
        send(&mut output, &Reply::of(result))?;
    }
}

fn send(output: &mut impl Write, reply: &Reply) -> Result<()> {
    let json = serde_json::to_vec(reply).map_err(|e| Error::internal_from("reply serialisation failed", e))?;
    protocol::write_frame(output, &json)?;
    Ok(output.flush()?)
}

/// `zhengxin worker`: the production pipeline over stdin and the protocol stream.
pub fn run(pipeline: &Pipeline, replies: std::fs::File) -> Result<()> {
    serve(pipeline, std::io::stdin().lock(), replies)
}

/// Takes stdout for the replies and points file descriptor 1 at stderr, so that anything a
/// native library prints to stdout lands in the log instead of corrupting a frame. Call before
/// loading pdfium or ONNX Runtime.
#[allow(unsafe_code)]
pub fn take_stdout() -> Result<std::fs::File> {
    use std::os::fd::AsFd;
    let replies = std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|e| Error::internal_from("cannot duplicate stdout", e))?;
    // SAFETY: dup2 on two descriptors this process owns for its whole life (0–2); it replaces
    // fd 1 atomically, and Rust's `Stdout` holds no copy of the descriptor number's state.
    if unsafe { libc::dup2(2, 1) } < 0 {
        return Err(Error::internal_from(
            "cannot point stdout at stderr",
            std::io::Error::last_os_error(),
        ));
    }
    Ok(std::fs::File::from(replies))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::isolate::protocol::WireError;
    use crate::pipeline::{ParseOptions, ParseOutcome};

    /// Refuses every PDF, or panics on one that starts with "panic".
    struct Refuser;

    impl ReportParser for Refuser {
        fn parse(&self, bytes: &[u8], opts: ParseOptions) -> Result<ParseOutcome> {
            assert!(opts.evidence);
            if bytes.starts_with(b"panic") {
                panic!("parser bug");
            }
            Err(Error::invalid_input(format!("{} bytes refused", bytes.len())))
        }
    }

    fn request(pdf: &[u8]) -> Vec<u8> {
        let mut buf = Vec::new();
        let opts = WireOptions {
            classify: false,
            evidence: true,
            page_images: false,
        };
        protocol::write_frame(&mut buf, &serde_json::to_vec(&opts).unwrap()).unwrap();
        protocol::write_frame(&mut buf, pdf).unwrap();
        buf
    }

    #[test]
    fn the_loop_answers_each_request_and_survives_a_panic() {
        let mut input = request(b"abc");
        input.extend(request(b"panic now"));
        let mut output = Vec::new();
        serve(&Refuser, &input[..], &mut output).unwrap();
        let mut r = &output[..];
        let mut next =
            || -> Reply { serde_json::from_slice(&protocol::read_frame(&mut r, 1 << 20).unwrap().unwrap()).unwrap() };
        assert!(matches!(next(), Reply::Ready));
        assert!(matches!(next(), Reply::Failed(WireError::Parameter { message }) if message == "3 bytes refused"));
        assert!(matches!(next(), Reply::Failed(WireError::Internal { .. })));
        assert!(r.is_empty());
    }

    #[test]
    fn a_request_cut_short_is_an_error() {
        let input = request(b"abc");
        let mut output = Vec::new();
        assert!(serve(&Refuser, &input[..input.len() - 1], &mut output).is_err());
    }
}
