//! SVG charts (radar, trends) as plain components; they arrive with the quarterly-rating issue.
