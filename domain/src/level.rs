//! Which of the three options (fair, recommended, generous) a suggestion or a record is:
//! its own module because records, budgets and the calculator all name it.

use crate::slug_enum;

slug_enum! {
    /// The three options offered.
    Level {
        Fair = "fair",
        Recommended = "recommended",
        Generous = "generous",
    }
}
