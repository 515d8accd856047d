//! One rule for every figure the app shows: decimal rounding, half away
//! from zero, on the number as written. `format!("{:.1}")` rounds the binary
//! float, so 2.55 showed as 2.5 while 8.55 showed as 8.6.

/// `value` with `decimals` places, rounded half away from zero as a person
/// would round the decimal number; "—" for a value that is not a number.
pub fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    // Fifteen significant digits undo the float's representation error
    // (2.55 is stored as 2.54999…) without inventing digits.
    let exact = format!("{:.*e}", 14, value.abs());
    let (mantissa, exponent) = exact.split_once('e').unwrap_or((&exact, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
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
    let mut carry = next >= 5 && keep >= 0;
    for d in kept.iter_mut().rev() {
        if !carry {
            break;
        }
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            carry = false;
        }
    }
    if carry {
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
    if value.is_sign_negative() && !is_zero {
        out.insert(0, '-');
    }
    out
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
