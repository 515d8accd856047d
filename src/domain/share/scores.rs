//! The scores link (`s1.`): every action's state and the organisation
//! litmus answers, packed into the fewest characters the information allows.
//!
//! Layout: one unsigned number, written big-endian in the fewest whole bytes
//! that hold its largest value (43 for the 129 actions), then base64url
//! without padding (58 characters). The number is built digit by digit,
//! most significant first:
//!
//! ```text
//! N = (((d[0]·6 + d[1])·6 + … )·6 + d[128]) · 4⁵ + a[0]·4⁴ + a[1]·4³ + … + a[4]
//! ```
//!
//! `d[i]` is action `i` in framework order (phases → periods → actions):
//! 0 unscored, 1-4 scores 0-3, 5 "not applicable now". `a[q]` is
//! organisation question `q`: 0 unanswered, 1 Yes, 2 No, 3 Not sure, so the
//! answers are the low 10 bits and every 2-bit value is meaningful. Decoding
//! divides the digits back out and then requires nothing to be left, which
//! is the check that the action part is below 6¹²⁹.

use super::ShareError;
use crate::domain::audit::{Audit, Score};
use crate::domain::framework::Framework;
use crate::domain::litmus::{Answer, LitmusAnswers, LitmusError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::collections::HashMap;

/// Questions in the organisation litmus test; the link format fixes it.
pub const ORGANISATION_QUESTIONS: usize = 5;

const STATES: u8 = 6;
const ANSWER_STATES: u8 = 4;

/// One action's state as a scores link carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionState {
    Unscored,
    Scored(Score),
    /// "Not applicable now". A link carries no reason: applying it keeps a
    /// reason already recorded, otherwise the reason is left to be given.
    NotApplicable,
}

impl ActionState {
    /// The state recorded in an audit; N/A wins over a score, as in the points.
    pub fn of(audit: &Audit, action_id: &str) -> Self {
        match audit.entry(action_id) {
            Some(e) if e.not_applicable.is_some() => ActionState::NotApplicable,
            Some(e) => e.score.map_or(ActionState::Unscored, ActionState::Scored),
            None => ActionState::Unscored,
        }
    }

    fn digit(self) -> u8 {
        match self {
            ActionState::Unscored => 0,
            ActionState::Scored(s) => 1 + s.value(),
            ActionState::NotApplicable => 5,
        }
    }

    fn from_digit(d: u8) -> Self {
        match d {
            0 => ActionState::Unscored,
            1..=4 => Score::new(d - 1).map_or(ActionState::Unscored, ActionState::Scored),
            _ => ActionState::NotApplicable,
        }
    }
}

fn answer_digit(a: Option<Answer>) -> u8 {
    match a {
        None => 0,
        Some(Answer::Yes) => 1,
        Some(Answer::No) => 2,
        Some(Answer::NotSure) => 3,
    }
}

fn answer_from_digit(d: u8) -> Option<Answer> {
    match d {
        1 => Some(Answer::Yes),
        2 => Some(Answer::No),
        3 => Some(Answer::NotSure),
        _ => None,
    }
}

/// What a scores link holds: every framework action's state, in framework
/// order, and the organisation litmus answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoresLink {
    pub states: Vec<(String, ActionState)>,
    pub organisation: [Option<Answer>; ORGANISATION_QUESTIONS],
}

impl ScoresLink {
    /// The scores and organisation answers as they stand.
    pub fn capture(fw: &Framework, audit: &Audit, litmus: &LitmusAnswers) -> Self {
        ScoresLink {
            states: fw
                .actions()
                .map(|a| (a.id.clone(), ActionState::of(audit, &a.id)))
                .collect(),
            organisation: std::array::from_fn(|q| litmus.organisation_answer(q).answer),
        }
    }

    pub fn scored_count(&self) -> usize {
        self.count(|s| matches!(s, ActionState::Scored(_)))
    }

    pub fn not_applicable_count(&self) -> usize {
        self.count(|s| s == ActionState::NotApplicable)
    }

    pub fn answered_count(&self) -> usize {
        self.organisation.iter().flatten().count()
    }

    fn count(&self, f: impl Fn(ActionState) -> bool) -> usize {
        self.states.iter().filter(|(_, s)| f(*s)).count()
    }

    /// The link text after `#`: `s1.` and 58 characters for 129 actions.
    /// Actions the link does not name are written unscored.
    pub fn encode(&self, fw: &Framework) -> String {
        let by_id: HashMap<&str, ActionState> = self
            .states
            .iter()
            .map(|(id, s)| (id.as_str(), *s))
            .collect();
        let mut number = vec![0u8; byte_len(fw.actions().count())];
        for a in fw.actions() {
            let state = by_id.get(a.id.as_str()).copied();
            mul_add(
                &mut number,
                STATES,
                state.unwrap_or(ActionState::Unscored).digit(),
            );
        }
        for a in self.organisation {
            mul_add(&mut number, ANSWER_STATES, answer_digit(a));
        }
        format!("{}{}", super::SCORES_PREFIX, URL_SAFE_NO_PAD.encode(number))
    }

