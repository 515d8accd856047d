//! The rows of a CSV file with the line each starts on, read past a broken
//! quote: the csv crate reads a quote that is never closed to the end of the
//! file as one cell, which would swallow every row after it unseen. Here
//! such a row is reported on its own and reading goes on at the next line.

use super::{CsvError, Separator};
use std::ops::Range;

/// Why a row could not be split into cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Broken {
    /// A quote opened on line `opened` is never closed.
    Unclosed { opened: u64 },
    /// A quoted cell opened on line `opened` runs over line ends and closes
    /// on line `closed` with text after the quote: a quote left open that a
    /// later row's quote closed.
    RunsOver { opened: u64, closed: u64 },
}

/// One row as read.
#[derive(Debug)]
pub(super) struct Row {
    /// The physical line it starts on, 1-based.
    pub line: u64,
    /// Its text in the input (may begin with the previous line's end).
    pub span: Range<usize>,
    pub cells: Result<::csv::StringRecord, RowRead>,
}

/// Why a row has no cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RowRead {
    Broken(Broken),
    /// The csv crate's own error (not expected for text input).
    Failed(String),
}

/// Where a broken quote is in some text: the row's first byte, the quote's,
/// what is wrong and (for `RunsOver`) the closing quote's byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BrokenQuote {
    row: usize,
    quote: usize,
    /// The closing quote with text after it, if the quote was closed.
    closed: Option<usize>,
}

/// Finds the first broken quote as the csv crate's parser would read the
/// text (quotes doubled inside a quoted cell, `\r`, `\n` or `\r\n` ending a
/// row, blank lines skipped). A closing quote followed by text is accepted
/// (`"Acme" Ltd`) unless its cell spans a line end.
fn broken_quote(text: &[u8], separator: u8) -> Option<BrokenQuote> {
    #[derive(Clone, Copy)]
    enum S {
        RowStart,
        FieldStart,
        Unquoted,
        Quoted { multiline: bool },
        QuoteInQuoted { multiline: bool },
    }
    let line_end = |b: u8| b == b'\r' || b == b'\n';
    let mut state = S::RowStart;
    let (mut row, mut quote) = (0, 0);
    for (i, &b) in text.iter().enumerate() {
        if matches!(state, S::RowStart) {
            if line_end(b) {
                continue;
            }
            row = i;
            state = S::FieldStart;
        }
        state = match state {
            S::RowStart | S::FieldStart => {
                if b == b'"' {
                    quote = i;
                    S::Quoted { multiline: false }
                } else if b == separator {
                    S::FieldStart
                } else if line_end(b) {
                    S::RowStart
                } else {
                    S::Unquoted
                }
            }
            S::Unquoted => {
                if b == separator {
                    S::FieldStart
                } else if line_end(b) {
                    S::RowStart
                } else {
                    S::Unquoted
                }
            }
            S::Quoted { multiline } => {
                if b == b'"' {
                    S::QuoteInQuoted { multiline }
                } else {
                    S::Quoted {
                        multiline: multiline || line_end(b),
                    }
                }
            }
            S::QuoteInQuoted { multiline } => {
                if b == b'"' {
                    S::Quoted { multiline }
                } else if b == separator {
                    S::FieldStart
                } else if line_end(b) {
                    S::RowStart
                } else if multiline {
                    return Some(BrokenQuote {
                        row,
                        quote,
                        closed: Some(i - 1),
                    });
                } else {
                    S::Unquoted
                }
            }
        };
    }
    matches!(state, S::Quoted { .. }).then_some(BrokenQuote {
        row,
        quote,
        closed: None,
    })
}

/// The byte just after the end of the line holding byte `at`.
fn next_line(text: &[u8], at: usize) -> usize {
    match text[at..].iter().position(|&b| b == b'\r' || b == b'\n') {
        None => text.len(),
        Some(n) => {
            let end = at + n;
            if text[end] == b'\r' && text.get(end + 1) == Some(&b'\n') {
                end + 2
            } else {
                end + 1
            }
        }
    }
}

/// Every row of `input` (the header included), in file order.
pub(super) struct Rows<'a> {
    input: &'a str,
    separator: Separator,
    /// Where the reader's text starts in `input`.
    offset: usize,
    reader: ::csv::Reader<&'a [u8]>,
    /// The broken quote that ends the reader's text (offsets in `input`).
    broken: Option<BrokenQuote>,
    lines: LineCounter<'a>,
    done: bool,
}

impl<'a> Rows<'a> {
    pub fn new(input: &'a str, separator: Separator) -> Self {
        let mut rows = Rows {
            input,
            separator,
            offset: 0,
            reader: separator.reader(""),
            broken: None,
            lines: LineCounter::new(input),
            done: false,
        };
        rows.read_from(0);
        rows
    }

    /// Reads on from byte `offset`, up to the next broken quote.
    fn read_from(&mut self, offset: usize) {
        let rest = &self.input.as_bytes()[offset..];
        self.broken = broken_quote(rest, self.separator.byte()).map(|b| BrokenQuote {
            row: offset + b.row,
            quote: offset + b.quote,
            closed: b.closed.map(|c| offset + c),
        });
        let end = self.broken.map_or(self.input.len(), |b| b.row);
        // Both ends are at ASCII bytes (a quote, a line end) or the text's ends.
        let text = self.input.get(offset..end).unwrap_or_default();
        self.reader = self.separator.reader(text);
        self.offset = offset;
    }

