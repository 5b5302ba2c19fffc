//! `herald._herald`: the compiled half of the `herald` Python package.
//!
//! Every result is the JSON of the command line (`docs/output-format.md`),
//! made by the same writer (`Document::to_json`), then read by Python's
//! `json` module, so a dict from Python equals a line of `herald extract`
//! (less the command's `id`, `file` and `line`). Extraction runs without
//! the GIL: Python threads calling one extractor run in parallel, and a
//! batch runs on rayon threads.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use rayon::prelude::*;

// mimalloc for the extension's own allocations, as in the command line:
// extraction allocates many small blocks, and glibc's malloc and free took
// an eighth of the library's time in a wall-time profile. Python's objects
// stay with Python's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    herald,
    HeraldError,
    PyValueError,
    "A gazetteer or rule file that does not load (or cannot be read); the message names every problem as FILE:LINE:COLUMN: message."
);

/// Extracts entities and events from English news text.
///
/// `Extractor()` uses the gazetteers and rules embedded in the package.
/// Files passed as `gazetteers` (herald's .tsv format, or spaCy EntityRuler
/// phrase patterns as .jsonl) and `rules` are added to them;
/// `default_gazetteers=False` and `default_rules=False` leave the embedded
/// ones out. A file that does not load raises `HeraldError`, naming
/// FILE:LINE:COLUMN.
///
/// Building compiles everything (a fraction of a second for the defaults),
/// so build one extractor and reuse it: it is safe to share between
/// threads, and extraction releases the GIL.
#[pyclass(frozen, module = "herald")]
struct Extractor {
    inner: Arc<herald::Extractor>,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (*, gazetteers = None, rules = None, default_gazetteers = true, default_rules = true))]
    fn new(
        py: Python<'_>,
        gazetteers: Option<Vec<PathBuf>>,
        rules: Option<Vec<PathBuf>>,
        default_gazetteers: bool,
        default_rules: bool,
    ) -> PyResult<Extractor> {
        let mut builder = herald::Extractor::builder();
        if !default_gazetteers {
            builder = builder.without_default_gazetteers();
        }
        if !default_rules {
            builder = builder.without_default_rules();
        }
        for path in gazetteers.unwrap_or_default() {
            builder = builder.gazetteer_file(path);
        }
        for path in rules.unwrap_or_default() {
            builder = builder.rules_file(path);
        }
        let built = py.detach(move || builder.build());
        match built {
            Ok(extractor) => Ok(Extractor {
                inner: Arc::new(extractor),
            }),
            Err(error) => Err(HeraldError::new_err(message(&error))),
        }
    }

    /// Extracts one text and returns a dict in the JSON format of the
    /// command line (docs/output-format.md).
    ///
    /// `date` (a `datetime.date` or "YYYY-MM-DD") is the document date that
    /// relative dates ("on Friday") resolve against; without it, a dateline
    /// or a date in the text is used. A string that is not a date raises
    /// ValueError; another type, TypeError.
    #[pyo3(signature = (text, date = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        date: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let json = self.extract_json(py, text, date)?;
        json_loads(py)?.call1((json,))
    }

    /// Like `extract`, returning the JSON text itself (one line).
    #[pyo3(signature = (text, date = None))]
    fn extract_json(
        &self,
        py: Python<'_>,
        text: String,
        date: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let date = to_date(date)?;
        let inner = &self.inner;
        Ok(py.detach(|| inner.extract_dated(&text, date).to_json()))
    }

    /// Extracts many texts in parallel, without the GIL; returns a list of
    /// dicts in the order of `texts`, each equal to what `extract` gives.
    ///
    /// `dates` has one date (or None) per text. `threads` limits the worker
    /// threads (a pool made for this call); `threads=1` runs in the calling
    /// thread; None uses every core.
    #[pyo3(signature = (texts, dates = None, threads = None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        dates: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let jsons = self.extract_batch_json(py, texts, dates, threads)?;
        let loads = json_loads(py)?;
        let documents = jsons
            .into_iter()
            .map(|json| loads.call1((json,)))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, documents)
    }

    /// Like `extract_batch`, returning JSON text per document.
    #[pyo3(signature = (texts, dates = None, threads = None))]
    fn extract_batch_json(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        dates: Option<&Bound<'_, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "texts must be a sequence of strings, not one string",
            ));
        }
        let texts: Vec<String> = texts
            .try_iter()?
            .map(|text| text?.extract::<String>())
            .collect::<PyResult<_>>()?;
        let dates: Vec<Option<jiff::civil::Date>> = match dates {
            Some(dates) if !dates.is_none() => {
                if dates.is_instance_of::<PyString>() {
                    return Err(PyTypeError::new_err(
                        "dates must be a sequence (one date or None per text), not one string",
                    ));
                }
                let dates = dates
                    .try_iter()?
                    .map(|date| to_date(Some(&date?)))
                    .collect::<PyResult<Vec<_>>>()?;
                if dates.len() != texts.len() {
                    return Err(PyValueError::new_err(format!(
                        "{} dates for {} texts: give one date (or None) per text",
                        dates.len(),
                        texts.len()
                    )));
                }
                dates
            }
            _ => vec![None; texts.len()],
        };
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads must be at least 1"));
        }
        let inner = &self.inner;
        py.detach(move || {
            let one = |(text, date): (&String, &Option<jiff::civil::Date>)| {
                inner.extract_dated(text, *date).to_json()
            };
            match threads {
                // The caller's thread alone: no pool, no hand-over.
                Some(1) => Ok(texts.iter().zip(&dates).map(one).collect()),
                Some(threads) => {
                    let pool = rayon::ThreadPoolBuilder::new()
                        .num_threads(threads)
                        .build()
                        .map_err(|e| PyValueError::new_err(format!("threads: {e}")))?;
                    Ok(pool.install(|| texts.par_iter().zip(&dates).map(one).collect()))
                }
                None => Ok(texts.par_iter().zip(&dates).map(one).collect()),
            }
        })
    }

    fn __repr__(&self) -> String {
        "herald.Extractor()".to_owned()
    }
}

