//! Account list to and from CSV (RFC 4180, UTF-8) for Excel and CRM exports.
//!
//! Import is two steps so nothing existing is overwritten without a choice:
//! [`plan_import`] reads the file into an [`ImportPlan`] (new rows,
//! duplicates, bad rows with their line numbers), then [`apply`] carries it
//! out under a [`DuplicatePolicy`].
//!
//! DMU, team and quarterly measures are not in the CSV: they don't fit one
//! row per account, and a replace keeps them.

use super::portfolio::{
    excerpt, rated_ids, AccountError, AccountId, Category, KeyAccount, MigrationCause,
    MigrationRecord, Portfolio, PortfolioError, Ratings, RelationshipStage, MAX_RATING,
};
use std::collections::{BTreeSet, HashMap};
use thiserror::Error;

const BOM: char = '\u{feff}';

/// Largest file an import reads: far above 10,000 accounts (about 2 MB), and
/// small enough that parsing it can't exhaust the browser tab.
pub const MAX_CSV_BYTES: usize = 10 * 1024 * 1024;

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

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
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
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

fn num(v: f64) -> String {
    v.to_string()
}

/// One row per account with the main fields and every rating. The derived
/// `share_of_wallet` and `category` columns are for reading in Excel and are
/// ignored on import. `with_bom` makes Excel open the file as UTF-8.
pub fn export_csv(portfolio: &Portfolio, with_bom: bool) -> Result<String, CsvError> {
    let ids = |criteria: Vec<String>, pick: fn(&KeyAccount) -> &Ratings| -> Vec<String> {
        let mut extra = rated_ids(&portfolio.accounts, pick);
        for id in &criteria {
            extra.remove(id);
        }
        criteria.into_iter().chain(extra).collect()
    };
    let attr_ids = ids(
        portfolio
            .criteria
            .attractiveness
            .iter()
            .map(|f| f.id.clone())
            .collect(),
        |a| &a.attractiveness,
    );
    let strength_crit: Vec<String> = portfolio
        .criteria
        .strength
        .iter()
        .map(|f| f.id.clone())
        .collect();
    let strength_ids = ids(strength_crit.clone(), |a| &a.strength_customer_view);
    let self_ids = ids(strength_crit, |a| &a.strength_self_view);

    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(portfolio.accounts.len() * 160 + 256));
    let mut header: Vec<String> = [
        "id",
        "name",
        "sector",
        "country",
        "revenue",
        "category_spend",
        "share_of_wallet",
        "key_account_manager",
        "executive_sponsor",
        "plan_owner",
        "current_stage",
        "target_stage",
        "category",
        "notes",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(
        attr_ids
            .iter()
            .map(|id| neutralise(&format!("{ATTR_PREFIX}{id}"))),
    );
    header.extend(
        strength_ids
            .iter()
            .map(|id| neutralise(&format!("{STRENGTH_PREFIX}{id}"))),
    );
    header.extend(
        self_ids
            .iter()
            .map(|id| neutralise(&format!("{SELF_PREFIX}{id}"))),
    );
    w.write_record(&header)
        .map_err(|e| CsvError::Write(e.to_string()))?;

    let rating = |r: &Ratings, id: &str| r.get(id).map(|v| v.to_string()).unwrap_or_default();
    let mut row: Vec<String> = Vec::with_capacity(header.len());
    for a in &portfolio.accounts {
        row.clear();
        row.push(a.id.0.to_string());
        row.push(neutralise(&a.name));
        row.push(neutralise(&a.sector));
        row.push(neutralise(&a.country));
        row.push(num(a.revenue));
        row.push(a.category_spend.map(num).unwrap_or_default());
        row.push(a.share_of_wallet().map(num).unwrap_or_default());
        row.push(neutralise(&a.key_account_manager));
        row.push(neutralise(&a.executive_sponsor));
        row.push(neutralise(&a.plan_owner));
        row.push(a.current_stage.label().to_string());
        row.push(a.target_stage.label().to_string());
        row.push(
            portfolio
                .category(a)
                .map(|c| c.label().to_string())
                .unwrap_or_default(),
        );
        row.push(neutralise(&a.notes));
        row.extend(attr_ids.iter().map(|id| rating(&a.attractiveness, id)));
        row.extend(
            strength_ids
                .iter()
                .map(|id| rating(&a.strength_customer_view, id)),
        );
        row.extend(self_ids.iter().map(|id| rating(&a.strength_self_view, id)));
        w.write_record(&row)
            .map_err(|e| CsvError::Write(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| CsvError::Write(e.to_string()))?;
    let body = String::from_utf8(bytes).map_err(|e| CsvError::Write(e.to_string()))?;
    Ok(if with_bom {
        format!("{BOM}{body}")
    } else {
        body
    })
}

// ---------------------------------------------------------------------------
// Import: header mapping
// ---------------------------------------------------------------------------

/// A column the importer understands.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Name,
    Sector,
    Country,
    Revenue,
    CategorySpend,
    KeyAccountManager,
    ExecutiveSponsor,
    PlanOwner,
    CurrentStage,
    TargetStage,
    Notes,
    Attractiveness(String),
    StrengthCustomer(String),
    StrengthSelf(String),
    /// Known but not imported: our own id (ids are allocated here) and the
    /// derived share of wallet and category.
    Ignored,
}

impl Column {
    fn label(&self) -> String {
        match self {
            Column::Name => "name".into(),
            Column::Sector => "sector".into(),
            Column::Country => "country".into(),
            Column::Revenue => "revenue".into(),
            Column::CategorySpend => "category spend".into(),
            Column::KeyAccountManager => "key account manager".into(),
            Column::ExecutiveSponsor => "executive sponsor".into(),
            Column::PlanOwner => "plan owner".into(),
            Column::CurrentStage => "current stage".into(),
            Column::TargetStage => "target stage".into(),
            Column::Notes => "notes".into(),
            Column::Attractiveness(id) => format!("{ATTR_PREFIX}{id}"),
            Column::StrengthCustomer(id) => format!("{STRENGTH_PREFIX}{id}"),
            Column::StrengthSelf(id) => format!("{SELF_PREFIX}{id}"),
            Column::Ignored => "ignored".into(),
        }
    }
}

/// Lowercase, trimmed, `_`/`-` as spaces, runs of spaces collapsed.
fn normalise_header(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn factor_id(portfolio_ids: &[(String, String)], raw: &str) -> String {
    let t = raw.trim();
    let n = normalise_header(t);
    portfolio_ids
        .iter()
        .find(|(id, name)| normalise_header(id) == n || normalise_header(name) == n)
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| t.to_string())
}

fn map_header(portfolio: &Portfolio, raw: &str) -> Option<Column> {
    let raw = unneutralise(raw.trim());
    let h = normalise_header(raw);
    let fixed = match h.as_str() {
        "name" | "account" | "account name" | "customer" | "customer name" | "key account"
        | "company" => Some(Column::Name),
        "sector" | "industry" | "segment" => Some(Column::Sector),
        "country" | "nation" => Some(Column::Country),
        "revenue" | "annual revenue" | "our revenue" | "sales" | "turnover" => {
            Some(Column::Revenue)
        }
        "category spend" | "total spend" | "spend" | "wallet" | "wallet size"
        | "customer spend" => Some(Column::CategorySpend),
        "kam" | "key account manager" | "account manager" | "manager" | "owner kam" => {
            Some(Column::KeyAccountManager)
        }
        "sponsor" | "executive sponsor" | "exec sponsor" => Some(Column::ExecutiveSponsor),
        "plan owner" | "account plan owner" => Some(Column::PlanOwner),
        "stage" | "current stage" | "relationship stage" => Some(Column::CurrentStage),
        "target stage" | "target" => Some(Column::TargetStage),
        "notes" | "note" | "comments" | "comment" => Some(Column::Notes),
        "id" | "account id" | "share of wallet" | "sow" | "category" | "quadrant" => {
            Some(Column::Ignored)
        }
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    let (prefix, rest) = raw.split_once(':')?;
    let ids = |fs: &[super::portfolio::Factor]| -> Vec<(String, String)> {
        fs.iter().map(|f| (f.id.clone(), f.name.clone())).collect()
    };
    let attr = ids(&portfolio.criteria.attractiveness);
    let strength = ids(&portfolio.criteria.strength);
    if rest.trim().is_empty() {
        return None;
    }
    match normalise_header(prefix).as_str() {
        "attr" | "attractiveness" => Some(Column::Attractiveness(factor_id(&attr, rest))),
        "strength" | "strength customer" => {
            Some(Column::StrengthCustomer(factor_id(&strength, rest)))
        }
        "self" | "strength self" => Some(Column::StrengthSelf(factor_id(&strength, rest))),
        _ => None,
    }
}

/// A column a file's header can be mapped to: the header text to write and
/// what it means, e.g. ("attr:volume", "Attractiveness: Volume").
pub fn mapping_targets(portfolio: &Portfolio) -> Vec<(String, String)> {
    let fixed = [
        Column::Name,
        Column::Sector,
        Column::Country,
        Column::Revenue,
        Column::CategorySpend,
        Column::KeyAccountManager,
        Column::ExecutiveSponsor,
        Column::PlanOwner,
        Column::CurrentStage,
        Column::TargetStage,
        Column::Notes,
    ];
    let mut out: Vec<(String, String)> = fixed
        .iter()
        .map(|c| {
            let l = c.label();
            let mut nice = l.clone();
            nice[..1].make_ascii_uppercase();
            (l, nice)
        })
        .collect();
    let c = &portfolio.criteria;
    for f in &c.attractiveness {
        out.push((
            format!("{ATTR_PREFIX}{}", f.id),
            format!("Attractiveness: {}", f.name),
        ));
    }
    for f in &c.strength {
        out.push((
            format!("{STRENGTH_PREFIX}{}", f.id),
            format!("Strength (customer's view): {}", f.name),
        ));
    }
    for f in &c.strength {
        out.push((
            format!("{SELF_PREFIX}{}", f.id),
            format!("Strength (our view): {}", f.name),
        ));
    }
    out
}

/// The header cells the importer does not recognise, in file order, so the
/// user can say what they are (also when the name column is not found).
pub fn unknown_headers(portfolio: &Portfolio, input: &str) -> Result<Vec<String>, CsvError> {
    let input = input.strip_prefix(BOM).unwrap_or(input);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input.as_bytes());
    let header = match reader.records().next() {
        None => return Err(CsvError::Empty),
        Some(Err(e)) => return Err(CsvError::Read(e.to_string())),
        Some(Ok(h)) => h,
    };
    Ok(header
        .iter()
        .filter(|h| !h.trim().is_empty() && map_header(portfolio, h).is_none())
        .map(str::to_string)
        .collect())
}

/// Rewrites header cells (exact text → new text) and keeps every data row
/// byte for byte, so row line numbers in the report stay those of the file.
pub fn rename_headers(input: &str, renames: &[(String, String)]) -> Result<String, CsvError> {
    let input = input.strip_prefix(BOM).unwrap_or(input);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input.as_bytes());
    let mut header = csv::StringRecord::new();
    if !reader
        .read_record(&mut header)
        .map_err(|e| CsvError::Read(e.to_string()))?
    {
        return Err(CsvError::Empty);
    }
    // The reader stops before the header's line ending; the new header brings its own.
    let rest = &input[reader.position().byte() as usize..];
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .or_else(|| rest.strip_prefix('\r'))
        .unwrap_or(rest);
    let cells: Vec<String> = header
        .iter()
        .map(|h| {
            renames
                .iter()
                .find(|(from, _)| from == h)
                .map_or_else(|| h.to_string(), |(_, to)| to.clone())
        })
        .collect();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(&cells)
        .map_err(|e| CsvError::Write(e.to_string()))?;
    let head = writer
        .into_inner()
        .map_err(|e| CsvError::Write(e.to_string()))?;
    let mut out = String::from_utf8(head).map_err(|e| CsvError::Write(e.to_string()))?;
    out.push_str(rest);
    Ok(out)
}

