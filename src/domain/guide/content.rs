//! The guide's text and tables, topic by topic, written in the app's own
//! words from the sources (only the tables' short items keep the source's
//! terms). Live parts (figures, the scale, the start date) are added by the
//! page from the model.

use super::Topic;
use crate::domain::framework::Framework;
use crate::domain::number::fixed;
use crate::domain::portfolio::Activity;

/// A table of the guide. `id` is the source's table number where it has
/// one ("1"-"6"), else a short name ("7s", "global").
#[derive(Debug, Clone, PartialEq)]
pub struct GuideTable {
    pub id: &'static str,
    pub caption: String,
    pub headers: Vec<String>,
    /// Cells, one `Vec` per row, as many as `headers`; "" for none.
    pub rows: Vec<Vec<String>>,
    pub note: Option<&'static str>,
    /// The first cell of a row names it (Table 4's "account management"
    /// side); false where the columns are independent lists (Table 1).
    pub row_headers: bool,
}

impl GuideTable {
    fn new(id: &'static str, caption: &str, headers: &[&str], rows: Vec<Vec<String>>) -> Self {
        GuideTable {
            id,
            caption: caption.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows,
            note: None,
            row_headers: true,
        }
    }

    /// Rows from fixed pairs.
    fn pairs(id: &'static str, caption: &str, headers: [&str; 2], rows: &[(&str, &str)]) -> Self {
        Self::new(
            id,
            caption,
            &headers,
            rows.iter()
                .map(|(a, b)| vec![a.to_string(), b.to_string()])
                .collect(),
        )
    }

    /// Two lists side by side, the shorter padded with blanks.
    fn columns(
        id: &'static str,
        caption: &str,
        headers: [&str; 2],
        left: &[&str],
        right: &[&str],
    ) -> Self {
        let n = left.len().max(right.len());
        let cell = |list: &[&str], i: usize| list.get(i).map_or(String::new(), |s| s.to_string());
        Self::new(
            id,
            caption,
            &headers,
            (0..n)
                .map(|i| vec![cell(left, i), cell(right, i)])
                .collect(),
        )
    }

    fn without_row_headers(mut self) -> Self {
        self.row_headers = false;
        self
    }

    fn with_note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }
}

/// A piece of a topic, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(&'static str),
    Bullets(&'static [&'static str]),
    Table(GuideTable),
}

use Block::{Bullets, Para, Table};

/// Table 2, as the app reads it: the source's figures are not in our copy,
/// only its commentary, so the recommended ranges are the model's defaults
/// (`portfolio::default_activities`), with their notes.
pub fn table_2(activities: &[Activity]) -> GuideTable {
    GuideTable::new(
        "2",
        "Table 2: what a key account manager's time should go on (recommended share)",
        &["Activity", "Recommended share", "Where it comes from"],
        activities
            .iter()
            .map(|a| {
                vec![
                    a.name.clone(),
                    format!("{}-{} %", fixed(a.recommended_min, 0), fixed(a.recommended_max, 0)),
                    a.note.clone(),
                ]
            })
            .collect(),
    )
    .with_note("The source's own figures for Table 2 are not in our copy, only its commentary; ranges it does not state are the app's reading of that commentary.")
}

/// Table 6, the activity streams, from the framework data.
pub fn table_6(fw: &Framework) -> GuideTable {
    GuideTable::new(
        "6",
        "Table 6: activity streams in KAM development",
        &["Stream", "Contributory stream", "What it covers"],
        fw.streams
            .iter()
            .flat_map(|s| {
                s.contributory
                    .iter()
                    .map(move |c| vec![s.name.clone(), c.name.clone(), c.description.clone()])
            })
            .collect(),
    )
}

fn table_1() -> GuideTable {
    GuideTable::columns(
        "1",
        "Table 1: what KAM is, and is not",
        ["KAM is …", "KAM is not …"],
        &[
            "A tool to grow business",
            "A tool to keep business",
            "Aligning the customer with our strategy",
            "More points of contact, to keep the customer",
            "A contingency plan against loss",
            "Cross-silo",
            "A structured approach",
            "More focused on the customer",
            "Finding new and joint opportunities",
            "Adding value for the customer",
            "Innovation",
            "Investment",
        ],
        &[
            "A magic wand",
            "A cure for every problem",
            "Reactive",
            "The customer 'liking' us (an old boys' club)",
            "An automated system or process, or something off the shelf",
            "The regular sales process",
            "Free",
        ],
    )
}

