//! The browser's storage budget: when to warn that it is running out, so a full disk never
//! surprises a user in the middle of a write.

/// The share of the quota from which the app warns: 80 %.
pub const WARNING_SHARE_PERCENT: u32 = 80;

/// Whether `usage` bytes of a `quota` deserve the warning (an unknown or zero quota never does).
pub fn near_quota(usage: f64, quota: f64) -> bool {
    quota > 0.0 && usage * 100.0 >= quota * f64::from(WARNING_SHARE_PERCENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_from_eighty_percent_of_a_known_quota() {
        assert!(!near_quota(799.0, 1000.0));
        assert!(near_quota(800.0, 1000.0));
        assert!(near_quota(1200.0, 1000.0));
        assert!(!near_quota(10.0, 0.0), "an unknown quota is no reason to alarm");
    }
}
