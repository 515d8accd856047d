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
