//! Account list to and from CSV (RFC 4180, UTF-8) for Excel and CRM exports.
//!
//! Import is two steps so nothing existing is overwritten without a choice:
//! [`plan_import`] reads the file into an [`ImportPlan`] (new rows,
//! duplicates, bad rows with their line numbers), then [`apply`] carries it
//! out under a [`DuplicatePolicy`].
//!
//! DMU, team and quarterly measures are not in the CSV: they don't fit one
//! row per account, and a replace keeps them.

mod export;
mod import;
mod rows;
#[cfg(test)]
mod tests;

pub use export::*;
pub use import::*;

use crate::domain::number::{fixed, one_decimal};
use thiserror::Error;

const BOM: char = '\u{feff}';

/// Largest file an import reads: far above 10,000 accounts (about 2 MB), and
/// small enough that parsing it can't exhaust the browser tab.
pub const MAX_CSV_BYTES: usize = 10 * 1024 * 1024;

/// The field separator of a file. Excel saves "CSV" with `;` where the
/// decimal separator is a comma (most of Europe), so it is read from the
/// header rather than assumed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Separator {
    #[default]
    Comma,
    Semicolon,
    Tab,
}

impl Separator {
    pub fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
            Separator::Tab => b'\t',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Separator::Comma => "comma",
            Separator::Semicolon => "semicolon",
            Separator::Tab => "tab",
        }
    }

    /// The decimal mark of numbers in a file with this separator: a comma
    /// where `;` separates fields (Excel where the comma is the decimal
    /// mark), else a point. The other of the two may group thousands.
    pub fn decimal_mark(self) -> char {
        match self {
            Separator::Semicolon => ',',
            Separator::Comma | Separator::Tab => '.',
        }
    }

    /// A number as a file with this separator writes it, for messages.
    pub fn number_example(self) -> &'static str {
        match self.decimal_mark() {
            ',' => "1.234,5",
            _ => "1,234.5",
        }
    }

    /// How a file is read, in words for the import check.
    pub fn describe(self) -> String {
        let (fields, mark) = match self {
            Separator::Comma => ("commas", "point"),
            Separator::Semicolon => ("semicolons", "comma"),
            Separator::Tab => ("tabs", "point"),
        };
        format!(
            "Fields separated by {fields} (detected from the header row); numbers read with a decimal {mark}, as in {}.",
            self.number_example()
        )
    }

    /// The separator used most often in the header line outside quotes;
    /// comma when none is used or on a tie (then semicolon before tab).
    pub fn detect(input: &str) -> Separator {
        let input = input.strip_prefix(BOM).unwrap_or(input);
        let mut counts = [0usize; 3];
        let mut quoted = false;
        for c in input.chars() {
            match c {
                // A doubled quote inside a quoted cell toggles twice: no change.
                '"' => quoted = !quoted,
                '\n' | '\r' if !quoted => break,
                ',' if !quoted => counts[0] += 1,
                ';' if !quoted => counts[1] += 1,
                '\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
        let [comma, semicolon, tab] = counts;
        if semicolon > comma && semicolon >= tab {
            Separator::Semicolon
        } else if tab > comma && tab > semicolon {
            Separator::Tab
        } else {
            Separator::Comma
        }
    }

    /// A reader of every record as it is, the header included.
    fn reader(self, input: &str) -> ::csv::Reader<&[u8]> {
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.byte())
            .from_reader(input.as_bytes())
    }
}

/// Characters that make a spreadsheet treat a cell as a formula.
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Prefixes `'` to text a spreadsheet would run as a formula. Text already
/// starting with `'` is prefixed too, so import can undo it exactly. Only
/// for text: numbers we write (e.g. `-5`) must stay numbers.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some(c) if is_formula_start(c) || c == '\'' => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Undoes [`neutralise`]: drops one `'` when what follows would need it.
fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c: char| is_formula_start(c) || c == '\'') => rest,
        _ => text,
    }
}

const ATTR_PREFIX: &str = "attr:";
const STRENGTH_PREFIX: &str = "strength:";
const SELF_PREFIX: &str = "self:";

#[derive(Debug, Clone, Error, PartialEq)]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
    #[error("the file has no name column (looked for: name, account, account name, customer)")]
    NoNameColumn,
    #[error("the file is not UTF-8 text (first bad byte at line {line}); save it as CSV UTF-8")]
    NotUtf8 { line: u64 },
    #[error(
        "the file is UTF-16 text with a damaged character at line {line}; save it as CSV UTF-8"
    )]
    NotUtf16 { line: u64 },
    #[error("the file is a spreadsheet workbook ({kind}), not CSV: save it as \"CSV UTF-8\" and import that")]
    Workbook { kind: &'static str },
    #[error("the header row has a quote (\") opened on line {line} that is never closed, so its columns cannot be told apart")]
    HeaderQuote { line: u64 },
    #[error("the CSV could not be read: {0}")]
    Read(String),
    #[error("the CSV could not be written: {0}")]
    Write(String),
    #[error("the file is {} MB; at most {} MB can be imported at once (split it into several files)", megabytes(*bytes), megabytes(*max))]
    TooLarge { bytes: usize, max: usize },
}

/// Rounded up to one decimal, so a file just over the limit never reads as
/// exactly the limit; whole numbers without the decimal.
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0;
    if tenths.fract() == 0.0 {
        fixed(tenths, 0)
    } else {
        one_decimal(tenths)
    }
}

/// The text of a CSV file: UTF-8 (a BOM dropped), or UTF-16 with its BOM
/// (what Excel saves as "Unicode Text"). A workbook saved under a `.csv`
/// name, or any other binary file, is refused with what it is.
pub fn decode_file(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, CsvError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(ZIP) {
        return Err(CsvError::Workbook {
            kind: ".xlsx or .ods",
        });
    }
    if bytes.starts_with(OLE) {
        return Err(CsvError::Workbook { kind: ".xls" });
    }
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| -> Result<String, CsvError> {
        let units = rest
            .chunks(2)
            .map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]));
        let mut out = String::with_capacity(rest.len() / 2);
        let mut line = 1;
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => {
                    if c == '\n' {
                        line += 1;
                    }
                    out.push(c);
                }
                Err(_) => return Err(CsvError::NotUtf16 { line }),
            }
        }
        if rest.len() % 2 == 1 {
            return Err(CsvError::NotUtf16 { line });
        }
        Ok(out)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(Into::into);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(Into::into);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map(Into::into).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        CsvError::NotUtf8 { line }
    })
}

/// Refuses a file too large to import, before it is read.
pub fn check_size(bytes: usize) -> Result<(), CsvError> {
    if bytes > MAX_CSV_BYTES {
        Err(CsvError::TooLarge {
            bytes,
            max: MAX_CSV_BYTES,
        })
    } else {
        Ok(())
    }
}
