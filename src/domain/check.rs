//! Load-time check of a whole workspace. A stored document can hold values
//! the forms would refuse (edited by hand, written by an older build, cut
//! short); this names each one with where it is, using the same model rules
//! as the forms, so the app can tell the user instead of failing later.

use super::assessors::Assessors;
use super::audit::Score;
use super::portfolio::{
    excerpt, validate_activities, validate_split, validate_weights, AccountId, Axis, KeyAccount,
    Portfolio, PortfolioError,
};
use super::programme::Programme;
use super::workspace::Workspace;
use crate::domain::order;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;

/// One problem in stored data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataProblem {
    /// Where it is, e.g. `portfolio.accounts[12].category_spend`.
    pub path: String,
    pub message: String,
    /// The account it concerns, so the app can link to it.
    pub account: Option<AccountId>,
}

impl fmt::Display for DataProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem in the workspace, in document order; empty when clean.
pub fn check_workspace(ws: &Workspace) -> Vec<DataProblem> {
    check_parts(&ws.portfolio, &ws.assessors, &ws.programme)
}

/// [`check_workspace`] on the parts of a workspace it reads.
pub fn check_parts(
    portfolio: &Portfolio,
    assessors: &Assessors,
    programme: &Programme,
) -> Vec<DataProblem> {
    let mut out = check_portfolio(portfolio);
    for (i, a) in assessors.0.iter().enumerate() {
        if let Err(e) = a.scores() {
            out.push(DataProblem {
                path: format!("assessors[{i}].link"),
                message: format!(
                    "the scores of assessor \"{}\" do not read ({e}); they are kept as they are",
                    excerpt(&a.name)
                ),
                account: None,
            });
        }
    }
    for (i, id) in programme.drivers.iter().enumerate() {
        if crate::domain::guide::driver(id).is_none() {
            out.push(DataProblem {
                path: format!("programme.drivers[{i}]"),
                message: format!(
                    "\"{}\" is not one of the drivers of Figure 1; it is kept but not shown",
                    excerpt(id)
                ),
                account: None,
            });
        }
    }
    out
}

/// A value a document holds where the model's types allow none (an audit
/// score of 7, or "high"): found before the document is read, so it can be
/// set aside and the rest of the workspace load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The JSON pointer of the object holding it, and its key there.
    object: String,
    key: String,
    pub problem: DataProblem,
}

/// Every value of `doc` (a migrated document) the model cannot hold, each
/// named. Set aside, the action shows as not scored; the caller keeps the
/// document as read, so the value stays stored until the user sets it.
pub fn refused_values(doc: &Value) -> Vec<Refused> {
    let mut out = Vec::new();
    if let Some(Value::Object(entries)) = doc.pointer("/audit/entries") {
        refused_scores(entries, ("/audit/entries", "audit.entries"), "", &mut out);
    }
    if let Some(Value::Array(snapshots)) = doc.get("snapshots") {
        for (i, snapshot) in snapshots.iter().enumerate() {
            let whose = match snapshot.get("label").and_then(Value::as_str) {
                Some(label) => format!("snapshot \"{}\", ", excerpt(label)),
                None => format!("snapshot {}, ", i + 1),
            };
            if let Some(Value::Object(entries)) = snapshot.pointer("/audit/entries") {
                let at = (
                    &*format!("/snapshots/{i}/audit/entries"),
                    &*format!("snapshots[{i}].audit.entries"),
                );
                refused_scores(entries, at, &whose, &mut out);
            }
        }
    }
    out
}

/// Takes the refused values out of `doc`.
pub fn set_aside(doc: &mut Value, refused: &[Refused]) {
    for r in refused {
        if let Some(Value::Object(object)) = doc.pointer_mut(&r.object) {
            object.remove(&r.key);
        }
    }
}

/// Why a stored value is not a score, if it is not one (`null` is "none").
fn not_a_score(value: &Value) -> Option<String> {
    if value.is_null() {
        return None;
    }
    match value.as_u64().map(u8::try_from) {
        Some(Ok(v)) => Score::new(v).err().map(|e| e.to_string()),
        _ => Some(format!(
            "{} is not a score from 0 to {}",
            excerpt(&value.to_string()),
            Score::MAX
        )),
    }
}