    /// An offset of the reader's text as an offset in `input`.
    fn at(&self, relative: u64) -> usize {
        usize::try_from(relative).map_or(self.input.len(), |r| self.offset + r)
    }

    /// The header row's cells and where the header ends in `input`.
    pub fn header(&mut self) -> Result<(::csv::StringRecord, usize), CsvError> {
        let row = self.next().ok_or(CsvError::Empty)?;
        match row.cells {
            Ok(cells) => Ok((cells, row.span.end)),
            Err(RowRead::Broken(Broken::Unclosed { opened } | Broken::RunsOver { opened, .. })) => {
                Err(CsvError::HeaderQuote { line: opened })
            }
            Err(RowRead::Failed(e)) => Err(CsvError::Read(e)),
        }
    }
}

impl Iterator for Rows<'_> {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        if self.done {
            return None;
        }
        let start = self.at(self.reader.position().byte());
        let mut record = ::csv::StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(true) => {
                let end = self.at(self.reader.position().byte());
                let first = record.position().map_or(start, |p| self.at(p.byte()));
                Some(Row {
                    line: self.lines.line_at(first),
                    span: start..end,
                    cells: Ok(record),
                })
            }
            Err(e) => {
                let end = self.at(self.reader.position().byte());
                // Nothing read: stop rather than read the same place forever.
                self.done = end <= start;
                let first = e.position().map_or(start, |p| self.at(p.byte()));
                Some(Row {
                    line: self.lines.line_at(first),
                    span: start..end,
                    cells: Err(RowRead::Failed(e.to_string())),
                })
            }
            Ok(false) => {
                let Some(broken) = self.broken.take() else {
                    self.done = true;
                    return None;
                };
                let line = self.lines.line_at(broken.row);
                let opened = self.lines.line_at(broken.quote);
                let why = match broken.closed {
                    None => Broken::Unclosed { opened },
                    // Counted apart: reading goes on before the closing quote.
                    Some(c) => Broken::RunsOver {
                        opened,
                        closed: opened
                            + line_ends(
                                self.input
                                    .as_bytes()
                                    .get(broken.quote..c)
                                    .unwrap_or_default(),
                            ),
                    },
                };
                // The lines after the one the quote opened on are read again as rows.
                let resume = next_line(self.input.as_bytes(), broken.quote);
                self.read_from(resume);
                Some(Row {
                    line,
                    span: broken.row..resume,
                    cells: Err(RowRead::Broken(why)),
                })
            }
        }
    }
}

/// How many lines end in `bytes`: `\n`, `\r\n` and a lone `\r` each end one.
fn line_ends(bytes: &[u8]) -> u64 {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => n += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => n += 1,
            _ => {}
        }
    }
    n
}

/// 1-based physical line of a byte offset. The csv crate's own line count
/// is one short after CRLF line ends, so we count ourselves: `\n`, `\r\n`
/// and a lone `\r` each end a line, quoted newlines included. Offsets only
/// grow, so counting from the last one keeps this linear.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(input: &'a str) -> Self {
        LineCounter {
            bytes: input.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: usize) -> u64 {
        let mut target = byte.min(self.bytes.len());
        // A record's offset may point at the end of the previous line.
        while target < self.bytes.len() && matches!(self.bytes[target], b'\r' | b'\n') {
            target += 1;
        }
        if target < self.pos {
            return self.line;
        }
        // `target` is past any line end, so no `\r\n` is split here.
        self.line += line_ends(&self.bytes[self.pos..target]);
        self.pos = target;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<(usize, usize, Option<usize>)> {
        broken_quote(text.as_bytes(), b',').map(|b| (b.row, b.quote, b.closed))
    }

    #[test]
    fn quotes_as_the_csv_parser_reads_them() {
        // Closed, doubled, a quote inside an unquoted cell, text after a
        // one-line quoted cell, a quoted line end: all fine.
        for ok in [
            "a,\"b\"\n",
            "a,\"b \"\"c\"\" d\"\n",
            "a,12\" pipe\n",
            "\"Acme\" Ltd,5\n",
            "a,\"two\r\nlines\"\r\nb,c\r\n",
            "",
            "\n\n",
        ] {
            assert_eq!(found(ok), None, "{ok:?}");
        }
        // Never closed: the row starts at its first byte, blank lines skipped.
        assert_eq!(found("h\n\nx,\"open\ny\n"), Some((3, 5, None)));
        assert_eq!(found("\"open"), Some((0, 0, None)));
        // Closed on a later line with text after it.
        assert_eq!(found("h\na,\"x\nb,\"y\"\n"), Some((2, 4, Some(9))));
        // Only the separator of the file counts.
        assert_eq!(
            broken_quote(b"a;\"b\";c\n", b';'),
            None,
            "a semicolon ends the quoted cell in a ; file"
        );
    }

    #[test]
    fn the_next_line_after_any_line_end() {
        assert_eq!(next_line(b"ab\r\ncd", 0), 4);
        assert_eq!(next_line(b"ab\ncd", 1), 3);
        assert_eq!(next_line(b"ab\rcd", 0), 3);
        assert_eq!(next_line(b"abcd", 2), 4);
    }
}
