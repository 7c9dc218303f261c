//! How often a failing tab asks again. While Bitrix24 or the store fails, trying at every
//! tick of the polling interval would spend a good part of the portal's request allowance
//! (2 a second) on one tab, just when the portal struggles, and ten reps' tabs would make a
//! crowd. So the tries thin out: ticks 1, 2, 4, 8, 16 and 32 after the failure began, then
//! every 32nd (with a 10 s interval: after 10 s, 20 s, 40 s, … and then every 5 minutes).
//! A tab shown again, and the rep's Retry, try at once.

/// The widest spacing of tries, in ticks.
pub const WIDEST: u32 = 32;

/// Whether tick `n` (counted from 1 since the tab began failing) is used for a try.
pub fn try_on_tick(n: u32) -> bool {
    n.is_power_of_two() && n <= WIDEST || n.is_multiple_of(WIDEST) && n > 0
}

#[cfg(test)]
mod tests {
    use super::try_on_tick;

    #[test]
    fn tries_thin_out_to_every_thirty_second_tick() {
        let tried: Vec<u32> = (1..=200).filter(|n| try_on_tick(*n)).collect();
        assert_eq!(tried, [1, 2, 4, 8, 16, 32, 64, 96, 128, 160, 192]);
        assert!(!try_on_tick(0));
    }
}
