//! What `herald extract` reads: files, directories walked for a glob,
//! standard input whole or a line at a time, and `{"id", "text", "date"}`
//! JSON Lines records. Nothing here extracts; it only turns bytes into
//! texts, with errors that name where they came from.

use globset::{Glob, GlobMatcher};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Decodes UTF-8. Invalid bytes are an error naming the byte offset of the
/// first bad sequence; with `lossy` they are replaced by U+FFFD and the
/// same fact comes back as a warning.
pub fn decode(bytes: Vec<u8>, lossy: bool) -> Result<(String, Option<String>), String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            if !lossy {
                return Err(format!(
                    "invalid UTF-8 at byte {offset} (--lossy replaces invalid bytes)"
                ));
            }
            let bytes = error.into_bytes();
            let replaced = count_invalid_sequences(&bytes);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok((
                text,
                Some(format!(
                    "replaced {replaced} invalid UTF-8 sequence{} with U+FFFD, the first at byte {offset}",
                    if replaced == 1 { "" } else { "s" }
                )),
            ))
        }
    }
}

/// How many replacement characters `String::from_utf8_lossy` will insert.
fn count_invalid_sequences(mut bytes: &[u8]) -> usize {
    let mut count = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return count,
            Err(error) => {
                count += 1;
                let skip = error.valid_up_to() + error.error_len().unwrap_or(bytes.len());
                bytes = &bytes[skip.min(bytes.len())..];
            }
        }
    }
}

/// One input path as given, or a file found under a given directory.
pub enum PathInput {
    File(PathBuf),
    /// A path that could not be listed: missing, unreadable, or a
    /// directory entry that failed; the message says which.
    Unreadable {
        path: PathBuf,
        message: String,
    },
}

/// Expands the paths given on the command line: files stay as given (any
/// name), directories are walked recursively for files whose path relative
/// to the directory matches `glob`, in sorted order so runs are repeatable.
pub fn expand_paths(paths: &[PathBuf], glob: &str) -> Result<Vec<PathInput>, String> {
    let matcher: GlobMatcher = Glob::new(glob)
        .map_err(|e| format!("--glob {glob:?}: {e}"))?
        .compile_matcher();
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &matcher, &mut inputs);
        } else if path.exists() {
            inputs.push(PathInput::File(path.clone()));
        } else {
            inputs.push(PathInput::Unreadable {
                path: path.clone(),
                message: "no such file or directory".into(),
            });
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, matcher: &GlobMatcher, inputs: &mut Vec<PathInput>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                if matcher.is_match(relative) {
                    inputs.push(PathInput::File(entry.into_path()));
                }
            }
            Ok(_) => {}
            Err(error) => inputs.push(PathInput::Unreadable {
                path: error
                    .path()
                    .map(Path::to_owned)
                    .unwrap_or_else(|| dir.to_owned()),
                message: error.to_string(),
            }),
        }
    }
}

/// A document read from a `--jsonl-in` line.
pub struct Record {
    pub id: Option<serde_json::Value>,
    pub text: String,
    pub date: Option<jiff::civil::Date>,
}

/// A `--jsonl-in` line that is not a record; `id` is kept when the line
/// was JSON enough to have one, so the error line can carry it.
pub struct BadRecord {
    pub id: Option<serde_json::Value>,
    pub message: String,
}

/// Parses one `{"id", "text", "date"}` line. `text` is required; `id` may be
/// any JSON value and is carried to the output as it is; `date` is
/// `YYYY-MM-DD` or null. Other fields are ignored.
pub fn parse_record(line: Vec<u8>, lossy: bool) -> Result<(Record, Option<String>), BadRecord> {
    let bad = |id: Option<serde_json::Value>, message: String| BadRecord { id, message };
    let (line, warning) = decode(line, lossy).map_err(|message| bad(None, message))?;
    let value: serde_json::Value =
        serde_json::from_str(&line).map_err(|e| bad(None, format!("not a JSON record: {e}")))?;
    let serde_json::Value::Object(mut fields) = value else {
        return Err(bad(
            None,
            "not a JSON record: expected an object with \"text\"".into(),
        ));
    };
    let id = fields.remove("id");
    let text = match fields.remove("text") {
        Some(serde_json::Value::String(text)) => text,
        Some(_) => return Err(bad(id, "\"text\" is not a string".into())),
        None => return Err(bad(id, "the record has no \"text\"".into())),
    };
    let date = match fields.remove("date") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(date)) => match date.parse() {
            Ok(date) => Some(date),
            Err(_) => return Err(bad(id, format!("\"date\" {date:?} is not YYYY-MM-DD"))),
        },
        Some(_) => return Err(bad(id, "\"date\" is not a string".into())),
    };
    Ok((Record { id, text, date }, warning))
}

