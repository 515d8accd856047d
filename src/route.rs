//! The one typed router: every screen the app can show, read from and
//! written to the URL hash. Hash routes (`#/audit`) work from any static host
//! and sub-path; no other code builds a `#/…` string.

use crate::domain::guide::Topic;
use crate::domain::portfolio::AccountId;

/// The top-level screens, in header order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Audit,
    Litmus,
    Portfolio,
    /// The print-ready report for a board.
    Report,
    Guide,
    /// Backup and restore of the workspace.
    Data,
}

impl Page {
    pub const ALL: [Page; 6] = [
        Page::Audit,
        Page::Litmus,
        Page::Portfolio,
        Page::Report,
        Page::Guide,
        Page::Data,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Page::Audit => "audit",
            Page::Litmus => "litmus",
            Page::Portfolio => "portfolio",
            Page::Report => "report",
            Page::Guide => "guide",
            Page::Data => "data",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Audit => "Audit",
            Page::Litmus => "Litmus tests",
            Page::Portfolio => "Portfolio",
            Page::Report => "Report",
            Page::Guide => "Guide",
            Page::Data => "Your data",
        }
    }

    /// The short link to the page, e.g. `#/litmus`: it opens the first view.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// The route that opens this page on its first view.
    pub fn route(self) -> Route {
        match self {
            Page::Audit => Route::Audit(AuditView::Score, None),
            Page::Litmus => Route::Litmus(LitmusView::Organisation),
            Page::Portfolio => Route::Portfolio(PortfolioView::Accounts),
            Page::Report => Route::Report,
            Page::Guide => Route::Guide(None),
            Page::Data => Route::Data,
        }
    }
}

/// A page's sub-views: a fixed list, addressed by a slug.
pub trait SubView: Copy + PartialEq + Send + Sync + 'static {
    /// In display order; the first is the default.
    const ALL: &'static [Self];
    fn slug(self) -> &'static str;
    fn title(self) -> &'static str;
    /// The route that shows this sub-view.
    fn route(self) -> Route;

    /// The sub-view a route segment names, or the first one.
    fn from_slug(slug: Option<&str>) -> Self {
        Self::ALL
            .iter()
            .copied()
            .find(|t| Some(t.slug()) == slug)
            .unwrap_or(Self::ALL[0])
    }
}

macro_rules! sub_view {
    ($name:ident, $wrap:expr, { $($variant:ident => $slug:literal, $title:literal;)+ }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
        }

        impl SubView for $name {
            const ALL: &'static [$name] = &[$($name::$variant,)+];

            fn slug(self) -> &'static str {
                match self {
                    $($name::$variant => $slug,)+
                }
            }

            fn title(self) -> &'static str {
                match self {
                    $($name::$variant => $title,)+
                }
            }

            fn route(self) -> Route {
                $wrap(self)
            }
        }
    };
}

sub_view!(AuditView, |v| Route::Audit(v, None), {
    Score => "score", "Score actions";
    Results => "results", "Results & charts";
    Next => "next", "What to do next";
    Plan => "plan", "Action plan";
    Snapshots => "snapshots", "Snapshots";
    Assessors => "assessors", "Assessors";
});

sub_view!(LitmusView, Route::Litmus, {
    Organisation => "organisation", "Organisation";
    Managers => "managers", "Key account managers";
    Customers => "customers", "KAM-ready customers";
});

sub_view!(PortfolioView, Route::Portfolio, {
    Accounts => "accounts", "Accounts";
    Matrix => "matrix", "Portfolio matrix";
    Criteria => "criteria", "Selection criteria";
    Migration => "migration", "Migration";
    Time => "time", "Manager time";
    Measures => "measures", "Measures";
    Csv => "csv", "Import / export";
});

/// Everything the URL can address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// An audit view; on the score view, optionally one action to bring into view.
    Audit(AuditView, Option<String>),
    Litmus(LitmusView),
    /// One customer's KAM-ready litmus test.
    Customer(AccountId),
    Portfolio(PortfolioView),
    /// One key account's page.
    Account(AccountId),
    /// The guide, optionally opened at one topic (`#/guide/drivers`).
    Guide(Option<Topic>),
    Report,
    Data,
    /// A share link: the fragment after `#`, e.g. `s1.AbC…`. It never
    /// reaches a server; the share page reads it.
    Shared(String),
}

