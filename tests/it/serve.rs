//! `herald serve`: every route and every error status, through the binary
//! on a free loopback port, with a small HTTP/1.1 client on `TcpStream`
//! (no HTTP client crate in the test build).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

const STORY: &str =
    "Kenyan President William Ruto met Brazil's President Lula in Nairobi on Monday.";

/// A running server, stopped (SIGTERM) when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_herald"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("herald serve starts");
        // The first line names the bound address; reading it waits until
        // the server listens.
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the first line");
        let addr = line
            .trim()
            .rsplit("http://")
            .next()
            .expect("an address")
            .to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "{line:?}");
        Server { child, addr }
    }

    fn request(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.addr,
            body.len()
        );
        stream.write_all(head.as_bytes()).expect("write head");
        // The server may answer (413) before reading a body it refuses.
        let _ = stream.write_all(body);
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read reply");
        Reply::parse(&raw)
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, "text/plain", b"")
    }

    fn post_json(&self, path: &str, body: &str) -> Reply {
        self.request("POST", path, "application/json", body.as_bytes())
    }

    /// Sends SIGTERM and waits: the server must stop by itself, cleanly.
    fn stop(mut self) -> std::process::ExitStatus {
        self.terminate();
        self.child.wait().expect("herald serve exits")
    }

    fn terminate(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.terminate();
            let _ = self.child.wait();
        }
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n").expect("a complete reply");
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|line| line.split(' ').nth(1))
            .and_then(|code| code.parse().ok())
            .expect("a status line");
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_owned(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    /// The message of an `{"error"}` body, checking its content type.
    fn error(&self) -> String {
        assert_eq!(self.header("content-type"), Some("application/json"));
        self.json()["error"]
            .as_str()
            .expect("an error message")
            .to_owned()
    }
}

/// What the library says about a text, as the server should say it.
fn library_json(text: &str, date: Option<&str>) -> serde_json::Value {
    let date = date.map(|date| date.parse().expect("a date"));
    let document = herald::Extractor::default().extract_dated(text, date);
    serde_json::to_value(&document).expect("serializable")
}

#[test]
fn healthz_answers_ok() {
    let server = Server::start(&[]);
    let reply = server.get("/healthz");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json(), serde_json::json!({"status": "ok"}));
}

