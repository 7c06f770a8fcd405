//! Small SVG charts with text alternatives: no chart library, nothing but `<svg>` and a table.
//!
//! Every chart sits in a [`figure::ChartFigure`]: a `<figure>` named by its caption, an
//! `<svg role="img">` whose `aria-label` says what the chart shows, and a "Show data table"
//! toggle that reveals the same figures as a real `<table>`. The SVGs have a `viewBox` and
//! scale to their container's width (styles in `www/styles.css`, "dashboard & follow-ups"):
//! the CSP forbids inline styles, so geometry is in SVG attributes and colour in classes.

pub mod bars;
pub mod columns;
pub mod figure;
pub mod scale;

pub use bars::{BarList, BarListProps, BarRow};
pub use columns::{Column, ColumnChart, ColumnChartProps};
pub use figure::{ChartFigure, DataTable};