fn table_3() -> GuideTable {
    GuideTable::pairs(
        "3",
        "Table 3: responding to excessive selling",
        ["What drives the selling", "Possible responses"],
        &[
            (
                "The business's focus on the bottom line",
                "Build good strategic plans and forecasts for each customer; measure progress against them; \
                 plan with non-key customers to cover short-term shortfalls; restate the long-term objectives and strategies.",
            ),
            (
                "Reward systems",
                "Pay more as salary and less as bonus, with longer-term, team-based rewards.",
            ),
            (
                "People like selling: it makes them feel successful",
                "Define the KAM role and what success in it looks like, and celebrate KAM achievements.",
            ),
            ("Security and familiarity", "Train people in the new skills."),
            (
                "Confidence in the outcome",
                "Share cases, from inside and outside the company, of KAM succeeding with key customers and of the sales approach failing.",
            ),
        ],
    )
}

fn table_4() -> GuideTable {
    GuideTable::pairs(
        "4",
        "Table 4: account management and key account management",
        ["Account management", "Key account management"],
        &[
            ("Managed for business as usual", "Managed for growth or change"),
            ("Little or no investment", "Investment, in line with strategy"),
            ("A coordinated overview of the account", "A holistic, long-term, 'helicopter' view"),
            ("Understanding focused on opportunities", "Deep understanding of the customer's business"),
            ("One-year plans", "Complete business plans for 3-5 years (not just a personal or sales and marketing plan)"),
            ("Needs an account manager", "Needs a key account or business manager"),
            ("Works within the normal organisation", "Shares across boundaries"),
        ],
    )
}

fn table_5() -> GuideTable {
    GuideTable::columns(
        "5",
        "Table 5: incremental and step change to KAM",
        ["Incremental change", "Step change"],
        &[
            "Cautious, and seen as safer",
            "Depends on culture: suits risk-averse companies",
            "Possibly partial, applied in one sector",
            "Chosen where the parent company has not bought in to KAM",
            "More likely to fizzle out",
        ],
        &[
            "Good where a powerful or urgent driver exists",
            "Shorter time to results",
            "Creates urgency",
            "Creates 'problems'",
            "Reaches critical mass",
            "Gets noticed, and shows the need for action",
        ],
    )
}

fn table_7s() -> GuideTable {
    GuideTable::pairs(
        "7s",
        "The 7S model applied to KAM",
        ["S", "What a successful KAM programme has"],
        &[
            (
                "Strategy",
                "KAM used to set the company apart, in a way customers admire and competitors envy (benchmarks only keep you with the pack). \
                 Key accounts chosen iteratively, starting with a few: no more than management has time to sponsor. Long-term benefits come first.",
            ),
            (
                "Style",
                "A long-term customer orientation shared across the company; a consultative, participative style that treats risk and failure as learning. \
                 A key customer shares that long-term, partnering outlook.",
            ),
            (
                "Structure",
                "Capable, usually cross-functional teams (operations and finance too, sometimes customer and partner contacts), \
                 led by the key account manager with a board member or senior manager as sponsor.",
            ),
            (
                "Skills",
                "A high bar for the key account manager: ambassador for the brand, boundary-spanner who knows both companies deeply, \
                 creator of value and someone who gets things done; team members share some of this.",
            ),
            (
                "Systems",
                "Robust systems throughout (reward, training, recruitment, customer profitability), above all a proactive sales-enablement \
                 system that turns data into insight and flags changes before they bite.",
            ),
            (
                "Staff",
                "People able and willing to take on broader skills: product and application knowledge and project management. \
                 Conflict inside the supplier is often the biggest obstacle.",
            ),
            (
                "Shared values",
                "Teamwork, customer focus and innovation bind the rest together; the mix can lean one way, but all three are needed.",
            ),
        ],
    )
}

fn table_global() -> GuideTable {
    GuideTable::pairs(
        "global",
        "Global KAM implementation: what works and what does not",
        ["Do", "Don't"],
        &[
            (
                "Commit to a model that is both consistent worldwide and relevant locally.",
                "Leave countries or regions to experiment on their own when a new model is urgent.",
            ),
            (
                "Make clarity about each role (key account managers, specialists) central to what you communicate.",
                "Roll out an account management model without clear roles.",
            ),
            (
                "Fit training and after-workshop coaching to each country's real resources and leadership capacity.",
                "Expect small countries to follow up workshops as strongly as large ones; mix the follow-up approaches.",
            ),
            (
                "When adapting content locally, go beyond account types and regional issues to profiles of the stakeholders' roles.",
                "Assume a stakeholder in one country is approached as in another.",
            ),
            (
                "Let key account managers from many places meet and share best practice.",
                "Rush: allow time to use the best practices that do work across borders.",
            ),
            (
                "Give countries and regions advice, frameworks and tools to prepare for new ways of selling.",
                "Invest in learning and development where a country is not yet ready for the new model.",
            ),
        ],
    )
    .without_row_headers()
}

