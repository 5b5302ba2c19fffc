//! Reading CoNLL-2003 column files into gold documents.
//!
//! Each document (delimited by `-DOCSTART-` lines) becomes one text: its
//! tokens joined by a single space, its sentences by a newline. Every gold
//! token keeps its byte offsets in that text, so IOB1 tags become byte-span
//! gold mentions: PER → `PERSON`, ORG → `ORG`, LOC → `PLACE`, and MISC is
//! kept as type `MISC`, which is not scored (predictions overlapping it are
//! ignored).

use super::error::Error;
use super::gold::{GoldDocument, GoldEntity};

/// One CoNLL document: the reconstructed text and its gold mentions.
#[derive(Clone, Debug, PartialEq)]
pub struct ConllDocument {
    /// Tokens joined by single spaces, sentences by newlines.
    pub text: String,
    /// Gold mentions (no events, no document date).
    pub gold: GoldDocument,
}

/// An entity being built from consecutive tagged tokens.
struct Open {
    kind: &'static str,
    start: usize,
    end: usize,
}

struct Builder {
    documents: Vec<ConllDocument>,
    text: String,
    entities: Vec<GoldEntity>,
    open: Option<Open>,
    sentence_open: bool,
}

impl Builder {
    fn close_entity(&mut self) {
        if let Some(open) = self.open.take() {
            self.entities.push(GoldEntity {
                start: open.start,
                end: open.end,
                text: self.text[open.start..open.end].to_owned(),
                kind: open.kind.to_owned(),
                entity: format!("e{}", self.entities.len() + 1),
                value: None,
                optional: false,
            });
        }
    }

    fn close_sentence(&mut self) {
        self.close_entity();
        self.sentence_open = false;
    }

    fn close_document(&mut self) {
        self.close_sentence();
        if self.text.is_empty() {
            return;
        }
        let number = self.documents.len() + 1;
        self.documents.push(ConllDocument {
            text: std::mem::take(&mut self.text),
            gold: GoldDocument {
                text: format!("document {number}"),
                entities_annotated: true,
                entities: std::mem::take(&mut self.entities),
                scored_types: Some(vec!["PERSON".into(), "ORG".into(), "PLACE".into()]),
                ..GoldDocument::default()
            },
        });
    }

    fn token(&mut self, token: &str, tag: &str, line: usize, column: usize) -> Result<(), Error> {
        let (prefix, label) = match tag {
            "O" => ("O", ""),
            _ => tag
                .split_once('-')
                .ok_or_else(|| bad_tag(tag, line, column))?,
        };
        let kind = match label {
            "" => None,
            "PER" => Some("PERSON"),
            "ORG" => Some("ORG"),
            "LOC" => Some("PLACE"),
            "MISC" => Some("MISC"),
            _ => return Err(bad_tag(tag, line, column)),
        };
        if !matches!(prefix, "O" | "I" | "B") {
            return Err(bad_tag(tag, line, column));
        }
        if !self.text.is_empty() {
            self.text.push(if self.sentence_open { ' ' } else { '\n' });
        }
        self.sentence_open = true;
        let start = self.text.len();
        self.text.push_str(token);
        let end = self.text.len();
        // IOB1: I- continues an entity of the same type, B- starts a new one
        // right after another of the same type.
        let continues = prefix == "I"
            && self
                .open
                .as_ref()
                .is_some_and(|open| Some(open.kind) == kind);
        if continues {
            if let Some(open) = &mut self.open {
                open.end = end;
            }
        } else {
            self.close_entity();
            if let Some(kind) = kind {
                self.open = Some(Open { kind, start, end });
            }
        }
        Ok(())
    }
}

fn bad_tag(tag: &str, line: usize, column: usize) -> Error {
    Error::at(
        line,
        column,
        format!("unknown tag {tag:?}, expected O or I-/B- with PER, ORG, LOC or MISC"),
    )
}

