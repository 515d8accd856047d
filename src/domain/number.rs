//! One rule for every figure the app shows: decimal rounding, half away
//! from zero, on the number as written. `format!("{:.1}")` rounds the binary
//! float, so 2.55 showed as 2.5 while 8.55 showed as 8.6.

/// `value` with `decimals` places, rounded half away from zero as a person
/// would round the decimal number; "—" for a value that is not a number.
pub fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let (digits, exponent) = significant_digits(value.abs());
    round_digits(&digits, exponent, value.is_sign_negative(), decimals)
}

/// At most fifteen significant digits of `value` (finite, not negative) and
/// the power of ten of the first. Fifteen undo the float's representation
/// error (2.55 is stored as 2.54999…) without inventing digits.
///
/// Read from the shortest decimal that reads back as `value` (zmij, the
/// writer serde_json saves numbers with), not from `format!("{:.14e}")`:
/// the standard library's float formatting would otherwise be in the first
/// download for the few figures it shows (about 6 KiB compressed).
fn significant_digits(value: f64) -> (Vec<u8>, i32) {
    let mut buffer = zmij::Buffer::new();
    let written = buffer.format_finite(value);
    let (mantissa, exponent) = written.split_once(['e', 'E']).unwrap_or((written, "0"));
    let exponent: i32 = exponent.trim_start_matches('+').parse().unwrap_or(0);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = int.bytes().chain(frac.bytes()).filter(u8::is_ascii_digit);
    let leading = all.clone().take_while(|&b| b == b'0').count();
    let mut digits: Vec<u8> = all.skip(leading).map(|b| b - b'0').collect();
    if digits.is_empty() {
        return (vec![0], 0);
    }
    let mut first = exponent + int.len() as i32 - leading as i32 - 1;
    if digits.len() > 15 {
        let up = digits[15] >= 5;
        digits.truncate(15);
        if up && carry(&mut digits) {
            // 9.99…9 became 10: the rest are zeros, which `round_digits` pads anyway.
            digits = vec![1];
            first += 1;
        }
    }
    (digits, first)
}

/// Adds one to the last digit; true when it carries out of the first.
fn carry(digits: &mut [u8]) -> bool {
    for d in digits.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return false;
        }
    }
    true
}

/// The decimal `d₀.d₁d₂… × 10^exponent`, signed, with `decimals` places.
fn round_digits(digits: &[u8], exponent: i32, negative: bool, decimals: usize) -> String {
    // Integer part has `exponent + 1` digits of `digits` (padded with zeros).
    let int_len = exponent + 1;
    let keep = int_len + decimals as i32;
    let mut kept: Vec<u8> = (0..keep.max(0))
        .map(|i| {
            usize::try_from(i)
                .ok()
                .and_then(|i| digits.get(i))
                .copied()
                .unwrap_or(0)
        })
        .collect();
    let next = usize::try_from(keep)
        .ok()
        .and_then(|i| digits.get(i))
        .copied()
        .unwrap_or(0);
    if next >= 5 && keep >= 0 && carry(&mut kept) {
        kept.insert(0, 1);
    }
    let int_digits = kept.len().saturating_sub(decimals);
    let mut out = String::new();
    if int_digits == 0 {
        out.push('0');
    } else {
        out.extend(kept[..int_digits].iter().map(|d| char::from(b'0' + d)));
    }
    if decimals > 0 {
        out.push('.');
        let frac = &kept[int_digits..];
        for i in 0..decimals {
            // Leading zeros of a small number sit before the kept digits.
            let pad = decimals - frac.len();
            let d = if i < pad { 0 } else { frac[i - pad] };
            out.push(char::from(b'0' + d));
        }
    }
    let is_zero = out.bytes().all(|b| b == b'0' || b == b'.');
    if negative && !is_zero {
        out.insert(0, '-');
    }
    out
}

/// `value` as a person would write it: the shortest decimal that reads back as
/// it, without a trailing ".0" ("12", "7.5"); "—" for a value that is not a
/// number. For echoing a value in a message, where no places are fixed.
pub fn as_written(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let mut buffer = zmij::Buffer::new();
    let written = buffer.format_finite(value);
    written.strip_suffix(".0").unwrap_or(written).to_string()
}

