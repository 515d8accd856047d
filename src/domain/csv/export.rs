//! The account list as CSV, for Excel and CRMs.

use super::{neutralise, CsvError, ATTR_PREFIX, BOM, SELF_PREFIX, STRENGTH_PREFIX};
use crate::domain::portfolio::{KeyAccount, Portfolio, Ratings};
use std::collections::BTreeSet;

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

    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
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
        row.push(a.revenue.map(num).unwrap_or_default());
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

/// Factor ids rated on any account, so ratings of a factor no longer in
/// the criteria are exported too.
fn rated_ids(accounts: &[KeyAccount], pick: impl Fn(&KeyAccount) -> &Ratings) -> BTreeSet<String> {
    accounts
        .iter()
        .flat_map(|a| pick(a).keys().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv::plan_import;

    /// The cells a spreadsheet would run: OWASP's CSV injection list.
    fn starts_formula(cell: &str) -> bool {
        cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
    }

    /// Every text column, with every character that starts a formula (tab and CR only in the
    /// notes, the one field that may hold them), exports as a cell no spreadsheet runs, and
    /// an import of the file gives the text back.
    #[test]
    fn every_text_cell_is_neutralised_and_reads_back() {
        for start in ['=', '+', '-', '@'] {
            let text = |field: &str| format!("{start}{field}+cmd|' /C calc'!A0");
            let mut a = KeyAccount::new(text("name"));
            a.sector = text("sector");
            a.country = text("country");
            a.key_account_manager = text("manager");
            a.executive_sponsor = text("sponsor");
            a.plan_owner = text("owner");
            a.notes = text("notes");
            a.revenue = Some(1234.5);
            let mut p = Portfolio::default();
            p.add_account(a.clone()).unwrap();
            let mut tabbed = KeyAccount::new(format!("{start}tabbed"));
            tabbed.notes = format!("\t{}", text("tab"));
            p.add_account(tabbed).unwrap();
            let mut returned = KeyAccount::new(format!("{start}returned"));
            returned.notes = format!("\r{}", text("cr"));
            p.add_account(returned).unwrap();

            let out = export_csv(&p, true).unwrap();
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(out.as_bytes());
            for record in reader.records() {
                let record = record.unwrap();
                for cell in record.iter() {
                    assert!(!starts_formula(cell), "{cell:?} in {out}");
                }
            }
            assert!(out.contains(",1234.5,"), "numbers stay numbers: {out}");

            let plan = plan_import(&Portfolio::default(), &out).unwrap();
            let b = &plan.new_rows[0].account;
            assert_eq!(
                [
                    &b.name,
                    &b.sector,
                    &b.country,
                    &b.key_account_manager,
                    &b.executive_sponsor,
                    &b.plan_owner,
                    &b.notes
                ],
                [
                    &a.name,
                    &a.sector,
                    &a.country,
                    &a.key_account_manager,
                    &a.executive_sponsor,
                    &a.plan_owner,
                    &a.notes
                ]
            );
            assert_eq!(b.revenue, Some(1234.5));
            // Import trims the cells, so a leading tab or CR goes; the rest reads back.
            assert_eq!(plan.new_rows[1].account.notes, text("tab"));
            assert_eq!(plan.new_rows[2].account.notes, text("cr"));
        }
    }
}
