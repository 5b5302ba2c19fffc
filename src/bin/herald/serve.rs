//! `herald serve`: the extractor over HTTP, and a page for people.
//!
//! | route | in | out |
//! |---|---|---|
//! | `POST /extract` | `{"text", "date"?, "id"?}` as JSON, or the text itself as `text/plain` (`?date=YYYY-MM-DD`) | the `extract` command's JSON for one document |
//! | `POST /extract/batch` | a JSON array of such objects, or JSON Lines | a JSON array (or JSON Lines) of results, in input order |
//! | `POST /view` | as `/extract` | the HTML view's section for the document, which `GET /` inserts |
//! | `GET /` | | a self-contained page: paste or drop a story, run, read it |
//! | `GET /healthz` | | `{"status": "ok"}` |
//!
//! Every failure has a status and a body `{"error": "..."}`: 413 for a body
//! over `--max-body-bytes`, 400 for a body that is not UTF-8 or not the
//! JSON asked for, 503 when a request outlives its timeout, and 503 with
//! `Retry-After` when `--queue` extractions are already admitted.
//!
//! The extractor is built once and shared. Extraction is CPU work, so it
//! runs on tokio's blocking pool (at most `--threads` at a time), never on
//! the threads that accept connections: a slow document delays only its
//! own request. The queue bounds what is admitted (running or waiting for a
//! thread), so a burst is refused at once instead of piling up memory and
//! latency. A request that times out is answered 503 at once; its
//! extraction cannot be interrupted and finishes in the background, still
//! holding its place in the queue, so the queue keeps counting real work.
//!
//! There is no authentication: the default address is loopback, and
//! anything else must be asked for with `--addr` (see the README).

use crate::html_view;
use crate::{Failure, parse_date};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use herald::{Document, Extractor};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on. The server has no authentication: bind
    /// anything but loopback only behind a proxy that adds it. Port 0 picks
    /// a free port; the first line of standard output names the address.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Add a gazetteer (herald's .tsv, or spaCy patterns as .jsonl) to the
    /// embedded ones. Repeatable.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Add a rule file to the embedded rules. Repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Extractions running at once [default: one per core].
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Largest request body accepted; larger ones get 413.
    #[arg(long, value_name = "N", default_value_t = 10 << 20)]
    max_body_bytes: usize,
    /// A request not answered within this many seconds gets 503.
    #[arg(long, value_name = "N", default_value_t = 30)]
    timeout_secs: u64,
    /// The timeout in milliseconds, instead of --timeout-secs.
    #[arg(long, value_name = "N", conflicts_with = "timeout_secs")]
    timeout_ms: Option<u64>,
    /// Extractions admitted at once (running or waiting for a thread);
    /// more get 503 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = 256)]
    queue: usize,
}

/// What every request shares.
struct App {
    extractor: Extractor,
    /// One permit per admitted extraction.
    queue: Arc<Semaphore>,
    max_body_bytes: usize,
    page: String,
}