/// Reads a CoNLL-2003 file: one token per line with its tag in the last
/// column, blank lines between sentences, `-DOCSTART-` lines between
/// documents. Errors give line and column.
///
/// ```
/// let docs = herald::eval::read_conll("-DOCSTART- -X- O O\n\nAnna NNP I-NP I-PER\nvisited VBD I-VP O\nRome NNP I-NP I-LOC\n").unwrap();
/// assert_eq!(docs[0].text, "Anna visited Rome");
/// assert_eq!(docs[0].gold.entities[1].text, "Rome");
/// assert_eq!(docs[0].gold.entities[1].kind, "PLACE");
/// ```
pub fn read_conll(input: &str) -> Result<Vec<ConllDocument>, Error> {
    let mut builder = Builder {
        documents: Vec::new(),
        text: String::new(),
        entities: Vec::new(),
        open: None,
        sentence_open: false,
    };
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let mut columns = line.split_whitespace();
        let Some(token) = columns.next() else {
            builder.close_sentence();
            continue;
        };
        if token == "-DOCSTART-" {
            builder.close_document();
            continue;
        }
        let Some(tag) = line
            .split_whitespace()
            .nth(1)
            .and(line.split_whitespace().last())
        else {
            return Err(Error::at(
                number,
                1,
                format!("token {token:?} has no tag column"),
            ));
        };
        let column = line.rfind(tag).map_or(1, |at| at + 1);
        builder.token(token, tag, number, column)?;
    }
    builder.close_document();
    Ok(builder.documents)
}

/// Reads a CoNLL-2003 file; errors name the file, line and column.
pub fn load_conll(path: &std::path::Path) -> Result<Vec<ConllDocument>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    read_conll(&text).map_err(|e| e.in_file(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(input: &str) -> Vec<Vec<(String, String)>> {
        read_conll(input)
            .unwrap()
            .into_iter()
            .map(|doc| {
                doc.gold
                    .entities
                    .into_iter()
                    .map(|e| (e.kind, doc.text[e.start..e.end].to_owned()))
                    .collect()
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    /// (name, input, expected (type, text) mentions)
    type Case = (
        &'static str,
        &'static str,
        Vec<(&'static str, &'static str)>,
    );

    #[test]
    fn iob1_tags_become_spans() {
        let cases: [Case; 5] = [
            (
                "multi-token entity",
                "Jan X X I-PER\nSmit X X I-PER\nspoke X X O\n",
                vec![("PERSON", "Jan Smit")],
            ),
            (
                "B- splits adjacent entities of one type",
                "Paris X X I-LOC\nBerlin X X B-LOC\n",
                vec![("PLACE", "Paris"), ("PLACE", "Berlin")],
            ),
            (
                "type change splits without B-",
                "Acme X X I-ORG\nLondon X X I-LOC\n",
                vec![("ORG", "Acme"), ("PLACE", "London")],
            ),
            (
                "sentence break closes an entity",
                "Kenya X X I-LOC\n\nUganda X X I-LOC\n",
                vec![("PLACE", "Kenya"), ("PLACE", "Uganda")],
            ),
            (
                "misc is kept for ignoring",
                "Dutch X X I-MISC\nfarmers X X O\n",
                vec![("MISC", "Dutch")],
            ),
        ];
        for (name, input, expected) in cases {
            assert_eq!(spans(input), vec![pairs(&expected)], "{name}");
        }
    }

    #[test]
    fn docstart_separates_documents_and_newlines_separate_sentences() {
        let input = "-DOCSTART- -X- O O\n\nRain X X O\nfell X X O\n. X X O\n\nOslo X X I-LOC\n\n-DOCSTART- -X- O O\n\nSun X X O\n";
        let docs = read_conll(input).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Rain fell .\nOslo");
        assert_eq!(
            (docs[0].gold.entities[0].start, docs[0].gold.entities[0].end),
            (12, 16)
        );
        assert_eq!(docs[1].text, "Sun");
    }

    #[test]
    fn dates_are_not_scored_against_conll_gold() {
        let docs = read_conll("Oslo X X I-LOC\nsaid X X O\nTuesday X X O\n").unwrap();
        let prediction = crate::eval::Prediction::from_json(
            r#"{"entities": [
                {"start": 0, "end": 4, "type": "PLACE"},
                {"start": 10, "end": 17, "type": "DATE", "value": "2024-01-02"}
            ], "events": []}"#,
        )
        .unwrap();
        let evaluation = crate::eval::score("conll", &docs[0].text, &docs[0].gold, &prediction);
        let total = evaluation.entities.total();
        assert_eq!((total.tp, total.fp, total.fn_), (1, 0, 0));
    }

    #[test]
    fn malformed_lines_name_line_and_column() {
        let cases = [
            (
                "no tag column",
                "Rain X X O\nfell\n",
                "2:1: token \"fell\" has no tag column",
            ),
            (
                "unknown type",
                "Rain X X O\nOslo X X I-CITY\n",
                "2:10: unknown tag \"I-CITY\"",
            ),
            (
                "unknown prefix",
                "Oslo X X E-LOC\n",
                "1:10: unknown tag \"E-LOC\"",
            ),
        ];
        for (name, input, expected) in cases {
            let error = read_conll(input).unwrap_err().to_string();
            assert!(error.starts_with(expected), "{name}: {error}");
        }
    }
}