/// One decimal place: averages, percentages of time, scores out of 10.
pub fn one_decimal(value: f64) -> String {
    fixed(value, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_away_from_zero_as_written() {
        assert_eq!(one_decimal(2.55), "2.6");
        assert_eq!(one_decimal(8.55), "8.6");
        assert_eq!(one_decimal(0.05), "0.1");
        assert_eq!(one_decimal(1.25), "1.3");
        assert_eq!(one_decimal(-2.55), "-2.6");
        assert_eq!(one_decimal(2.549), "2.5");
        assert_eq!(one_decimal(9.95), "10.0");
        assert_eq!(one_decimal(99.96), "100.0");
    }

    /// Fifteen significant digits as the standard library writes them, with their exponent:
    /// what `fixed` read before it read the shortest decimal.
    pub(super) fn std_digits(value: f64) -> (Vec<u8>, i32) {
        let exact = format!("{:.*e}", 14, value.abs());
        let (mantissa, exponent) = exact.split_once('e').unwrap();
        let digits = mantissa
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0');
        (digits.collect(), exponent.parse().unwrap())
    }

    pub(super) fn without_trailing_zeros((mut digits, exponent): (Vec<u8>, i32)) -> (Vec<u8>, i32) {
        while digits.len() > 1 && digits.last() == Some(&0) {
            digits.pop();
        }
        (digits, exponent)
    }

    #[test]
    fn as_written_is_the_shortest_decimal_without_a_trailing_zero() {
        assert_eq!(as_written(12.0), "12");
        assert_eq!(as_written(-3.0), "-3");
        assert_eq!(as_written(7.5), "7.5");
        assert_eq!(as_written(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(as_written(10.25), "10.25");
        assert_eq!(as_written(f64::NAN), "—");
        assert_eq!(as_written(f64::NEG_INFINITY), "—");
    }

    #[test]
    fn significant_digits_of_numbers_large_small_and_at_the_edge() {
        for v in [
            0.0,
            1.0,
            2.55,
            1e16,
            1.5e-7,
            123_456.789,
            9.999_999_999_999_999,
            0.1 + 0.2,
            1e300,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(
                without_trailing_zeros(significant_digits(v)),
                without_trailing_zeros(std_digits(v)),
                "{v}"
            );
        }
    }

    #[test]
    fn whole_numbers_small_numbers_and_zero() {
        assert_eq!(fixed(3.0, 0), "3");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(1234567.5, 0), "1234568");
        assert_eq!(fixed(0.0, 2), "0.00");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(0.004, 2), "0.00");
        assert_eq!(fixed(0.005, 2), "0.01");
        assert_eq!(fixed(0.000123, 5), "0.00012");
        assert_eq!(fixed(3.5, 1), "3.5");
        assert_eq!(fixed(f64::NAN, 1), "—");
        assert_eq!(fixed(f64::INFINITY, 1), "—");
    }

    #[test]
    fn agrees_with_exact_decimal_rounding_on_two_decimal_inputs() {
        // Every x.yz from 0 to 100: one_decimal must round the written decimal.
        for hundredths in 0..10_000u32 {
            let v = f64::from(hundredths) / 100.0;
            let tenths = (hundredths + 5) / 10;
            let want = format!("{}.{}", tenths / 10, tenths % 10);
            assert_eq!(one_decimal(v), want, "{v}");
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::tests::{std_digits, without_trailing_zeros};
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A number as written (up to fifteen digits, up to eight places) reads back as the
        /// same digits as the standard library's.
        #[test]
        fn significant_digits_of_written_numbers(n in -999_999_999_999_999i64..=999_999_999_999_999, places in 0i32..=8) {
            let v = n as f64 / 10f64.powi(places);
            prop_assert_eq!(
                without_trailing_zeros(significant_digits(v.abs())),
                without_trailing_zeros(std_digits(v))
            );
        }

        /// What a message echoes reads back as the number it was.
        #[test]
        fn as_written_reads_back(v in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
            prop_assert_eq!(as_written(v).parse::<f64>().ok(), Some(v));
        }

        /// Any number, computed or written, shows as it did with the standard library's digits
        /// while fewer than fifteen digits show (at fifteen, a last digit of 5 in the shortest
        /// decimal rounds up where the float's exact value, just below, rounded down).
        #[test]
        fn fixed_as_with_the_standard_digits(v in -1e6f64..1e6, decimals in 0usize..=4) {
            let (digits, exponent) = std_digits(v);
            prop_assert_eq!(fixed(v, decimals), round_digits(&digits, exponent, v.is_sign_negative(), decimals));
        }
    }
}