/// A key as one step of a JSON pointer.
fn pointer_step(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The refused scores and plan targets of one audit's entries, found at
/// `(pointer, path)`.
fn refused_scores(
    entries: &Map<String, Value>,
    (pointer, path): (&str, &str),
    whose: &str,
    out: &mut Vec<Refused>,
) {
    for (id, entry) in entries {
        let id_text = excerpt(id);
        let entry_at = format!("{pointer}/{}", pointer_step(id));
        let fields = [
            (Some(entry), entry_at.clone(), "score", "score", "the score"),
            (
                entry.get("plan"),
                format!("{entry_at}/plan"),
                "target",
                "plan.target",
                "the plan's target score",
            ),
        ];
        for (object, object_at, key, suffix, what) in fields {
            let Some(why) = object.and_then(|o| o.get(key)).and_then(not_a_score) else {
                continue;
            };
            out.push(Refused {
                object: object_at,
                key: key.to_string(),
                problem: DataProblem {
                    path: format!("{path}.{id}.{suffix}"),
                    message: format!(
                        "{whose}{id_text}, {what}: {why}. It shows as not set, and the stored value is kept until you set it"
                    ),
                    account: None,
                },
            });
        }
    }
}

/// How an account is named in messages: its name, or its id if it has none.
fn label(a: &KeyAccount) -> String {
    let name = a.name.trim();
    if name.is_empty() {
        format!("account {}", a.id)
    } else {
        format!("\"{}\"", excerpt(name))
    }
}

/// Every problem in the portfolio; paths start with `portfolio.`.
pub fn check_portfolio(p: &Portfolio) -> Vec<DataProblem> {
    let mut out = Vec::new();
    let mut first_with_id: HashMap<AccountId, usize> = HashMap::new();
    for (i, a) in p.accounts.iter().enumerate() {
        let path = format!("portfolio.accounts[{i}]");
        if let Some(&j) = first_with_id.get(&a.id) {
            out.push(DataProblem {
                path: format!("{path}.id"),
                message: format!(
                    "{} has the same id ({}) as {} (portfolio.accounts[{j}])",
                    label(a),
                    a.id,
                    label(&p.accounts[j])
                ),
                account: Some(a.id),
            });
        } else {
            first_with_id.insert(a.id, i);
        }
        for e in a.problems() {
            out.push(DataProblem {
                path: format!("{path}.{}", e.field()),
                message: format!("{}: {e}", label(a)),
                account: Some(a.id),
            });
        }
    }
    let portfolio_wide = |path: &str, message: String| DataProblem {
        path: format!("portfolio.{path}"),
        message,
        account: None,
    };
    for (axis, path, factors) in [
        (
            Axis::Attractiveness,
            "criteria.attractiveness",
            &p.criteria.attractiveness,
        ),
        (Axis::Strength, "criteria.strength", &p.criteria.strength),
    ] {
        if let Err(error) = validate_weights(factors) {
            let e = PortfolioError::Weights { axis, error };
            out.push(portfolio_wide(path, e.to_string()));
        }
    }
    if let Err(e) = validate_split(p.split) {
        out.push(portfolio_wide("split", e.to_string()));
    }
    if let Err(e) = validate_activities(&p.activities) {
        out.push(portfolio_wide("activities", e.to_string()));
    }
    for (i, t) in p.manager_times.iter().enumerate() {
        if let Err(e) = t.validate(&p.activities) {
            let who = excerpt(t.manager.trim());
            out.push(portfolio_wide(
                &format!("manager_times[{i}]"),
                format!("\"{who}\": {e}"),
            ));
        }
    }
    out
}

/// An account given a new id because an earlier account had its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdRepair {
    pub old: AccountId,
    pub new: AccountId,
    pub account_name: String,
    /// The name of the account that kept the id.
    pub kept_by: String,
}

impl fmt::Display for IdRepair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" had the id {}, which \"{}\" also had; it now has the id {}",
            excerpt(self.account_name.trim()),
            self.old,
            excerpt(self.kept_by.trim()),
            self.new
        )
    }
}