/// The text and tables of a topic. Topics with live parts (figures, the
/// scale, the start date, Tables 2 and 6) get those from the page.
pub fn blocks(topic: Topic) -> Vec<Block> {
    match topic {
        Topic::Phases => vec![],
        Topic::Timeline => vec![
            Para("Give the date your programme started. The app sets the time since then against where the audit's overall total \
                  places you on the path (the Figure 4 reading), at the typical pace the source gives, and marks both on Figure 2."),
        ],
        Topic::Scoring => vec![
            Para("The action checklist doubles as an audit: score every action on the source's four-point scale."),
            Bullets(&[
                "Read all four phase tables before scoring anything. Most elements come back at a different level in a later phase, \
                 and you need to see which level each action means before you judge it.",
                "Score what is in force. The audit assumes a completed action stays effective, not done once and put aside.",
                "Do not drop actions that do not suit you: a partial KAM programme should show up as partial. \
                 Mark an action N/A only when it does not apply now.",
                "Compare each period's and each phase's total with its maximum (Figure 3), and the overall total with the path (Figure 4). \
                 The audit is not precise, but it is more objective than a guess.",
            ]),
        ],
        Topic::Streams => vec![
            Para("In every phase, work runs in three streams: strategy and planning, organisation and culture, and processes. \
                  Strategy and planning dominate at the start; processes gather pace later. Each stream has three contributory streams, \
                  and every action in the audit belongs to one of them."),
        ],
        Topic::Drivers => vec![
            Para("Companies seldom take on KAM without a powerful driver. Usually an event sets it off (a major contract lost, \
                  public embarrassment, unexpectedly poor results) which exposes a trend or need that was already there. \
                  A champion who has seen the threat or opportunity often uses such an event to push the company into action."),
            Para("Drivers are positive or negative, and come from inside or outside the organisation. The negative ones, \
                  external ones especially, tend to be the strongest, but positive ones can be used to promote the initiative \
                  or make it possible. Identify the drivers working for you early, and decide how to use them."),
        ],
        Topic::KamIs => vec![
            Para("At the start a company has either no idea of KAM or several competing ones. Senior management's support is \
                  essential, for cross-functional backing, for major change and for serious investment. The champion or core team \
                  should say what KAM is and how it differs from what is done today, agree its priority against other initiatives, \
                  and spell out what senior managers must do."),
            Table(table_1()),
            Para("Investment is probably the clearest difference between account management and KAM: funding the relationship \
                  beyond the ongoing cost to serve, with no direct or immediate recovery, such as extra people on the account, market \
                  development, customisation or shared IT. Entertainment, normal sales attention and anything the customer pays \
                  for do not count as investment."),
        ],
        Topic::TimeAllocation => vec![
            Para("KAM can also be defined by how key account managers spend their time, which shows what they think matters. \
                  Practitioners found that managers skip parts of the job altogether, spend a third to a half of their time selling \
                  (about five times what is needed) and about twice what is needed on implementing the deal operationally, and \
                  almost nothing on industry knowledge, strategy and planning, which should come third."),
            Para("Agree an indicative split in the job specification and tell the managers: it shows how the role should be done, \
                  and exposes rewards that pull the other way. Paying for sales makes little sense if selling is 5-10 % of the job."),
        ],
        Topic::Selling => vec![
            Para("Many see KAM as a sales job and fill it with salespeople, yet practitioners put selling (running the sales cycle, \
                  winning the result, pitching, getting bids signed off) at 5-10 % of a key account manager's time, against the \
                  30-50 % commonly seen. Tackle the place of selling early, or managers and their bosses drift back to familiar habits."),
            Table(table_3()),
            Para("The short-term focus on the bottom line, which shapes reward schemes, is probably the strongest of these. Schemes \
                  designed to increase selling get selling: if behaviour must change, rewards must change, though most companies \
                  adjust them several times before they settle."),
        ],
        Topic::AccountManagementVsKam => vec![
            Para("'We already do it' is a common reaction; usually the company has account management, not KAM. The differences:"),
            Table(table_4()),
            Para("If someone says customers have not asked for KAM, try the KAM-ready customer litmus test on the most important \
                  and proactive ones. KAM is not for every customer, and the others need not take it."),
        ],
        Topic::RateOfChange => vec![
            Para("Companies fear that a 'big bang' will end in a 'big splash', so changing by degrees looks attractive; the source \
                  finds it less successful."),
            Table(table_5()),
            Para("Revolution is not recommended, but a step change is, since implementation always ends up somewhat gradual and \
                  slower than planned anyway. A trial in one part of the business can teach how to run KAM, but it cannot prove the \
                  business case (KAM is a medium- to long-term strategy), may miss the issues that come from crossing boundaries, and \
                  only suits a company under no pressure in its markets. Introducing KAM should be a management decision based on \
                  analysis, not on a trial."),
        ],
        Topic::SuccessFactors => vec![
            Para("KAM initiatives fail when treated as a one-off event rather than a set of linked resources and capabilities. \
                  Mapping KAM on to the McKinsey 7S model shows how far the change reaches beyond sales and marketing."),
            Table(table_7s()),
        ],
        Topic::Dmu => vec![
            Para("In a customer organisation, decisions are rarely made by one person: experts take part, each with their own \
                  needs (technical, financial, regulatory, legal and so on). This group is the decision-making unit (DMU), or \
                  buying centre. Everyone your key account manager deals with in an account belongs to it, and an account can \
                  have more than one DMU, for different products or areas."),
            Para("No key account manager can be all-powerful. Their managing task is the internal, often virtual, team of \
                  colleagues who bring the expertise each DMU member needs; that takes empathy, networking and sound \
                  relationships on both sides."),
            Para("Record each account's DMU on its account page: who, their role in the decision, whether they sit at board \
                  level, and how strong the relationship is. The app flags an account with no board-level contact."),
        ],
        Topic::Measuring => vec![
            Para("Years into KAM, many organisations still struggle to measure what key account managers do. Start not with a \
                  metric but with clear expectations of the role and the lasting difference it should make for you and your key \
                  accounts. Ask first:"),
            Bullets(&[
                "How should the relationship footprint with each key account grow: higher in the customer, broader, or both?",
                "Which stakeholders, decision makers and influencers should managers reach that they do not reach today?",
                "What new conversations should they have, which value propositions can the team bring, and is the organisation ready to back them?",
            ]),
            Para("Measures now in use include understanding of the account's wider ecosystem, repeated access to senior \
                  stakeholders, time spent with customers, how opportunities are prioritised, pipeline and sales growth, and the \
                  outcome of shared objectives. What gets measured gets managed."),
        ],
        Topic::GlobalDosAndDonts => vec![
            Para("For a KAM model that is consistent worldwide yet relevant in each country:"),
            Table(table_global()),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework;
    use crate::domain::portfolio::default_activities;

    fn tables() -> Vec<GuideTable> {
        let mut all: Vec<GuideTable> = Topic::ALL
            .into_iter()
            .flat_map(blocks)
            .filter_map(|b| match b {
                Table(t) => Some(t),
                _ => None,
            })
            .collect();
        all.push(table_2(&default_activities()));
        all.push(table_6(framework()));
        all
    }

    #[test]
    fn every_numbered_table_of_the_source_is_there_once() {
        let ids: Vec<&str> = tables().iter().map(|t| t.id).collect();
        for n in ["1", "2", "3", "4", "5", "6", "7s", "global"] {
            assert_eq!(
                ids.iter().filter(|i| **i == n).count(),
                1,
                "table {n} in {ids:?}"
            );
        }
    }

    #[test]
    fn rows_are_as_wide_as_the_headers() {
        for t in tables() {
            assert!(!t.rows.is_empty(), "{}", t.id);
            for row in &t.rows {
                assert_eq!(row.len(), t.headers.len(), "table {}", t.id);
            }
        }
        assert_eq!(table_1().rows.len(), 12);
        assert_eq!(
            table_1().rows[11],
            vec!["Investment".to_string(), String::new()]
        );
        assert_eq!(table_6(framework()).rows.len(), 9);
    }

    #[test]
    fn table_2_reads_the_model_ranges() {
        let t = table_2(&default_activities());
        assert_eq!(t.rows[0][0], "Selling");
        assert_eq!(t.rows[0][1], "5-10 %");
    }
}
