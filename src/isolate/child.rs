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

/// `zhengxin worker`: the production pipeline over stdin/stdout.
pub fn run(pipeline: &Pipeline) -> Result<()> {
    serve(pipeline, std::io::stdin().lock(), std::io::stdout().lock())
}