#[test]
fn extract_returns_the_libraries_json_for_json_and_plain_text() {
    let server = Server::start(&[]);
    let body = serde_json::json!({"text": STORY, "date": "2024-05-06", "id": "a1"}).to_string();
    let reply = server.post_json("/extract", &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mut expected = library_json(STORY, Some("2024-05-06"));
    assert!(!expected["events"].as_array().unwrap().is_empty());
    let mut got = reply.json();
    assert_eq!(got["id"], "a1", "the id is carried as it was");
    got.as_object_mut().unwrap().remove("id");
    assert_eq!(got, expected);

    let reply = server.request(
        "POST",
        "/extract?date=2024-05-06",
        "text/plain; charset=utf-8",
        STORY.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json(), expected);

    // No date: relative dates stay unresolved, as in the library.
    let reply = server.request("POST", "/extract", "text/plain", STORY.as_bytes());
    expected = library_json(STORY, None);
    assert_eq!(reply.json(), expected);
}

#[test]
fn batch_answers_in_input_order_as_an_array_or_json_lines() {
    let server = Server::start(&[]);
    let texts = [STORY, "Rain fell.", "Lula met Ruto in Brasília."];
    let array: Vec<serde_json::Value> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| serde_json::json!({"id": i, "text": text}))
        .collect();
    let reply = server.post_json("/extract/batch", &serde_json::to_string(&array).unwrap());
    assert_eq!(reply.status, 200, "{}", reply.body);
    let results = reply.json();
    let results = results.as_array().expect("an array");
    assert_eq!(results.len(), texts.len());
    for (i, (result, text)) in results.iter().zip(texts).enumerate() {
        let mut result = result.clone();
        assert_eq!(result["id"], i);
        result.as_object_mut().unwrap().remove("id");
        assert_eq!(result, library_json(text, None), "item {i}");
    }

    let lines: String = texts
        .iter()
        .map(|text| {
            format!(
                "{}\n\n",
                serde_json::json!({"text": text, "date": "2024-05-06"})
            )
        })
        .collect();
    let reply = server.request(
        "POST",
        "/extract/batch",
        "application/x-ndjson",
        lines.as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/x-ndjson"));
    let results: Vec<serde_json::Value> = reply
        .body
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON lines"))
        .collect();
    let expected: Vec<serde_json::Value> = texts
        .iter()
        .map(|text| library_json(text, Some("2024-05-06")))
        .collect();
    assert_eq!(results, expected);
}

#[test]
fn the_page_is_self_contained_and_view_renders_a_section() {
    let server = Server::start(&[]);
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    for part in ["<textarea", "id=\"go\"", "heraldView", "fetch(\"view\""] {
        assert!(page.body.contains(part), "the page has {part}");
    }
    assert!(!page.body.contains("http://") && !page.body.contains("https://"));

    let body = serde_json::json!({"text": STORY}).to_string();
    let view = server.post_json("/view", &body);
    assert_eq!(view.status, 200, "{}", view.body);
    assert!(view.body.starts_with("<section class=\"doc\""));
    assert!(view.body.contains("<mark class=\"ent PERSON\""));
    assert!(view.body.contains("class=\"card Meeting\""));
}

#[test]
fn unknown_routes_get_404_with_a_json_error() {
    let server = Server::start(&[]);
    let reply = server.get("/nowhere");
    assert_eq!(reply.status, 404);
    assert!(reply.error().contains("/nowhere"));
}

#[test]
fn a_body_over_the_limit_gets_413() {
    let server = Server::start(&["--max-body-bytes", "100"]);
    let text = "word ".repeat(40);
    let reply = server.request("POST", "/extract", "text/plain", text.as_bytes());
    assert_eq!(reply.status, 413);
    assert!(reply.error().contains("100 bytes"));
    let batch = serde_json::json!([{"text": text}]).to_string();
    assert_eq!(server.post_json("/extract/batch", &batch).status, 413);
    // A body within the limit still works.
    assert_eq!(
        server
            .request("POST", "/extract", "text/plain", b"Ruto met Lula.")
            .status,
        200
    );
}

#[test]
fn invalid_utf8_and_invalid_json_get_400() {
    let server = Server::start(&[]);
    let reply = server.request("POST", "/extract", "text/plain", b"Ruto \xff met Lula.");
    assert_eq!(reply.status, 400);
    assert!(reply.error().contains("UTF-8"), "{}", reply.body);

    let reply = server.request(
        "POST",
        "/extract",
        "application/json",
        b"{\"text\": \"\xc3\"}",
    );
    assert_eq!(reply.status, 400);
    assert!(reply.error().contains("UTF-8"));

    for (path, body) in [
        ("/extract", "{\"text\": "),
        ("/extract", "{\"words\": \"Ruto\"}"),
        ("/extract", "{\"text\": \"Ruto\", \"date\": \"Monday\"}"),
        ("/view", "not json"),
        ("/extract/batch", "[{\"text\": 1}]"),
        ("/extract/batch", "{\"text\": \"a\"}\n{\"text\": "),
    ] {
        let reply = server.post_json(path, body);
        assert_eq!(reply.status, 400, "{path} {body:?}");
        assert!(!reply.error().is_empty());
    }
    let reply = server.post_json("/extract/batch", "{\"text\": \"a\"}\n\n{\"text\": ");
    assert!(reply.error().starts_with("line 3:"), "{}", reply.body);
}

#[test]
fn a_request_over_the_timeout_gets_503() {
    // A millisecond is far less than extracting 200 kB takes, and the
    // body is read long before it runs out.
    let server = Server::start(&["--timeout-ms", "1"]);
    let text = STORY.repeat(2500);
    let reply = server.request("POST", "/extract", "text/plain", text.as_bytes());
    assert_eq!(reply.status, 503);
    assert!(reply.error().contains("longer than 1 ms"), "{}", reply.body);
}

#[test]
fn a_full_queue_gets_503_with_retry_after() {
    // A queue of none is always full: every extraction is refused, while
    // routes that extract nothing still answer.
    let server = Server::start(&["--queue", "0"]);
    for (path, body) in [
        ("/extract", serde_json::json!({"text": STORY}).to_string()),
        (
            "/extract/batch",
            serde_json::json!([{"text": STORY}]).to_string(),
        ),
        ("/view", serde_json::json!({"text": STORY}).to_string()),
    ] {
        let reply = server.post_json(path, &body);
        assert_eq!(reply.status, 503, "{path}");
        assert_eq!(reply.header("retry-after"), Some("1"));
        assert!(reply.error().contains("busy"));
    }
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let server = Server::start(&[]);
    assert_eq!(server.get("/healthz").status, 200);
    assert!(server.stop().success());
}

#[test]
fn a_rule_file_that_does_not_load_stops_it_with_exit_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--rules",
            "tests/no-such.rules",
        ])
        .output()
        .expect("herald runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "it never listened");
}