impl Default for Route {
    fn default() -> Self {
        Page::Audit.route()
    }
}

/// An action id as it may appear in a URL: letters, digits and dots.
fn is_action_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
}

/// `s1.…`, `f2.…`: a kind letter, a version number and a dot, as share
/// links start (an in-page anchor such as `#main` is not one).
fn is_share_fragment(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s[1..]
            .split_once('.')
            .is_some_and(|(v, _)| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
}

impl Route {
    /// Reads a hash such as `#/portfolio/account/12`. Anything unknown falls
    /// back to the nearest sensible screen: the page's first view, or the audit.
    pub fn parse(hash: &str) -> Route {
        let fragment = hash.strip_prefix('#').unwrap_or(hash);
        if is_share_fragment(fragment) {
            return Route::Shared(fragment.to_string());
        }
        let mut parts = hash
            .trim_start_matches('#')
            .split('/')
            .filter(|s| !s.is_empty());
        let (first, second, third) = (parts.next(), parts.next(), parts.next());
        let id = || third.and_then(|s| s.parse::<u64>().ok()).map(AccountId);
        match first {
            Some("litmus") => match (LitmusView::from_slug(second), id()) {
                (LitmusView::Customers, Some(id)) => Route::Customer(id),
                (view, _) => Route::Litmus(view),
            },
            Some("portfolio") => match (second, id()) {
                (Some("account"), Some(id)) => Route::Account(id),
                _ => Route::Portfolio(PortfolioView::from_slug(second)),
            },
            Some("guide") => Route::Guide(second.and_then(Topic::from_slug)),
            Some("report") => Route::Report,
            Some("data") => Route::Data,
            Some("audit") => {
                let view = AuditView::from_slug(second);
                let action = (view == AuditView::Score)
                    .then(|| third.filter(|s| is_action_id(s)).map(str::to_string))
                    .flatten();
                Route::Audit(view, action)
            }
            _ => Route::default(),
        }
    }

    /// The hash that opens this route.
    pub fn href(&self) -> String {
        let (page, rest) = match self {
            Route::Audit(view, None) => (Page::Audit, view.slug().to_string()),
            Route::Audit(view, Some(action)) => (Page::Audit, format!("{}/{action}", view.slug())),
            Route::Litmus(view) => (Page::Litmus, view.slug().to_string()),
            Route::Customer(id) => (
                Page::Litmus,
                format!("{}/{id}", LitmusView::Customers.slug()),
            ),
            Route::Portfolio(view) => (Page::Portfolio, view.slug().to_string()),
            Route::Account(id) => (Page::Portfolio, format!("account/{id}")),
            Route::Guide(None) => return Page::Guide.href(),
            Route::Guide(Some(topic)) => (Page::Guide, topic.slug().to_string()),
            Route::Report => return Page::Report.href(),
            Route::Data => return Page::Data.href(),
            Route::Shared(fragment) => return format!("#{fragment}"),
        };
        format!("#/{}/{rest}", page.slug())
    }

    /// The screen this route shows, without what it brings into view within
    /// it: the action on the score view, the guide's topic, the customer
    /// chosen on the customers view. A new screen opens at its top; a new
    /// target on the same screen is brought into view by that screen.
    pub fn screen(&self) -> Route {
        match self {
            Route::Audit(view, Some(_)) => Route::Audit(*view, None),
            Route::Guide(Some(_)) => Route::Guide(None),
            Route::Customer(_) => Route::Litmus(LitmusView::Customers),
            other => other.clone(),
        }
    }

    /// The header entry this route belongs to.
    pub fn page(&self) -> Page {
        match self {
            Route::Audit(..) => Page::Audit,
            Route::Litmus(_) | Route::Customer(_) => Page::Litmus,
            Route::Portfolio(_) | Route::Account(_) => Page::Portfolio,
            Route::Guide(_) => Page::Guide,
            Route::Report => Page::Report,
            Route::Data | Route::Shared(_) => Page::Data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_route() -> Vec<Route> {
        let mut all = vec![
            Route::Guide(None),
            Route::Report,
            Route::Account(AccountId(12)),
            Route::Customer(AccountId(7)),
        ];
        all.extend(AuditView::ALL.iter().map(|v| Route::Audit(*v, None)));
        all.push(Route::Audit(AuditView::Score, Some("B2.05".into())));
        all.extend(LitmusView::ALL.iter().map(|v| v.route()));
        all.extend(PortfolioView::ALL.iter().map(|v| v.route()));
        all.extend(Topic::ALL.iter().map(|t| Route::Guide(Some(*t))));
        all
    }

    #[test]
    fn every_route_round_trips() {
        for route in every_route() {
            let href = route.href();
            assert!(href.starts_with("#/"), "{href}");
            assert_eq!(Route::parse(&href), route, "{href}");
        }
    }

    #[test]
    fn hrefs_are_the_documented_urls() {
        assert_eq!(
            Route::Account(AccountId(12)).href(),
            "#/portfolio/account/12"
        );
        assert_eq!(Route::Customer(AccountId(7)).href(), "#/litmus/customers/7");
        assert_eq!(
            Route::Audit(AuditView::Score, Some("A1.01".into())).href(),
            "#/audit/score/A1.01"
        );
        assert_eq!(Route::Guide(None).href(), "#/guide");
        assert_eq!(Route::Report.href(), "#/report");
        assert_eq!(Route::Guide(Some(Topic::Drivers)).href(), "#/guide/drivers");
        assert_eq!(PortfolioView::Csv.route().href(), "#/portfolio/csv");
        assert_eq!(AuditView::Assessors.route().href(), "#/audit/assessors");
    }

    #[test]
    fn page_links_and_short_hashes_open_the_first_view() {
        assert_eq!(
            Route::parse("#/audit"),
            Route::Audit(AuditView::Score, None)
        );
        assert_eq!(
            Route::parse("#/litmus"),
            Route::Litmus(LitmusView::Organisation)
        );
        assert_eq!(
            Route::parse("#/portfolio"),
            Route::Portfolio(PortfolioView::Accounts)
        );
        for page in Page::ALL {
            assert_eq!(Route::parse(&page.href()), page.route());
            assert_eq!(page.route().page(), page);
        }
    }

    #[test]
    fn a_target_within_a_screen_is_the_same_screen() {
        let score = Route::Audit(AuditView::Score, None);
        assert_eq!(Route::parse("#/audit/score/D3.02").screen(), score);
        assert_eq!(score.screen(), score);
        assert_eq!(
            Route::Guide(Some(Topic::Drivers)).screen(),
            Route::Guide(None)
        );
        assert_eq!(
            Route::Customer(AccountId(3)).screen(),
            LitmusView::Customers.route()
        );
        // Views, pages and accounts are screens of their own.
        assert_ne!(
            AuditView::Results.route().screen(),
            AuditView::Plan.route().screen()
        );
        assert_ne!(
            Route::Account(AccountId(1)).screen(),
            Route::Account(AccountId(2)).screen()
        );
        assert_ne!(
            Route::Account(AccountId(1)).screen(),
            PortfolioView::Accounts.route().screen()
        );
        for route in every_route() {
            assert_eq!(route.screen().page(), route.page(), "{route:?}");
            assert_eq!(route.screen().screen(), route.screen(), "{route:?}");
        }
    }

    #[test]
    fn unknown_hashes_fall_back_to_a_sensible_screen() {
        assert_eq!(Route::parse(""), Route::default());
        assert_eq!(Route::parse("#"), Route::default());
        assert_eq!(Route::parse("#/nowhere/at/all"), Route::default());
        assert_eq!(
            Route::parse("#/portfolio/bogus"),
            Route::Portfolio(PortfolioView::Accounts)
        );
        assert_eq!(
            Route::parse("#/portfolio/account/not-a-number"),
            Route::Portfolio(PortfolioView::Accounts)
        );
        assert_eq!(
            Route::parse("#/litmus/customers/x"),
            Route::Litmus(LitmusView::Customers)
        );
        assert_eq!(
            Route::parse("#/audit/results/A1.01"),
            Route::Audit(AuditView::Results, None)
        );
        assert_eq!(
            Route::parse("#/audit/score/<script>"),
            Route::Audit(AuditView::Score, None)
        );
        assert_eq!(Route::parse("#/guide/no-such-topic"), Route::Guide(None));
        assert_eq!(
            Route::parse("#//audit//plan"),
            Route::Audit(AuditView::Plan, None)
        );
    }
}