// ---------------------------------------------------------------------------
// Import: plan
// ---------------------------------------------------------------------------

/// What is wrong with a row. Echoed cell values are cut to an excerpt, so
/// a 5 MB cell neither floods the page nor stays in memory.
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    MissingName,
    NotANumber { column: String, value: String },
    RatingOutOfRange { column: String, value: String },
    UnknownStage { column: String, value: String },
    FieldCount { expected: usize, found: usize },
    Unreadable(String),
    // A rule every account keeps, the same as in the account form.
    Account(AccountError),
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowProblem::MissingName => write!(f, "the name is missing"),
            RowProblem::NotANumber { column, value } => {
                write!(f, "{column}: \"{value}\" is not a number")
            }
            RowProblem::RatingOutOfRange { column, value } => write!(
                f,
                "{column}: \"{value}\" is not a rating from 0 to {MAX_RATING}"
            ),
            RowProblem::UnknownStage { column, value } => {
                write!(f, "{column}: \"{value}\" is not a relationship stage")
            }
            RowProblem::FieldCount { expected, found } => {
                write!(f, "the row has {found} fields, the header has {expected}")
            }
            RowProblem::Unreadable(e) => write!(f, "the row could not be read: {e}"),
            RowProblem::Account(e) => write!(f, "{e}"),
        }
    }
}