pub fn run(args: &ServeArgs) -> Result<ExitCode, Failure> {
    let mut builder = Extractor::builder();
    for path in &args.gazetteers {
        builder = builder.gazetteer_file(path);
    }
    for path in &args.rules {
        builder = builder.rules_file(path);
    }
    let extractor = builder.build()?;
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let timeout = match args.timeout_ms {
        Some(ms) => Duration::from_millis(ms),
        None => Duration::from_secs(args.timeout_secs),
    };
    let app = Arc::new(App {
        extractor,
        queue: Arc::new(Semaphore::new(args.queue.min(Semaphore::MAX_PERMITS))),
        max_body_bytes: args.max_body_bytes,
        page: html_view::page_around(&[], FORM, FORM_SCRIPT),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // The blocking pool is where extraction runs: its size is the
        // number of documents extracted at once.
        .max_blocking_threads(threads.max(1))
        .build()
        .map_err(|e| Failure(format!("starting the server: {e}")))?;
    runtime.block_on(serve(app, args.addr, timeout))?;
    Ok(ExitCode::SUCCESS)
}

async fn serve(app: Arc<App>, addr: SocketAddr, timeout: Duration) -> Result<(), Failure> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Failure(format!("cannot listen on {addr}: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Failure(format!("cannot listen on {addr}: {e}")))?;
    // Scripts and tests read the address from this first line (the port
    // may have been 0).
    println!("herald serve: listening on http://{bound}");
    if !bound.ip().is_loopback() {
        eprintln!(
            "herald serve: {bound} is reachable from other machines and has no \
             authentication; put it behind a proxy that adds some"
        );
    }
    let router = Router::new()
        .route("/", get(index))
        .route("/healthz", get(healthz))
        // Browsers ask for it; the page has none, and a 404 would be
        // logged as an error in their console.
        .route("/favicon.ico", get(StatusCode::NO_CONTENT))
        .route("/extract", post(extract))
        .route("/extract/batch", post(extract_batch))
        .route("/view", post(view))
        .fallback(not_found)
        .with_state(app)
        .layer(axum::middleware::from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| async move {
                // The timeout covers the whole request, reading the body
                // included, so a client that sends slowly cannot hold a
                // connection's handler forever either.
                match tokio::time::timeout(timeout, next.run(request)).await {
                    Ok(response) => response,
                    Err(_) => ApiError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        format!("the request took longer than {}", Seconds(timeout)),
                    )
                    .into_response(),
                }
            },
        ));
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| Failure(format!("serving: {e}")))?;
    eprintln!("herald serve: stopped");
    Ok(())
}

/// Resolves on ctrl-c or SIGTERM; the server then stops accepting and lets
/// requests in flight finish.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            // Without a SIGTERM handler, ctrl-c still stops it.
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    eprintln!("herald serve: shutting down; finishing requests in flight");
}

/// A duration as people write it: "2 s", "250 ms".
struct Seconds(Duration);

impl std::fmt::Display for Seconds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.subsec_millis() == 0 {
            write!(f, "{} s", self.0.as_secs())
        } else {
            write!(f, "{} ms", self.0.as_millis())
        }
    }
}

/// A failed request: its status and the message of its `{"error"}` body.
struct ApiError {
    status: StatusCode,
    message: String,
    retry_after: Option<u32>,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            retry_after: None,
        }
    }

    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        let mut response = (self.status, json_headers(), body).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

fn json_headers() -> [(header::HeaderName, &'static str); 1] {
    [(header::CONTENT_TYPE, "application/json")]
}

/// One document as a request gives it.
#[derive(serde::Deserialize)]
struct Record {
    text: String,
    #[serde(default)]
    date: Option<String>,
    /// Carried into the result as it was, like `extract --jsonl-in` does.
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// A record checked and ready to extract.
struct Job {
    text: String,
    date: Option<jiff::civil::Date>,
    id: Option<serde_json::Value>,
}

impl Job {
    fn from_record(record: Record, at: &str) -> Result<Job, ApiError> {
        let date = match record.date.as_deref() {
            None | Some("") => None,
            Some(date) => Some(parse_date(date).map_err(|e| ApiError::bad_request(at_(at, &e)))?),
        };
        Ok(Job {
            text: record.text,
            date,
            id: record.id,
        })
    }
}

/// Prefixes a message with where in a batch it happened.
fn at_(at: &str, message: &str) -> String {
    if at.is_empty() {
        message.to_owned()
    } else {
        format!("{at}: {message}")
    }
}

fn to_json(job: &Job, document: &Document) -> String {
    crate::extract::json_record(
        &crate::extract::Origin {
            id: job.id.as_ref(),
            file: None,
            line: None,
        },
        document,
    )
}

/// Reads the whole body, refusing more than `--max-body-bytes`.
async fn read_body(app: &App, headers: &HeaderMap, body: Body) -> Result<String, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than {} bytes", app.max_body_bytes),
        )
    };
    // A declared length says it before any of the body is read.
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > app.max_body_bytes as u64) {
        return Err(too_large());
    }
    // Chunked bodies are counted as they come.
    let bytes = axum::body::to_bytes(body, app.max_body_bytes)
        .await
        .map_err(|_| too_large())?;
    String::from_utf8(bytes.into()).map_err(|e| {
        ApiError::bad_request(format!(
            "the body is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn is_plain_text(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("text/plain"))
}

/// The value of `name` in a query string (no percent-decoding: the only
/// parameter is a date).
fn query_param<'a>(uri: &'a Uri, name: &str) -> Option<&'a str> {
    uri.query()?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then_some(value)
    })
}

