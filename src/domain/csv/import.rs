//! Reading a CSV file into an import plan, and carrying the plan out.

use super::rows::{Broken, RowRead, Rows};
use super::{
    check_size, decode_file, unneutralise, CsvError, Separator, ATTR_PREFIX, BOM, SELF_PREFIX,
    STRENGTH_PREFIX,
};
use crate::domain::date::IsoDate;
use crate::domain::portfolio::{
    excerpt, name_key, AccountError, AccountId, Category, Factor, KeyAccount, MigrationCause,
    MigrationRecord, Portfolio, PortfolioError, Ratings, RelationshipStage, MAX_RATING,
};
use std::collections::{BTreeSet, HashMap, HashSet};

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

pub(super) fn map_header(portfolio: &Portfolio, raw: &str) -> Option<Column> {
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
    let ids = |fs: &[Factor]| -> Vec<(String, String)> {
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
    let (header, _) = Rows::new(input, Separator::detect(input)).header()?;
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
    let separator = Separator::detect(input);
    let (header, end) = Rows::new(input, separator).header()?;
    // The reader stops before the header's line ending; the new header brings its own.
    let rest = input.get(end..).unwrap_or_default();
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
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .delimiter(separator.byte())
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

/// What is wrong with a row. Echoed cell values are cut to an excerpt, so
/// a 5 MB cell neither floods the page nor stays in memory.
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    MissingName,
    /// Not a number as the file writes them (its separator decides the decimal mark).
    NotANumber {
        column: String,
        value: String,
        separator: Separator,
    },
    RatingOutOfRange {
        column: String,
        value: String,
    },
    UnknownStage {
        column: String,
        value: String,
    },
    FieldCount {
        expected: usize,
        found: usize,
    },
    /// A quote opened on line `opened` is never closed: the row is left
    /// out and the lines after it are read as rows again.
    UnclosedQuote {
        opened: u64,
    },
    /// A quoted cell opened on line `opened` runs over line ends until a
    /// later row's quote on line `closed`: the row is left out and the
    /// lines after line `opened` are read as rows again.
    QuoteRunsOver {
        opened: u64,
        closed: u64,
    },
    Unreadable(String),
    // A rule every account keeps, the same as in the account form.
    Account(AccountError),
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowProblem::MissingName => write!(f, "the name is missing"),
            RowProblem::NotANumber {
                column,
                value,
                separator,
            } => write!(
                f,
                "{column}: \"{value}\" is not a number (such as {})",
                separator.number_example()
            ),
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
            RowProblem::UnclosedQuote { opened } => write!(
                f,
                "a quote (\") opened on line {opened} is never closed (a quote inside a cell is written twice: \"\"); the lines after it were read as rows"
            ),
            RowProblem::QuoteRunsOver { opened, closed } => write!(
                f,
                "a quote (\") opened on line {opened} runs over the line ends to line {closed} (a quote inside a cell is written twice: \"\"); the lines after line {opened} were read as rows"
            ),
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

impl DuplicateOf {
    /// Why the row is a duplicate, in words.
    pub fn describe(&self) -> String {
        match self {
            DuplicateOf::Existing(_) => "already in the portfolio".into(),
            DuplicateOf::EarlierRow(line) => format!("same name as line {line}"),
        }
    }
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
    /// How the file separates its fields, told to the user.
    pub separator: Separator,
    /// Columns present, so a replace only overwrites what the file has.
    columns: BTreeSet<Column>,
}

impl ImportPlan {
    pub fn is_empty(&self) -> bool {
        self.new_rows.is_empty() && self.duplicates.is_empty()
    }

    /// True when the file has its header row and no rows under it (blank
    /// lines aside): there is nothing to import nor to fix.
    pub fn has_no_rows(&self) -> bool {
        self.is_empty() && self.errors.is_empty()
    }

    /// How many rows [`apply`] imports under `policy`: new rows, and the
    /// duplicates unless they are skipped. Rows with errors never are.
    pub fn rows_to_import(&self, policy: DuplicatePolicy) -> usize {
        let duplicates = match policy {
            DuplicatePolicy::Skip => 0,
            DuplicatePolicy::Replace | DuplicatePolicy::KeepBoth => self.duplicates.len(),
        };
        self.new_rows.len() + duplicates
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

/// Reads a file's bytes (see [`decode_file`]) and plans the import.
pub fn plan_import_bytes(portfolio: &Portfolio, bytes: &[u8]) -> Result<ImportPlan, CsvError> {
    check_size(bytes.len())?;
    plan_import(portfolio, &decode_file(bytes)?)
}

/// A number as a spreadsheet writes it in a file with this separator: the
/// file's decimal mark, thousands optionally grouped by the other mark or a
/// space (`1.234,5` in a `;` file, `1,234.5` in a `,` file). A plain
/// `1234.5` reads in either; anything else is not a number.
pub(super) fn parse_number(cell: &str, separator: Separator) -> Option<f64> {
    let t = unneutralise(cell.trim()).trim();
    let t = t.strip_prefix('\'').unwrap_or(t);
    local_number(t, separator.decimal_mark())
        .or_else(|| t.parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

fn local_number(t: &str, decimal: char) -> Option<f64> {
    let grouping = if decimal == ',' { '.' } else { ',' };
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = match digits.split_once(decimal) {
        Some((int, frac)) if !frac.is_empty() && all_digits(frac) => (int, frac),
        Some(_) => return None,
        None => (digits, ""),
    };
    let int: String = match int.chars().find(|c| !c.is_ascii_digit()) {
        None => int.to_string(),
        Some(g) if g == grouping || matches!(g, ' ' | '\u{a0}' | '\u{202f}') => {
            let mut groups = int.split(g);
            let first = groups.next().unwrap_or_default();
            let first_ok = (1..=3).contains(&first.len()) && all_digits(first);
            let mut out = first.to_string();
            for group in groups {
                if group.len() != 3 || !all_digits(group) {
                    return None;
                }
                out.push_str(group);
            }
            if !first_ok {
                return None;
            }
            out
        }
        Some(_) => return None,
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let int = if int.is_empty() { "0" } else { &int };
    let frac = if frac.is_empty() { "0" } else { frac };
    format!("{sign}{int}.{frac}").parse().ok()
}

fn parse_rating(cell: &str, separator: Separator) -> Option<u8> {
    let v = parse_number(cell, separator)?;
    (v.fract() == 0.0 && (0.0..=f64::from(MAX_RATING)).contains(&v)).then_some(v as u8)
}

/// Reads CSV text into a plan; the portfolio is only read, for duplicates
/// and factor names. Rows that are entirely blank are skipped silently.
pub fn plan_import(portfolio: &Portfolio, input: &str) -> Result<ImportPlan, CsvError> {
    check_size(input.len())?;
    let input = input.strip_prefix(BOM).unwrap_or(input);
    let separator = Separator::detect(input);
    let mut rows = Rows::new(input, separator);
    let (header, _) = rows.header()?;
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

    // The first account of a name, as `Portfolio::account_named` finds it.
    let mut existing: HashMap<String, AccountId> = HashMap::new();
    for a in &portfolio.accounts {
        existing.entry(name_key(&a.name)).or_insert(a.id);
    }
    let mut in_file: HashMap<String, u64> = HashMap::new();
    let mut plan = ImportPlan {
        new_rows: Vec::new(),
        duplicates: Vec::new(),
        errors: Vec::new(),
        unknown_columns,
        repeated_columns,
        separator,
        columns: seen,
    };

    for row in rows {
        let line = row.line;
        let record = match row.cells {
            Ok(r) => r,
            Err(why) => {
                let problem = match why {
                    RowRead::Broken(Broken::Unclosed { opened }) => {
                        RowProblem::UnclosedQuote { opened }
                    }
                    RowRead::Broken(Broken::RunsOver { opened, closed }) => {
                        RowProblem::QuoteRunsOver { opened, closed }
                    }
                    RowRead::Failed(e) => RowProblem::Unreadable(e),
                };
                plan.errors.push(RowError {
                    line,
                    problems: vec![problem],
                });
                continue;
            }
        };
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
        let (account, mut problems) = read_row(&columns, &record, separator);
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

/// The rows of `input` that `errors` name (by line), as a CSV to fix and
/// import again: the file's own header and those rows exactly as written
/// (separator, quotes and a BOM kept), one per line, CRLF line ends.
pub fn rejected_rows_csv(input: &str, errors: &[RowError]) -> Result<String, CsvError> {
    let bom = input.starts_with(BOM);
    let input = input.strip_prefix(BOM).unwrap_or(input);
    let wanted: HashSet<u64> = errors.iter().map(|e| e.line).collect();
    let mut out = String::new();
    if bom {
        out.push(BOM);
    }
    let mut header = true;
    for row in Rows::new(input, Separator::detect(input)) {
        if header || wanted.contains(&row.line) {
            let raw = input
                .get(row.span.clone())
                .ok_or_else(|| CsvError::Read(format!("line {} could not be copied", row.line)))?;
            // A record's span may start with the previous line's end; an
            // unquoted cell can't hold a line break, so trimming them is safe.
            out.push_str(raw.trim_matches(['\r', '\n']));
            out.push_str("\r\n");
        }
        header = false;
    }
    if header {
        return Err(CsvError::Empty);
    }
    Ok(out)
}

fn read_row(
    columns: &[Option<Column>],
    record: &::csv::StringRecord,
    separator: Separator,
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
                match parse_number(cell, separator) {
                    Some(v) if *col == Column::Revenue => a.revenue = Some(v),
                    Some(v) => a.category_spend = Some(v),
                    None => problems.push(RowProblem::NotANumber {
                        column: excerpt(&col.label()),
                        value: excerpt(cell),
                        separator,
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
                let Some(v) = parse_rating(cell, separator) else {
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
    today: IsoDate,
) -> Result<ImportSummary, PortfolioError> {
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
    crate::domain::order::sort_by_key(&mut items, |(line, _)| *line);

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