/// A bad row: 1-based line in the file where the row starts (header = 1).
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub line: u64,
    pub problems: Vec<RowProblem>,
}

/// A good row, ready to import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    pub line: u64,
    /// Id 0 until applied.
    pub account: KeyAccount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateOf {
    /// Same name as an account already in the portfolio.
    Existing(AccountId),
    /// Same name as an earlier row of this file (its line).
    EarlierRow(u64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateRow {
    pub row: ImportRow,
    pub of: DuplicateOf,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub new_rows: Vec<ImportRow>,
    pub duplicates: Vec<DuplicateRow>,
    pub errors: Vec<RowError>,
    /// Header cells we don't understand; their data is skipped.
    pub unknown_columns: Vec<String>,
    /// Header cells naming a column a second time; the first wins.
    pub repeated_columns: Vec<String>,
    /// Columns present, so a replace only overwrites what the file has.
    columns: BTreeSet<Column>,
}

impl ImportPlan {
    pub fn is_empty(&self) -> bool {
        self.new_rows.is_empty() && self.duplicates.is_empty()
    }
}

/// What to do with a row whose name is already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicatePolicy {
    /// Leave the existing account (or earlier row) as it is.
    Skip,
    /// Overwrite the columns the file has, keeping the id, DMU, team and measures.
    Replace,
    /// Import as another account with the same name.
    KeepBoth,
}

/// Trimmed, lowercased name: the duplicate key.
fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Reads bytes as UTF-8 (after an optional BOM) and plans the import.
pub fn plan_import_bytes(portfolio: &Portfolio, bytes: &[u8]) -> Result<ImportPlan, CsvError> {
    check_size(bytes.len())?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => plan_import(portfolio, text),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            Err(CsvError::NotUtf8 { line })
        }
    }
}

fn parse_number(cell: &str) -> Option<f64> {
    let t = unneutralise(cell.trim()).trim();
    let t = t.strip_prefix('\'').unwrap_or(t);
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn parse_rating(cell: &str) -> Option<u8> {
    let v = parse_number(cell)?;
    (v.fract() == 0.0 && (0.0..=f64::from(MAX_RATING)).contains(&v)).then_some(v as u8)
}

/// Reads CSV text into a plan; the portfolio is only read, for duplicates
/// and factor names. Rows that are entirely blank are skipped silently.
pub fn plan_import(portfolio: &Portfolio, input: &str) -> Result<ImportPlan, CsvError> {
    check_size(input.len())?;
    let input = input.strip_prefix(BOM).unwrap_or(input);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(CsvError::Empty),
        Some(Err(e)) => return Err(CsvError::Read(e.to_string())),
        Some(Ok(h)) => h,
    };
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.len());
    let mut seen = BTreeSet::new();
    let mut unknown_columns = Vec::new();
    let mut repeated_columns = Vec::new();
    for raw in header.iter() {
        match map_header(portfolio, raw) {
            Some(Column::Ignored) => columns.push(None),
            Some(c) if seen.contains(&c) => {
                repeated_columns.push(raw.to_string());
                columns.push(None);
            }
            Some(c) => {
                seen.insert(c.clone());
                columns.push(Some(c));
            }
            None => {
                if !raw.trim().is_empty() {
                    unknown_columns.push(raw.to_string());
                }
                columns.push(None);
            }
        }
    }
    if !seen.contains(&Column::Name) {
        return Err(CsvError::NoNameColumn);
    }

    let existing: HashMap<String, AccountId> = portfolio
        .accounts
        .iter()
        .map(|a| (name_key(&a.name), a.id))
        .collect();
    let mut in_file: HashMap<String, u64> = HashMap::new();
    let mut plan = ImportPlan {
        new_rows: Vec::new(),
        duplicates: Vec::new(),
        errors: Vec::new(),
        unknown_columns,
        repeated_columns,
        columns: seen,
    };

    let mut lines = LineCounter::new(input);
    for result in records {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                plan.errors.push(RowError {
                    line,
                    problems: vec![RowProblem::Unreadable(e.to_string())],
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            plan.errors.push(RowError {
                line,
                problems: vec![RowProblem::FieldCount {
                    expected: columns.len(),
                    found: record.len(),
                }],
            });
            continue;
        }
        let (account, mut problems) = read_row(&columns, &record);
        for e in account.problems() {
            match e {
                // The row's own words for a blank name, said first.
                AccountError::EmptyName => problems.insert(0, RowProblem::MissingName),
                e => problems.push(RowProblem::Account(e)),
            }
        }
        if !problems.is_empty() {
            plan.errors.push(RowError { line, problems });
            continue;
        }
        let key = name_key(&account.name);
        let row = ImportRow { line, account };
        if let Some(&first) = in_file.get(&key) {
            plan.duplicates.push(DuplicateRow {
                row,
                of: DuplicateOf::EarlierRow(first),
            });
            continue;
        }
        in_file.insert(key.clone(), line);
        match existing.get(&key) {
            Some(&id) => plan.duplicates.push(DuplicateRow {
                row,
                of: DuplicateOf::Existing(id),
            }),
            None => plan.new_rows.push(row),
        }
    }
    Ok(plan)
}

