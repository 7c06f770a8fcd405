//! Getting data out and back, one concern a module: [`csv`] for spreadsheets, [`jsonl`]
//! for complete records and imports, [`backup`] for everything on a device.
//!
//! Imports validate everything first and return a plan; nothing is applied from a file
//! with any bad line, so a file is taken whole or not at all.

pub mod backup;
pub mod csv;
pub mod jsonl;

pub use self::backup::{
    plan_restore, Backup, BackupError, CheckedBackup, RestorePlan, BACKUP_SCHEMA,
};
pub use self::csv::{header as csv_header, neutralise, to_csv, unneutralise, CsvContext};
pub use self::jsonl::{import_jsonl, to_jsonl, ImportPlan, LineError};