/// An extractor error's message; an unreadable file's cause is added, since
/// Python shows no `source` chain.
fn message(error: &herald::Error) -> String {
    use std::error::Error as _;
    match error.source() {
        Some(cause) => format!("{error} ({cause})"),
        None => error.to_string(),
    }
}

fn json_loads(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("json")?.getattr("loads")
}

/// `None`, a `datetime.date` (or `datetime.datetime`: its date) or a
/// `YYYY-MM-DD` string, as the command line's `--date` reads it.
fn to_date(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<jiff::civil::Date>> {
    let Some(value) = value else {
        return Ok(None);
    };
    if value.is_none() {
        return Ok(None);
    }
    if value.is_instance_of::<PyString>() {
        let text: String = value.extract()?;
        return text
            .parse()
            .map(Some)
            .map_err(|_| PyValueError::new_err(format!("{text:?} is not a YYYY-MM-DD date")));
    }
    let date_type = value.py().import("datetime")?.getattr("date")?;
    if value.is_instance(&date_type)? {
        let year: i16 = value.getattr("year")?.extract()?;
        let month: i8 = value.getattr("month")?.extract()?;
        let day: i8 = value.getattr("day")?.extract()?;
        return jiff::civil::Date::new(year, month, day)
            .map(Some)
            .map_err(|e| PyValueError::new_err(e.to_string()));
    }
    Err(PyTypeError::new_err(format!(
        "date must be a datetime.date, a 'YYYY-MM-DD' string or None, not {}",
        value.get_type().name()?
    )))
}

/// The compiled module; `herald/__init__.py` re-exports it.
#[pymodule]
fn _herald(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add("HeraldError", m.py().get_type::<HeraldError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