/// 1-based physical line of a record from its byte offset. The csv crate's
/// own line count is one short after CRLF line ends, so we count ourselves:
/// `\n`, `\r\n` and a lone `\r` each end a line, quoted newlines included.
/// Offsets only grow, so counting from the last one keeps this linear.
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

    fn line_at(&mut self, byte: u64) -> u64 {
        let mut target = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        // A record's offset may point at the end of the previous line.
        while target < self.bytes.len() && matches!(self.bytes[target], b'\r' | b'\n') {
            target += 1;
        }
        if target < self.pos {
            return self.line;
        }
        for i in self.pos..target {
            match self.bytes[i] {
                b'\n' => self.line += 1,
                b'\r' if self.bytes.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.pos = target;
        self.line
    }
}

fn read_row(
    columns: &[Option<Column>],
    record: &csv::StringRecord,
) -> (KeyAccount, Vec<RowProblem>) {
    let mut a = KeyAccount::default();
    let mut problems = Vec::new();
    for (col, cell) in columns.iter().zip(record.iter()) {
        let Some(col) = col else { continue };
        let text = || unneutralise(cell).trim().to_string();
        let blank = cell.trim().is_empty();
        match col {
            Column::Name => a.name = text(),
            Column::Sector => a.sector = text(),
            Column::Country => a.country = text(),
            Column::KeyAccountManager => a.key_account_manager = text(),
            Column::ExecutiveSponsor => a.executive_sponsor = text(),
            Column::PlanOwner => a.plan_owner = text(),
            Column::Notes => a.notes = text(),
            Column::Revenue | Column::CategorySpend => {
                if blank {
                    continue;
                }
                // Whether the amount is allowed (e.g. not negative) is the
                // model's rule, checked with the rest after the row is read.
                match parse_number(cell) {
                    Some(v) if *col == Column::Revenue => a.revenue = v,
                    Some(v) => a.category_spend = Some(v),
                    None => problems.push(RowProblem::NotANumber {
                        column: excerpt(&col.label()),
                        value: excerpt(cell),
                    }),
                }
            }
            Column::CurrentStage | Column::TargetStage => {
                if blank {
                    continue;
                }
                match cell.parse::<RelationshipStage>() {
                    Ok(s) if *col == Column::CurrentStage => a.current_stage = s,
                    Ok(s) => a.target_stage = s,
                    Err(_) => problems.push(RowProblem::UnknownStage {
                        column: excerpt(&col.label()),
                        value: excerpt(cell),
                    }),
                }
            }
            Column::Attractiveness(id)
            | Column::StrengthCustomer(id)
            | Column::StrengthSelf(id) => {
                if blank {
                    continue;
                }
                let Some(v) = parse_rating(cell) else {
                    problems.push(RowProblem::RatingOutOfRange {
                        column: excerpt(&col.label()),
                        value: excerpt(cell),
                    });
                    continue;
                };
                let map = match col {
                    Column::Attractiveness(_) => &mut a.attractiveness,
                    Column::StrengthCustomer(_) => &mut a.strength_customer_view,
                    _ => &mut a.strength_self_view,
                };
                map.insert(id.clone(), v);
            }
            Column::Ignored => {}
        }
    }
    (a, problems)
}

// ---------------------------------------------------------------------------
// Import: apply
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    pub added: Vec<AccountId>,
    pub replaced: Vec<AccountId>,
    /// Lines of rows left out as duplicates.
    pub skipped: Vec<u64>,
    /// Category and stage changes caused by replacements.
    pub migrations: Vec<MigrationRecord>,
}

/// Copies the columns the file has onto an existing account.
fn overwrite(target: &mut KeyAccount, from: &KeyAccount, columns: &BTreeSet<Column>) {
    for col in columns {
        match col {
            Column::Name => target.name = from.name.clone(),
            Column::Sector => target.sector = from.sector.clone(),
            Column::Country => target.country = from.country.clone(),
            Column::Revenue => target.revenue = from.revenue,
            Column::CategorySpend => target.category_spend = from.category_spend,
            Column::KeyAccountManager => {
                target.key_account_manager = from.key_account_manager.clone()
            }
            Column::ExecutiveSponsor => target.executive_sponsor = from.executive_sponsor.clone(),
            Column::PlanOwner => target.plan_owner = from.plan_owner.clone(),
            Column::CurrentStage => target.current_stage = from.current_stage,
            Column::TargetStage => target.target_stage = from.target_stage,
            Column::Notes => target.notes = from.notes.clone(),
            Column::Attractiveness(id) => {
                copy_rating(&mut target.attractiveness, &from.attractiveness, id)
            }
            Column::StrengthCustomer(id) => copy_rating(
                &mut target.strength_customer_view,
                &from.strength_customer_view,
                id,
            ),
            Column::StrengthSelf(id) => {
                copy_rating(&mut target.strength_self_view, &from.strength_self_view, id)
            }
            Column::Ignored => {}
        }
    }
}

/// A blank cell in a present column clears the rating: the file says "not rated".
fn copy_rating(target: &mut Ratings, from: &Ratings, id: &str) {
    match from.get(id) {
        Some(&v) => {
            target.insert(id.to_string(), v);
        }
        None => {
            target.remove(id);
        }
    }
}