/// The one document of `/extract` and `/view`.
fn single(headers: &HeaderMap, uri: &Uri, body: String) -> Result<Job, ApiError> {
    let record = if is_plain_text(headers) {
        Record {
            text: body,
            date: query_param(uri, "date").map(str::to_owned),
            id: None,
        }
    } else {
        serde_json::from_str(&body).map_err(|e| {
            ApiError::bad_request(format!(
                "the body is not a JSON object {{\"text\", \"date\"?}}: {e}"
            ))
        })?
    };
    Job::from_record(record, "")
}

/// The documents of `/extract/batch`, and whether they came as an array
/// (else JSON Lines, answered in kind).
fn batch(body: &str) -> Result<(Vec<Job>, bool), ApiError> {
    if body.trim_start().starts_with('[') {
        let records: Vec<Record> = serde_json::from_str(body).map_err(|e| {
            ApiError::bad_request(format!(
                "the body is not a JSON array of {{\"text\", \"date\"?}} objects: {e}"
            ))
        })?;
        let jobs = records
            .into_iter()
            .enumerate()
            .map(|(i, record)| Job::from_record(record, &format!("item {i}")))
            .collect::<Result<_, _>>()?;
        return Ok((jobs, true));
    }
    let mut jobs = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("line {}", i + 1);
        let record: Record = serde_json::from_str(line).map_err(|e| {
            ApiError::bad_request(format!(
                "{at}: not a JSON object {{\"text\", \"date\"?}}: {e}"
            ))
        })?;
        jobs.push(Job::from_record(record, &at)?);
    }
    Ok((jobs, false))
}

impl App {
    /// Runs `work` on the blocking pool if the queue admits it.
    async fn extract<T, F>(self: &Arc<App>, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Extractor) -> T + Send + 'static,
    {
        let permit = Arc::clone(&self.queue).try_acquire_owned().map_err(|_| {
            let mut error = ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server is busy: too many documents queued; retry shortly",
            );
            error.retry_after = Some(1);
            error
        })?;
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            // Held until the work is done, even when the request has
            // already been answered (timed out).
            let _permit = permit;
            work(&app.extractor)
        })
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "extraction failed unexpectedly",
            )
        })
    }
}

type Shared = State<Arc<App>>;

async fn healthz() -> Response {
    (json_headers(), "{\"status\":\"ok\"}").into_response()
}

async fn index(State(app): Shared) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        app.page.clone(),
    )
        .into_response()
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "no route {}: try POST /extract, POST /extract/batch, POST /view or GET /",
            uri.path()
        ),
    )
}

async fn extract(State(app): Shared, headers: HeaderMap, uri: Uri, body: Body) -> Response {
    let result = async {
        let body = read_body(&app, &headers, body).await?;
        let job = single(&headers, &uri, body)?;
        app.extract(move |extractor| {
            let document = extractor.extract_dated(&job.text, job.date);
            to_json(&job, &document)
        })
        .await
    }
    .await;
    match result {
        Ok(json) => (json_headers(), json).into_response(),
        Err(error) => error.into_response(),
    }
}

