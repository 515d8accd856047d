//! Text rules shared by every screen: ids made from names, sentence case,
//! numbers with thousands separators, excerpts of bad values for messages.

/// How much of a bad value an error message quotes.
pub const EXCERPT_CHARS: usize = 40;

/// `5000000` as `5,000,000`.
pub fn thousands(n: usize) -> String {
    group_digits(&n.to_string())
}

/// A run of digits with a comma every three from the right: "1234567" →
/// "1,234,567".
pub fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// At most [`EXCERPT_CHARS`] of `text` for an error message, control
/// characters shown as U+FFFD, so a huge or binary value can't flood the page.
pub fn excerpt(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// An id from a name: lower-case letters and digits, every run of anything
/// else one `separator`, none at either end; `fallback` when nothing is
/// left. "Dana Smith" → "dana-smith" with '-', "Strategic fit" →
/// "strategic_fit" with '_'.
pub fn slug(name: &str, separator: char, fallback: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(separator);
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// Hyphenated slugs for a list of names, unique by "-2", "-3"… in order.
pub fn unique_slugs<'a>(names: impl IntoIterator<Item = &'a str>, fallback: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let base = slug(name, '-', fallback);
        let mut candidate = base.clone();
        let mut n = 1;
        while out.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        out.push(candidate);
    }
    out
}

/// The text with its first letter in upper case, for a clause shown on its own.
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Varied prose from a seed, for measurements and tests (link lengths, codec
/// times): real-looking words, so deflate does not flatter the figures. The
/// app never calls it; the release build leaves it out.
#[doc(hidden)]
pub fn sample_prose(seed: u64, chars: usize) -> String {
    const WORDS: [&str; 24] = [
        "account",
        "plan",
        "sponsor",
        "review",
        "customer",
        "value",
        "board",
        "quarterly",
        "team",
        "pricing",
        "contract",
        "renewal",
        "risk",
        "evidence",
        "workshop",
        "agreed",
        "pending",
        "budget",
        "director",
        "process",
        "training",
        "supply",
        "forecast",
        "gap",
    ];
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
    let mut out = String::new();
    while out.len() < chars {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push_str(WORDS[(state >> 33) as usize % WORDS.len()]);
        out.push(' ');
    }
    out.truncate(chars);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_letters_and_digits_and_joins_the_rest() {
        assert_eq!(slug("Dana Smith", '-', "manager"), "dana-smith");
        assert_eq!(slug("  Price / value!  ", '_', "factor"), "price_value");
        assert_eq!(slug("Strategic fit", '_', "factor"), "strategic_fit");
        assert_eq!(slug("Q3 -- 2026", '-', "x"), "q3-2026");
        assert_eq!(slug("Zoë Ångström", '-', "x"), "zoë-ångström");
        assert_eq!(slug("???", '_', "factor"), "factor");
        assert_eq!(slug("", '-', "manager"), "manager");
    }

    #[test]
    fn unique_slugs_number_repeats_in_order() {
        assert_eq!(
            unique_slugs(
                ["Dana Smith", "dana  smith", "Lee", "DANA-SMITH", "!"],
                "manager"
            ),
            vec![
                "dana-smith",
                "dana-smith-2",
                "lee",
                "dana-smith-3",
                "manager"
            ]
        );
    }

    #[test]
    fn upper_first_changes_only_the_first_letter() {
        assert_eq!(upper_first("no manager yet"), "No manager yet");
        assert_eq!(upper_first("2 of 3 qualify"), "2 of 3 qualify");
        assert_eq!(upper_first(""), "");
    }
}