/// Carries out the plan. Rows go in file order; with `Replace`, a later row
/// of the same name overwrites the earlier one (last wins). Works even if
/// the portfolio changed since planning: a vanished account is re-added.
pub fn apply(
    portfolio: &mut Portfolio,
    plan: &ImportPlan,
    policy: DuplicatePolicy,
    today: &str,
) -> Result<ImportSummary, PortfolioError> {
    super::portfolio::validate_date(today)?;
    enum Item<'a> {
        New(&'a ImportRow),
        Dup(&'a DuplicateRow),
    }
    let mut items: Vec<(u64, Item)> = plan
        .new_rows
        .iter()
        .map(|r| (r.line, Item::New(r)))
        .chain(plan.duplicates.iter().map(|d| (d.row.line, Item::Dup(d))))
        .collect();
    items.sort_by_key(|(line, _)| *line);

    let mut summary = ImportSummary::default();
    // Line of a row in this file -> the account it ended up as.
    let mut landed: HashMap<u64, AccountId> = HashMap::new();
    for (line, item) in items {
        let (row, target) = match item {
            Item::New(row) => (row, None),
            Item::Dup(d) => match policy {
                DuplicatePolicy::Skip => {
                    summary.skipped.push(line);
                    continue;
                }
                DuplicatePolicy::KeepBoth => (&d.row, None),
                DuplicatePolicy::Replace => {
                    let id = match d.of {
                        DuplicateOf::Existing(id) => Some(id),
                        DuplicateOf::EarlierRow(first) => landed.get(&first).copied(),
                    };
                    (&d.row, id.filter(|id| portfolio.get(*id).is_some()))
                }
            },
        };
        match target {
            Some(id) => {
                let records =
                    portfolio.update_account_as(id, today, MigrationCause::Import, |a| {
                        overwrite(a, &row.account, &plan.columns)
                    })?;
                summary.migrations.extend(records);
                summary.replaced.push(id);
                landed.insert(line, id);
                if let Item::Dup(DuplicateRow {
                    of: DuplicateOf::EarlierRow(first),
                    ..
                }) = item
                {
                    landed.insert(*first, id);
                }
            }
            None => {
                let id = portfolio.add_account(row.account.clone())?;
                summary.added.push(id);
                landed.insert(line, id);
            }
        }
    }
    Ok(summary)
}

/// Category label for display next to an import preview row.
pub fn preview_category(portfolio: &Portfolio, row: &ImportRow) -> Option<Category> {
    portfolio.category(&row.account)
}

#[cfg(test)]
mod mapping_tests {
    use super::*;

    #[test]
    fn unknown_headers_are_listed_even_without_a_name_column() {
        let p = Portfolio::default();
        let csv = "Client,Turnover,Region\r\nAcme,100,North\r\n";
        assert_eq!(plan_import(&p, csv).unwrap_err(), CsvError::NoNameColumn);
        assert_eq!(unknown_headers(&p, csv).unwrap(), vec!["Client", "Region"]);
    }

    #[test]
    fn renamed_headers_import_and_keep_line_numbers() {
        let p = Portfolio::default();
        let csv = "\u{feff}\"Client, legal\",Turnover,Region\r\nAcme,100,North\r\n,5,South\r\nBeta,\"1,5\",East\r\n";
        let renamed = rename_headers(
            csv,
            &[
                ("Client, legal".into(), "name".into()),
                ("Region".into(), "country".into()),
            ],
        )
        .unwrap();
        assert!(
            renamed.starts_with("name,Turnover,country\r\nAcme,100,North\r\n"),
            "{renamed}"
        );
        let plan = plan_import(&p, &renamed).unwrap();
        assert_eq!(plan.new_rows.len(), 1);
        assert_eq!(plan.new_rows[0].account.country, "North");
        assert_eq!(plan.new_rows[0].account.revenue, 100.0);
        let lines: Vec<u64> = plan.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4]);
    }

    #[test]
    fn every_mapping_target_is_recognised() {
        let p = Portfolio::default();
        for (header, _) in mapping_targets(&p) {
            assert!(map_header(&p, &header).is_some(), "{header}");
        }
        assert!(mapping_targets(&p)
            .iter()
            .any(|(h, l)| h == "attr:volume" && l == "Attractiveness: Volume"));
    }

    #[test]
    fn renaming_an_empty_file_is_an_error() {
        assert_eq!(rename_headers("", &[]), Err(CsvError::Empty));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::portfolio::{Criteria, MigrationKind};

    const TODAY: &str = "2026-03-31";

    fn with(names: &[&str]) -> Portfolio {
        let mut p = Portfolio::default();
        for n in names {
            p.add_account(KeyAccount::new(*n)).unwrap();
        }
        p
    }

    #[test]
    fn three_good_two_bad_rows_with_line_numbers() {
        // Line 1 header; row at line 2; line 3-4 is one row with a quoted
        // two-line note; line 5 bad stage; line 6 no name; line 7 good.
        let csv = "Account Name,Revenue,KAM,Stage,Notes,attr:volume,Favourite colour\n\
                   Acme,1000,Dana,Basic,ok,7,blue\n\
                   Beta,2000,Eli,cooperative,\"two\nlines\",8,red\n\
                   Gamma,3000,Eli,Partner,,5,green\n\
                   ,50,Eli,Basic,,5,\n\
                   Delta,5,Fay,2,,,\n";
        let plan = plan_import(&Portfolio::default(), csv).unwrap();
        let good: Vec<_> = plan
            .new_rows
            .iter()
            .map(|r| (r.line, r.account.name.as_str()))
            .collect();
        assert_eq!(good, [(2, "Acme"), (3, "Beta"), (7, "Delta")]);
        assert_eq!(plan.new_rows[1].account.notes, "two\nlines");
        assert_eq!(
            plan.new_rows[1].account.current_stage,
            RelationshipStage::Cooperative
        );
        assert_eq!(plan.new_rows[0].account.key_account_manager, "Dana");
        assert_eq!(plan.new_rows[0].account.attractiveness["volume"], 7);
        assert_eq!(plan.new_rows[2].account.revenue, 5.0);
        assert_eq!(plan.errors.len(), 2);
        assert_eq!(plan.errors[0].line, 5);
        assert!(matches!(
            plan.errors[0].problems[0],
            RowProblem::UnknownStage { .. }
        ));
        assert_eq!(plan.errors[1].line, 6);
        assert_eq!(plan.errors[1].problems, [RowProblem::MissingName]);
        assert_eq!(plan.unknown_columns, ["Favourite colour"]);
        assert!(plan.errors[0].problems[0].to_string().contains("Partner"));
    }

    #[test]
    fn each_kind_of_bad_row_is_reported() {
        let csv = "name,revenue,category spend,attr:volume,target stage\r\n\
                   A,lots,,,\r\n\
                   B,1,-3,,\r\n\
                   C,1,,11,\r\n\
                   D,1,,7.5,\r\n\
                   E,1\r\n\
                   F,1,,,6\r\n\
                   \"G\",1,,3,\"Integrated\"\r\n\
                   ,,,,\r\n";
        let plan = plan_import(&Portfolio::default(), csv).unwrap();
        let lines: Vec<u64> = plan.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7]);
        assert!(matches!(
            plan.errors[0].problems[0],
            RowProblem::NotANumber { .. }
        ));
        assert_eq!(
            plan.errors[1].problems,
            [RowProblem::Account(AccountError::Negative {
                field: "category spend"
            })]
        );
        assert!(matches!(
            plan.errors[2].problems[0],
            RowProblem::RatingOutOfRange { .. }
        ));
        assert!(matches!(
            plan.errors[3].problems[0],
            RowProblem::RatingOutOfRange { .. }
        ));
        assert_eq!(
            plan.errors[4].problems,
            [RowProblem::FieldCount {
                expected: 5,
                found: 2
            }]
        );
        assert!(matches!(
            plan.errors[5].problems[0],
            RowProblem::UnknownStage { .. }
        ));
        assert_eq!(plan.new_rows.len(), 1, "blank trailing row is skipped");
        assert_eq!(
            plan.new_rows[0].account.target_stage,
            RelationshipStage::Integrated
        );
    }

    #[test]
    fn rows_breaking_account_rules_are_rejected_by_line_and_the_rest_import() {
        let big = "n".repeat(5_000_000);
        let csv = format!(
            "name,revenue,notes\n\
             Good one,1,fine\n\
             Huge notes,2,{big}\n\
             \0\0\0,3,\n\
             Minus,-5000,\n\
             Good two,4,\"two\nlines\"\n"
        );
        let plan = plan_import(&Portfolio::default(), &csv).unwrap();
        let good: Vec<_> = plan
            .new_rows
            .iter()
            .map(|r| (r.line, r.account.name.as_str()))
            .collect();
        assert_eq!(good, [(2, "Good one"), (6, "Good two")]);
        let bad: Vec<(u64, Vec<String>)> = plan
            .errors
            .iter()
            .map(|e| (e.line, e.problems.iter().map(|p| p.to_string()).collect()))
            .collect();
        assert_eq!(
            bad,
            [
                (
                    3,
                    vec!["the notes have 5,000,000 characters; at most 10,000".to_string()]
                ),
                (
                    4,
                    vec![
                        "the name contains control characters (such as NUL), which are not allowed"
                            .to_string()
                    ]
                ),
                (5, vec!["revenue cannot be negative".to_string()]),
            ]
        );
        assert_eq!(
            plan.errors[2].problems,
            [RowProblem::Account(AccountError::Negative {
                field: "revenue"
            })]
        );
    }

    #[test]
    fn a_blank_name_is_reported_once_and_first() {
        let plan = plan_import(&Portfolio::default(), "name,revenue\n ,-1\n").unwrap();
        assert_eq!(
            plan.errors[0].problems,
            [
                RowProblem::MissingName,
                RowProblem::Account(AccountError::Negative { field: "revenue" })
            ]
        );
    }

    #[test]
    fn echoed_cells_are_cut_short() {
        let huge = "x".repeat(2_000_000);
        let csv = format!("name,revenue,stage,attr:volume\nA,{huge},{huge},{huge}\n");
        let plan = plan_import(&Portfolio::default(), &csv).unwrap();
        let problems = &plan.errors[0].problems;
        assert_eq!(problems.len(), 3);
        for p in problems {
            let msg = p.to_string();
            assert!(msg.chars().count() < 120, "{msg}");
            assert!(msg.contains(&format!("{}…", "x".repeat(40))), "{msg}");
        }
    }

    #[test]
    fn files_over_the_limit_are_refused_before_parsing() {
        let p = Portfolio::default();
        let at_limit = format!("name\n{}", "a".repeat(MAX_CSV_BYTES - 5));
        assert_eq!(at_limit.len(), MAX_CSV_BYTES);
        assert!(plan_import(&p, &at_limit).is_ok());
        let over = MAX_CSV_BYTES + 1;
        let text = "a".repeat(over);
        let err = plan_import(&p, &text).unwrap_err();
        assert_eq!(
            err,
            CsvError::TooLarge {
                bytes: over,
                max: MAX_CSV_BYTES
            }
        );
        assert_eq!(
            err.to_string(),
            "the file is 10.1 MB; at most 10 MB can be imported at once (split it into several files)"
        );
        // Checked before the UTF-8 check, on the bytes as they come.
        let bytes = vec![0xFF_u8; 13_002_342];
        let err = plan_import_bytes(&p, &bytes).unwrap_err();
        assert!(matches!(err, CsvError::TooLarge { .. }));
        assert!(err.to_string().starts_with("the file is 12.4 MB;"), "{err}");
    }

    #[test]
    fn header_problems() {
        assert_eq!(plan_import(&Portfolio::default(), ""), Err(CsvError::Empty));
        assert_eq!(
            plan_import(&Portfolio::default(), "revenue,kam\n1,x\n"),
            Err(CsvError::NoNameColumn)
        );
        let plan = plan_import(
            &Portfolio::default(),
            " CUSTOMER , Key_Account-Manager ,Sponsor,Name\nA,B,C,D\n",
        )
        .unwrap();
        let a = &plan.new_rows[0].account;
        assert_eq!(
            (a.name.as_str(), a.key_account_manager.as_str()),
            ("A", "B")
        );
        assert_eq!(a.executive_sponsor, "C");
        assert_eq!(plan.repeated_columns, ["Name"]);
        // Rating columns by factor name as well as id.
        let plan = plan_import(
            &Portfolio::default(),
            "name,Attractiveness: Strategic fit,strength:Relationship,self:price\nA,4,5,6\n",
        )
        .unwrap();
        let a = &plan.new_rows[0].account;
        assert_eq!(a.attractiveness["strategic_fit"], 4);
        assert_eq!(a.strength_customer_view["relationship"], 5);
        assert_eq!(a.strength_self_view["price"], 6);
    }

    #[test]
    fn bom_is_stripped_on_import_and_optional_on_export() {
        let plan = plan_import(&Portfolio::default(), "\u{feff}Name,Revenue\nAcme,5\n").unwrap();
        assert_eq!(plan.new_rows[0].account.name, "Acme");
        assert!(plan.unknown_columns.is_empty());
        let plan = plan_import_bytes(&Portfolio::default(), b"\xEF\xBB\xBFName\nAcme\n").unwrap();
        assert_eq!(plan.new_rows[0].account.name, "Acme");
        assert_eq!(
            plan_import_bytes(&Portfolio::default(), b"Name\nAcme\n\xFF\n"),
            Err(CsvError::NotUtf8 { line: 3 })
        );
        let p = with(&["Acme"]);
        assert!(export_csv(&p, true).unwrap().starts_with('\u{feff}'));
        assert!(export_csv(&p, false).unwrap().starts_with("id,name"));
    }

    #[test]
    fn formula_cells_are_neutralised_but_numbers_are_not() {
        let mut p = Portfolio::default();
        let mut a = KeyAccount::new("=HYPERLINK(\"http://x\")");
        a.sector = "+cmd".into();
        a.country = "-2+3".into();
        a.key_account_manager = "@SUM(A1)".into();
        a.notes = "\tTab".into();
        a.executive_sponsor = "'quoted".into();
        a.plan_owner = "Plain".into();
        a.revenue = 5.0;
        a.category_spend = Some(1234.5);
        p.add_account(a.clone()).unwrap();
        let out = export_csv(&p, false).unwrap();
        let row = out.lines().nth(1).unwrap();
        assert!(row.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{row}");
        assert!(row.contains(",'+cmd,"), "{row}");
        assert!(row.contains(",'-2+3,"), "{row}");
        assert!(row.contains("'@SUM(A1)"), "{row}");
        assert!(row.contains("''quoted"), "{row}");
        assert!(row.contains(",Plain,"), "{row}");
        assert!(row.contains(",5,1234.5,"), "numbers stay numbers: {row}");
        // And back: the quote comes off again.
        let plan = plan_import(&Portfolio::default(), &out).unwrap();
        let b = &plan.new_rows[0].account;
        assert_eq!(b.name, a.name);
        assert_eq!(b.sector, "+cmd");
        assert_eq!(b.country, "-2+3");
        assert_eq!(b.key_account_manager, "@SUM(A1)");
        assert_eq!(b.notes, "Tab", "text is trimmed on import");
        assert_eq!(b.executive_sponsor, "'quoted");
        assert_eq!(b.revenue, 5.0);
        // A user's own leading quote is kept.
        let plan = plan_import(&Portfolio::default(), "name\n'Acme\n").unwrap();
        assert_eq!(plan.new_rows[0].account.name, "'Acme");
    }

    #[test]
    fn duplicates_within_file_and_against_existing() {
        let p = with(&["Acme Ltd"]);
        let csv = "name,revenue\n  ACME ltd ,1\nBeta,2\nbeta,3\nacme LTD,4\n";
        let plan = plan_import(&p, csv).unwrap();
        assert_eq!(plan.new_rows.len(), 1);
        assert_eq!(plan.new_rows[0].line, 3);
        let dups: Vec<(u64, DuplicateOf)> =
            plan.duplicates.iter().map(|d| (d.row.line, d.of)).collect();
        assert_eq!(
            dups,
            [
                (2, DuplicateOf::Existing(AccountId(1))),
                (4, DuplicateOf::EarlierRow(3)),
                (5, DuplicateOf::EarlierRow(2)),
            ]
        );
    }

    #[test]
    fn skip_policy_leaves_existing_untouched() {
        let mut p = with(&["Acme"]);
        p.update_account(AccountId(1), TODAY, |a| a.revenue = 10.0)
            .unwrap();
        let plan = plan_import(&p, "name,revenue\nacme,99\nBeta,2\nBETA,3\n").unwrap();
        let s = apply(&mut p, &plan, DuplicatePolicy::Skip, TODAY).unwrap();
        assert_eq!(s.added.len(), 1);
        assert_eq!(s.skipped, [2, 4]);
        assert!(s.replaced.is_empty());
        assert_eq!(p.accounts.len(), 2);
        assert_eq!(p.get(AccountId(1)).unwrap().revenue, 10.0);
        assert_eq!(p.get(s.added[0]).unwrap().revenue, 2.0);
    }

    #[test]
    fn replace_policy_keeps_id_and_records_migrations() {
        let mut p = Portfolio::default();
        let mut acme = KeyAccount::new("Acme");
        acme.sector = "Food".into();
        acme.attractiveness.insert("volume".into(), 9);
        acme.strength_customer_view.insert("quality".into(), 2);
        acme.strength_self_view.insert("quality".into(), 8);
        acme.team.push(Default::default());
        let id = p.add_account(acme).unwrap();
        let csv = "name,revenue,stage,attr:volume,strength:quality,self:quality\n\
                   ACME,500,Basic,9,8,\n\
                   New,1,,,,\n\
                   new,2,,,,\n";
        let plan = plan_import(&p, csv).unwrap();
        let s = apply(&mut p, &plan, DuplicatePolicy::Replace, TODAY).unwrap();
        assert_eq!(p.accounts.len(), 2);
        let a = p.get(id).unwrap();
        assert_eq!(a.name, "ACME");
        assert_eq!(a.revenue, 500.0);
        assert_eq!(a.sector, "Food", "columns absent from the file are kept");
        assert_eq!(a.team.len(), 1);
        assert!(
            a.strength_self_view.is_empty(),
            "blank rating cell clears it"
        );
        assert_eq!(s.replaced, [id, s.added[0]]);
        // Within the file the last row wins.
        assert_eq!(p.get(s.added[0]).unwrap().revenue, 2.0);
        let kinds: Vec<_> = s.migrations.iter().map(|m| &m.kind).collect();
        assert_eq!(
            kinds,
            [
                &MigrationKind::Category {
                    from: Some(Category::Star),
                    to: Some(Category::Strategic)
                },
                &MigrationKind::Stage {
                    from: RelationshipStage::Exploratory,
                    to: RelationshipStage::Basic
                }
            ]
        );
        assert!(s
            .migrations
            .iter()
            .all(|m| m.cause == MigrationCause::Import && m.date == TODAY));
        assert_eq!(p.migrations.len(), 2);
    }

    #[test]
    fn keep_both_policy_adds_everything() {
        let mut p = with(&["Acme"]);
        let plan = plan_import(&p, "name\nAcme\nacme\n").unwrap();
        let s = apply(&mut p, &plan, DuplicatePolicy::KeepBoth, TODAY).unwrap();
        assert_eq!(s.added, [AccountId(2), AccountId(3)]);
        assert_eq!(p.accounts.len(), 3);
        assert!(apply(&mut p, &plan, DuplicatePolicy::KeepBoth, "today").is_err());
        assert_eq!(p.accounts.len(), 3, "a bad date applies nothing");
    }

    #[test]
    fn replace_survives_an_account_removed_since_planning() {
        let mut p = with(&["Acme"]);
        let plan = plan_import(&p, "name\nacme\n").unwrap();
        p.remove_account(AccountId(1)).unwrap();
        let s = apply(&mut p, &plan, DuplicatePolicy::Replace, TODAY).unwrap();
        assert_eq!(s.added, [AccountId(2)]);
    }

    #[test]
    fn export_import_round_trip_of_all_fields() {
        let mut p = Portfolio::default();
        let mut a = KeyAccount::new("Acme, \"the\" company; Europe");
        a.sector = "Food".into();
        a.country = "Deutschland ü".into();
        a.revenue = 1234567.89;
        a.category_spend = Some(5e6);
        a.key_account_manager = "Dana".into();
        a.executive_sponsor = "Kim".into();
        a.plan_owner = "Lee".into();
        a.current_stage = RelationshipStage::Interdependent;
        a.target_stage = RelationshipStage::Integrated;
        a.notes = "multi\r\nline".into();
        a.attractiveness = [("volume".to_string(), 7), ("legacy".to_string(), 3)].into();
        a.strength_customer_view = [("quality".to_string(), 0)].into();
        a.strength_self_view = [("price".to_string(), 10)].into();
        p.add_account(a.clone()).unwrap();
        let out = export_csv(&p, true).unwrap();
        let mut q = Portfolio::default();
        let plan = plan_import(&q, &out).unwrap();
        assert!(plan.errors.is_empty(), "{:?}", plan.errors);
        assert!(
            plan.unknown_columns.is_empty(),
            "{:?}",
            plan.unknown_columns
        );
        apply(&mut q, &plan, DuplicatePolicy::Skip, TODAY).unwrap();
        assert_eq!(q.accounts, p.accounts);
        assert_eq!(export_csv(&q, true).unwrap(), out);
        let _ = Criteria::default();
    }

    #[test]
    fn ten_thousand_rows_import_linearly() {
        let mut p = Portfolio::default();
        let mut csv = String::from("name,revenue,kam,attr:volume,strength:quality\n");
        for i in 0..10_000 {
            csv.push_str(&format!(
                "Account {i},{i}.5,KAM {},{},{}\n",
                i % 40,
                i % 11,
                i % 7
            ));
        }
        let plan = plan_import(&p, &csv).unwrap();
        assert_eq!(plan.new_rows.len(), 10_000);
        apply(&mut p, &plan, DuplicatePolicy::Skip, TODAY).unwrap();
        let again = plan_import(&p, &csv).unwrap();
        assert_eq!(again.duplicates.len(), 10_000);
        let s = apply(&mut p, &again, DuplicatePolicy::Replace, TODAY).unwrap();
        assert_eq!(s.replaced.len(), 10_000);
        assert_eq!(p.accounts.len(), 10_000);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn names_survive_export_and_import(
                names in proptest::collection::vec("[a-zA-Z0-9 ,\"'=+@\\-ü€]{1,16}", 1..8),
                breaks in "[\t\r\n]{0,3}",
            ) {
                let mut p = Portfolio::default();
                let mut expected = Vec::new();
                for n in &names {
                    if n.trim().is_empty() {
                        continue;
                    }
                    // Line breaks and tabs are allowed in notes only.
                    let mut a = KeyAccount::new(n.clone());
                    a.notes = format!("{breaks}{n}{breaks}");
                    p.add_account(a).unwrap();
                    expected.push(n.trim().to_string());
                }
                let out = export_csv(&p, true).unwrap();
                let mut q = Portfolio::default();
                let plan = plan_import(&q, &out).unwrap();
                prop_assert!(plan.errors.is_empty(), "{:?}", plan.errors);
                apply(&mut q, &plan, DuplicatePolicy::KeepBoth, TODAY).unwrap();
                let got: Vec<String> = q.accounts.iter().map(|a| a.name.clone()).collect();
                prop_assert_eq!(&got, &expected);
                let notes: Vec<String> = q.accounts.iter().map(|a| a.notes.clone()).collect();
                prop_assert_eq!(notes, expected);
            }
        }
    }
}