async fn extract_batch(State(app): Shared, headers: HeaderMap, body: Body) -> Response {
    let result = async {
        let body = read_body(&app, &headers, body).await?;
        let (jobs, array) = batch(&body)?;
        drop(body);
        // A batch is one admission and runs on one thread: parallelism
        // comes from concurrent requests, and one large batch cannot take
        // every thread from the other clients.
        app.extract(move |extractor| {
            let mut out = String::new();
            if array {
                out.push('[');
            }
            for (i, job) in jobs.iter().enumerate() {
                if array && i > 0 {
                    out.push(',');
                }
                out.push_str(&to_json(job, &extractor.extract_dated(&job.text, job.date)));
                if !array {
                    out.push('\n');
                }
            }
            if array {
                out.push(']');
            }
            (out, array)
        })
        .await
    }
    .await;
    match result {
        Ok((out, true)) => (json_headers(), out).into_response(),
        Ok((out, false)) => ([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response(),
        Err(error) => error.into_response(),
    }
}

async fn view(State(app): Shared, headers: HeaderMap, uri: Uri, body: Body) -> Response {
    let result = async {
        let body = read_body(&app, &headers, body).await?;
        let job = single(&headers, &uri, body)?;
        app.extract(move |extractor| {
            let document = extractor.extract_dated(&job.text, job.date);
            let title = match &job.id {
                Some(serde_json::Value::String(id)) => id.clone(),
                Some(id) => id.to_string(),
                None => "Your story".to_owned(),
            };
            html_view::section(&document, "d0", &title)
                .html()
                .to_owned()
        })
        .await
    }
    .await;
    match result {
        Ok(html) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        Err(error) => error.into_response(),
    }
}

/// The form of `GET /`, above where the result goes.
const FORM: &str = r#"<style>
form.run { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 1.5rem 0 0; padding: 1rem 1.5rem; }
form.run textarea { width: 100%; min-height: 10rem; font: inherit; padding: .5rem; border: 2px dashed #bbb; border-radius: 5px; resize: vertical; }
form.run textarea.over { border-color: #2a9d8f; background: #f0fbf9; }
form.run .controls { display: flex; gap: 1rem; align-items: center; margin-top: .6rem; flex-wrap: wrap; }
form.run button { font: inherit; font-weight: 600; padding: .35rem 1.4rem; border: 0; border-radius: 5px; background: #2a9d8f; color: #fff; cursor: pointer; }
form.run button:disabled { background: #999; cursor: wait; }
#status { color: #666; } #status.error { color: #b00020; }
</style>
<form class="run" id="run">
<label for="story"><b>A news story</b> — paste it, or drop a text file on the box</label>
<textarea id="story" name="text" placeholder="Paste a story here, or drop a .txt file"></textarea>
<div class="controls">
<label>Document date <input type="date" id="date" name="date"></label>
<label>File <input type="file" id="file" accept=".txt,text/plain"></label>
<button type="submit" id="go">Run</button>
<span id="status" role="status"></span>
</div>
</form>
<div id="result"></div>
"#;

/// Runs the form: posts to `/view` and inserts the section it returns.
const FORM_SCRIPT: &str = r#"
(function () {
  var form = document.getElementById("run");
  var story = document.getElementById("story");
  var date = document.getElementById("date");
  var go = document.getElementById("go");
  var status = document.getElementById("status");
  var result = document.getElementById("result");
  function say(message, error) { status.textContent = message; status.classList.toggle("error", !!error); }
  function load(file) {
    if (!file) { return; }
    file.text().then(function (text) { story.value = text; say(file.name + " loaded"); },
      function () { say("cannot read " + file.name, true); });
  }
  story.addEventListener("dragover", function (e) { e.preventDefault(); story.classList.add("over"); });
  story.addEventListener("dragleave", function () { story.classList.remove("over"); });
  story.addEventListener("drop", function (e) {
    e.preventDefault();
    story.classList.remove("over");
    load(e.dataTransfer.files[0]);
  });
  document.getElementById("file").addEventListener("change", function (e) { load(e.target.files[0]); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var body = { text: story.value };
    if (date.value) { body.date = date.value; }
    go.disabled = true;
    say("Running…");
    fetch("view", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) {
        return response.text().then(function (text) {
          if (!response.ok) {
            var message = text;
            try { message = JSON.parse(text).error; } catch (_) { /* not JSON: show it as it is */ }
            throw new Error(message);
          }
          result.innerHTML = text;
          window.heraldView(result);
          say("");
        });
      })
      .catch(function (error) { say(error.message, true); })
      .finally(function () { go.disabled = false; });
  });
})();
"#;