/// Reads lines in chunks bounded by count and bytes, so a stream of any
/// length is processed in parallel batches with memory that stays flat.
pub struct LineChunks<R> {
    reader: R,
    next_line: usize,
    done: bool,
}

/// A line of input with its 1-based number.
pub struct Line {
    pub number: usize,
    pub bytes: Vec<u8>,
}

const CHUNK_LINES: usize = 2048;
const CHUNK_BYTES: usize = 8 << 20;

impl<R: BufRead> LineChunks<R> {
    pub fn new(reader: R) -> LineChunks<R> {
        LineChunks {
            reader,
            next_line: 1,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for LineChunks<R> {
    type Item = std::io::Result<Vec<Line>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut chunk = Vec::new();
        let mut bytes = 0;
        while chunk.len() < CHUNK_LINES && bytes < CHUNK_BYTES {
            let mut line = Vec::new();
            match self.reader.read_until(b'\n', &mut line) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(read) => {
                    bytes += read;
                    if line.last() == Some(&b'\n') {
                        line.pop();
                        if line.last() == Some(&b'\r') {
                            line.pop();
                        }
                    }
                    chunk.push(Line {
                        number: self.next_line,
                        bytes: line,
                    });
                    self.next_line += 1;
                }
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            }
        }
        (!chunk.is_empty()).then_some(Ok(chunk))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_first_bad_byte() {
        let error = decode(b"ab\xffcd".to_vec(), false).unwrap_err();
        assert!(error.contains("byte 2"), "{error}");
        let (text, warning) = decode(b"ab\xffcd\xfe".to_vec(), true).unwrap();
        assert_eq!(text, "ab\u{fffd}cd\u{fffd}");
        assert!(warning.unwrap().starts_with("replaced 2 invalid"));
    }

    #[test]
    fn records_keep_their_id_and_reject_what_is_not_a_record() {
        let (record, _) = parse_record(
            br#"{"id": 7, "text": "Hi.", "date": "2024-05-03"}"#.to_vec(),
            false,
        )
        .ok()
        .unwrap();
        assert_eq!(record.id, Some(serde_json::json!(7)));
        assert_eq!(record.date, Some(jiff::civil::date(2024, 5, 3)));
        let bad = parse_record(
            br#"{"id": "a", "date": "soon", "text": "x"}"#.to_vec(),
            false,
        )
        .err()
        .unwrap();
        assert_eq!(bad.id, Some(serde_json::json!("a")));
        assert!(bad.message.contains("YYYY-MM-DD"));
        assert!(parse_record(b"[1]".to_vec(), false).is_err());
        assert!(parse_record(br#"{"id": 1}"#.to_vec(), false).is_err());
    }

    #[test]
    fn line_chunks_number_lines_and_strip_line_ends() {
        let input = b"one\r\ntwo\n\nthree".as_slice();
        let lines: Vec<Line> = LineChunks::new(input).flat_map(|c| c.unwrap()).collect();
        let seen: Vec<(usize, &[u8])> = lines
            .iter()
            .map(|l| (l.number, l.bytes.as_slice()))
            .collect();
        assert_eq!(
            seen,
            [
                (1, b"one".as_slice()),
                (2, b"two".as_slice()),
                (3, b"".as_slice()),
                (4, b"three".as_slice())
            ]
        );
    }
}