/// Gives every account that shares an id with an earlier one a fresh id and
/// says what it changed. Also leaves the accounts in id order and `next_id`
/// above every id, which lookups and [`Portfolio::add_account`] rely on.
/// Migration records keep the old id: they can't tell which account they
/// were about, so they stay with the account that kept it.
pub fn repair_duplicate_ids(portfolio: &mut Portfolio) -> Vec<IdRepair> {
    let max = portfolio.accounts.iter().map(|a| a.id.0).max().unwrap_or(0);
    let mut next = portfolio.next_id.max(max.saturating_add(1)).max(1);
    let mut first_with_id: HashMap<AccountId, usize> = HashMap::new();
    let mut repairs = Vec::new();
    for i in 0..portfolio.accounts.len() {
        let old = portfolio.accounts[i].id;
        let Some(&j) = first_with_id.get(&old) else {
            first_with_id.insert(old, i);
            continue;
        };
        let new = AccountId(next);
        next = next.saturating_add(1);
        portfolio.accounts[i].id = new;
        repairs.push(IdRepair {
            old,
            new,
            account_name: portfolio.accounts[i].name.clone(),
            kept_by: portfolio.accounts[j].name.clone(),
        });
    }
    portfolio.next_id = next;
    if !portfolio.accounts.is_sorted_by_key(|a| a.id) {
        order::sort_by_key(&mut portfolio.accounts, |a| a.id);
    }
    repairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::portfolio::ManagerTime;

    fn account(id: u64, name: &str) -> KeyAccount {
        let mut a = KeyAccount::new(name);
        a.id = AccountId(id);
        a
    }

    fn lines(problems: &[DataProblem]) -> Vec<String> {
        problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn a_clean_workspace_has_no_problems() {
        assert!(check_workspace(&Workspace::default()).is_empty());
        let mut ws = Workspace::default();
        let mut a = KeyAccount::new("Acme");
        a.revenue = Some(10.0);
        a.category_spend = Some(100.0);
        a.notes = "two\nlines\tand a tab".into();
        a.attractiveness.insert("volume".into(), 10);
        ws.portfolio.add_account(a).unwrap();
        ws.portfolio.add_account(KeyAccount::new("Beta")).unwrap();
        assert_eq!(check_workspace(&ws), []);
    }

    #[test]
    fn unknown_drivers_and_unreadable_assessor_links_are_named_and_kept() {
        let mut ws = Workspace::default();
        ws.programme.drivers.insert("mature-market".into());
        ws.programme.drivers.insert("customer-consolidation".into());
        ws.assessors
            .0
            .push(crate::domain::assessors::AssessorScores {
                name: "Dana".into(),
                link: "s1.not-a-link".into(),
                added: None,
            });
        let got = lines(&check_workspace(&ws));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].starts_with("assessors[0].link: the scores of assessor \"Dana\" do not read ("),
            "{got:?}"
        );
        assert_eq!(
            got[1],
            "programme.drivers[0]: \"customer-consolidation\" is not one of the drivers of Figure 1; it is kept but not shown"
        );
        // Checking never changes the workspace.
        assert_eq!(ws.programme.drivers.len(), 2);
    }

    #[test]
    fn stored_bad_values_are_each_named_with_their_path() {
        let mut ws = Workspace::default();
        let mut acme = account(1, "Acme");
        acme.category_spend = Some(-5.0);
        // Ratings are u8, so 200 is a value a stored document can hold.
        let mut beta = account(3, "Beta");
        beta.attractiveness.insert("volume".into(), 200);
        ws.portfolio.accounts = vec![acme, beta, account(3, "Gamma")];
        ws.portfolio.next_id = 4;
        let got = check_workspace(&ws);
        assert_eq!(
            lines(&got),
            [
                "portfolio.accounts[0].category_spend: \"Acme\": category spend cannot be negative",
                "portfolio.accounts[1].attractiveness: \"Beta\": the attractiveness rating for \"volume\" is 200; ratings go from 0 to 10",
                "portfolio.accounts[2].id: \"Gamma\" has the same id (3) as \"Beta\" (portfolio.accounts[1])",
            ]
        );
        let ids: Vec<_> = got.iter().map(|p| p.account).collect();
        assert_eq!(
            ids,
            [Some(AccountId(1)), Some(AccountId(3)), Some(AccountId(3))]
        );
    }

    #[test]
    fn the_same_check_reads_a_stored_document() {
        let json = r#"{"schema":1,"portfolio":{"accounts":[
            {"id":1,"name":"\u0000\u0000","revenue":-1},
            {"id":2,"name":"  ","notes":"ok"}
        ],"next_id":3}}"#;
        let ws: Workspace = serde_json::from_str(json).unwrap();
        assert_eq!(
            lines(&check_workspace(&ws)),
            [
                "portfolio.accounts[0].name: \"\u{fffd}\u{fffd}\": the name contains control characters (such as NUL), which are not allowed",
                "portfolio.accounts[0].revenue: \"\u{fffd}\u{fffd}\": revenue cannot be negative",
                "portfolio.accounts[1].name: account 2: an account needs a name",
            ]
        );
    }

    #[test]
    fn portfolio_wide_settings_are_checked_too() {
        let mut ws = Workspace::default();
        let p = &mut ws.portfolio;
        p.criteria.strength[0].weight += 1;
        p.split = 0.0;
        p.activities[0].recommended_min = 90.0;
        p.manager_times.push(ManagerTime {
            manager: "Dana".into(),
            shares: [("selling".to_string(), 40.0)].into(),
        });
        let got = check_workspace(&ws);
        let paths: Vec<&str> = got.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "portfolio.criteria.strength",
                "portfolio.split",
                "portfolio.activities",
                "portfolio.manager_times[0]",
            ]
        );
        assert!(
            got[0].message.contains("weights add up to 101"),
            "{}",
            got[0]
        );
        assert!(got[3].message.starts_with("\"Dana\": "), "{}", got[3]);
    }

    #[test]
    fn repair_gives_distinct_ids_and_keeps_every_account() {
        let mut p = Portfolio {
            accounts: vec![
                account(1, "A"),
                account(3, "B"),
                account(3, "C"),
                account(3, "D"),
            ],
            next_id: 2,
            ..Portfolio::default()
        };
        let repairs = repair_duplicate_ids(&mut p);
        assert_eq!(
            repairs,
            [
                IdRepair {
                    old: AccountId(3),
                    new: AccountId(4),
                    account_name: "C".into(),
                    kept_by: "B".into()
                },
                IdRepair {
                    old: AccountId(3),
                    new: AccountId(5),
                    account_name: "D".into(),
                    kept_by: "B".into()
                },
            ]
        );
        assert_eq!(
            repairs[0].to_string(),
            "\"C\" had the id 3, which \"B\" also had; it now has the id 4"
        );
        let got: Vec<(u64, &str)> = p
            .accounts
            .iter()
            .map(|a| (a.id.0, a.name.as_str()))
            .collect();
        assert_eq!(got, [(1, "A"), (3, "B"), (4, "C"), (5, "D")]);
        assert_eq!(p.next_id, 6);
        assert_eq!(p.get(AccountId(4)).unwrap().name, "C");
        assert!(check_portfolio(&p).is_empty());
        assert_eq!(p.add_account(KeyAccount::new("E")).unwrap(), AccountId(6));
        // A clean portfolio is left as it is.
        let before = p.clone();
        assert!(repair_duplicate_ids(&mut p).is_empty());
        assert_eq!(p, before);
    }

    #[test]
    fn repair_puts_unordered_accounts_in_id_order() {
        let mut p = Portfolio {
            accounts: vec![account(5, "A"), account(2, "B"), account(5, "C")],
            next_id: 1,
            ..Portfolio::default()
        };
        let repairs = repair_duplicate_ids(&mut p);
        assert_eq!(repairs.len(), 1);
        assert_eq!(
            (repairs[0].old, repairs[0].new),
            (AccountId(5), AccountId(6))
        );
        let got: Vec<(u64, &str)> = p
            .accounts
            .iter()
            .map(|a| (a.id.0, a.name.as_str()))
            .collect();
        assert_eq!(got, [(2, "B"), (5, "A"), (6, "C")]);
        // Ids handed out later can't collide either.
        assert_eq!(p.add_account(KeyAccount::new("D")).unwrap(), AccountId(7));
    }
}
