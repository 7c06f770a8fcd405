//! Who works on this device: a name and the role (by id) the manager gave it.

use serde::{Deserialize, Serialize};

/// A staff member known on this device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub name: String,
    pub role: String,
}