    /// Reads the characters after `s1.`.
    pub fn decode(fw: &Framework, payload: &str) -> Result<Self, ShareError> {
        let bytes = byte_len(fw.actions().count());
        let expected = base64_len(bytes);
        if payload.len() != expected {
            return Err(ShareError::ScoresLength {
                expected,
                found: payload.chars().count(),
            });
        }
        let mut number = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| ShareError::BadCharacters)?;
        let mut organisation = [None; ORGANISATION_QUESTIONS];
        for slot in organisation.iter_mut().rev() {
            *slot = answer_from_digit(div_rem(&mut number, ANSWER_STATES));
        }
        let mut states: Vec<(String, ActionState)> = fw
            .actions()
            .map(|a| (a.id.clone(), ActionState::Unscored))
            .collect();
        for (_, state) in states.iter_mut().rev() {
            *state = ActionState::from_digit(div_rem(&mut number, STATES));
        }
        if number.iter().any(|&b| b != 0) {
            return Err(ShareError::ScoresOutOfRange);
        }
        Ok(ScoresLink {
            states,
            organisation,
        })
    }

    /// Puts the link's scores and N/A marks in place of the ones recorded
    /// (an unscored action in the link is cleared); notes, plans and N/A
    /// reasons already there stay.
    pub fn apply_audit(&self, audit: &mut Audit) {
        for (id, state) in &self.states {
            match state {
                ActionState::Unscored => audit.edit(id, |e| {
                    e.score = None;
                    e.not_applicable = None;
                }),
                ActionState::Scored(s) => audit.set_score(id, Some(*s)),
                ActionState::NotApplicable => audit.edit(id, |e| {
                    e.score = None;
                    e.not_applicable.get_or_insert_with(String::new);
                }),
            }
        }
    }

    /// Puts the link's organisation answers in place; comments stay.
    pub fn apply_litmus(&self, litmus: &mut LitmusAnswers) -> Result<(), LitmusError> {
        for (q, a) in self.organisation.iter().enumerate() {
            litmus.set_organisation(q, *a)?;
        }
        Ok(())
    }

    /// Both of the above.
    pub fn apply(&self, audit: &mut Audit, litmus: &mut LitmusAnswers) -> Result<(), LitmusError> {
        self.apply_audit(audit);
        self.apply_litmus(litmus)
    }
}

/// Bytes that hold `6^actions · 4^5 − 1`, the largest number a link carries.
fn byte_len(actions: usize) -> usize {
    let mut max = vec![1u8];
    let mut grow = |k: u8| {
        let carry = mul_add(&mut max, k, 0);
        if carry != 0 {
            max.insert(0, carry);
        }
    };
    (0..actions).for_each(|_| grow(STATES));
    (0..ORGANISATION_QUESTIONS).for_each(|_| grow(ANSWER_STATES));
    // `max` is a multiple of 3 (actions > 0) or 4^5, never a power of 256, so
    // one less needs as many bytes; with no actions it is 1024 = 2 bytes too.
    max.len()
}

/// Characters of unpadded base64 for `bytes` bytes.
fn base64_len(bytes: usize) -> usize {
    (bytes * 4).div_ceil(3)
}

/// `number = number · k + add` over big-endian bytes; returns the carry out.
fn mul_add(number: &mut [u8], k: u8, add: u8) -> u8 {
    let mut carry = add as u16;
    for b in number.iter_mut().rev() {
        let v = *b as u16 * k as u16 + carry;
        *b = v as u8;
        carry = v >> 8;
    }
    carry as u8
}

/// `number = number / k`; returns the remainder.
fn div_rem(number: &mut [u8], k: u8) -> u8 {
    let mut rem = 0u16;
    for b in number.iter_mut() {
        let v = (rem << 8) | *b as u16;
        *b = (v / k as u16) as u8;
        rem = v % k as u16;
    }
    rem as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_number_arithmetic_round_trips() {
        let mut n = vec![0u8; 4];
        for d in [5, 0, 3, 1, 4, 2, 5, 5] {
            assert_eq!(mul_add(&mut n, 6, d), 0);
        }
        let mut digits = Vec::new();
        for _ in 0..8 {
            digits.push(div_rem(&mut n, 6));
        }
        digits.reverse();
        assert_eq!(digits, [5, 0, 3, 1, 4, 2, 5, 5]);
        assert_eq!(n, [0, 0, 0, 0]);
        assert_eq!(mul_add(&mut [0xff], 2, 1), 1);
    }

    #[test]
    fn sizes_follow_the_information() {
        // 129·log2(6) + 10 ≈ 343.5 bits.
        assert_eq!(byte_len(129), 43);
        assert_eq!(base64_len(43), 58);
        assert_eq!(byte_len(0), 2);
        assert_eq!(byte_len(1), 2);
    }
}
