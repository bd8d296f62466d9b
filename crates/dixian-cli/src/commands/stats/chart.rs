//! Horizontal bar charts as inline SVG, drawn from the statistics tables: labels on the left (Chinese
//! labels read across, never rotated), bars on a 0–N% scale, the share and the count at the bar's
//! end. Colours come from the page's stylesheet (classes), so the print stylesheet can set them too.

use super::html::escape;
use super::tables::display_width;
use std::fmt::Write;

/// The viewBox width; the SVG scales to the page width.
const WIDTH: f64 = 760.0;
/// Label lines wrap at this many half-width characters (13 Chinese characters).
const LABEL_WRAP: usize = 26;
/// Pixels per half-width character at the label's font size (14px: a Chinese character is 14px).
const PX_PER_UNIT: f64 = 7.0;
/// Pixels per half-width character of the value text (13px).
const VALUE_PX_PER_UNIT: f64 = 6.6;
const LINE: f64 = 18.0;
const BAR: f64 = 16.0;
const BAR_GAP: f64 = 3.0;
const ROW_PAD: f64 = 12.0;
const AXIS: f64 = 26.0;

/// A bar: its share in percent, and the text at its end (20.00%（8份）).
pub struct Value {
    pub percent: f64,
    pub text: String,
}

/// A category: its label and one value per series.
pub struct Bar {
    pub label: String,
    pub values: Vec<Value>,
    /// A stylesheet class for this category's bars instead of the series' (a severity's colour).
    pub class: Option<&'static str>,
}

pub struct Series {
    pub name: &'static str,
    pub class: &'static str,
}

pub struct Chart {
    /// Unique within the page: the SVG's title and description are referenced by it.
    pub id: String,
    pub title: String,
    pub series: Vec<Series>,
    pub bars: Vec<Bar>,
}

/// The label cut into as few lines of at most [`LABEL_WRAP`] half-width characters as it needs, of
/// about even length, a line preferably ending after a 、 or before a （ near the even point.
fn label_lines(label: &str) -> Vec<String> {
    let chars: Vec<(char, usize)> = label
        .chars()
        .map(|c| (c, display_width(c.encode_utf8(&mut [0; 4]))))
        .collect();
    let total: usize = chars.iter().map(|(_, w)| w).sum();
    let count = total.div_ceil(LABEL_WRAP).max(1);
    let even = total.div_ceil(count);
    // A break within this many half-width characters before the even point may move to a mark.
    const SLACK: usize = 6;
    let mut lines = vec![String::new()];
    let mut width = 0;
    for (i, &(c, w)) in chars.iter().enumerate() {
        let near_even = lines.len() < count && width + SLACK >= even;
        if width + w > LABEL_WRAP || (near_even && width > 0 && matches!(c, '（' | '(')) {
            lines.push(String::new());
            width = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        width += w;
        let mark = matches!(c, '、' | '，' | '）' | ')') && width + SLACK >= even;
        if lines.len() < count && i + 1 < chars.len() && (width >= even || mark) {
            lines.push(String::new());
            width = 0;
        }
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// The scale's end and its tick step: the smallest of 10%, 20%, …, 100% that holds the longest bar.
fn scale(bars: &[Bar]) -> (f64, f64) {
    const ENDS: [(f64, f64); 8] = [
        (10.0, 2.0),
        (20.0, 5.0),
        (30.0, 5.0),
        (40.0, 10.0),
        (50.0, 10.0),
        (60.0, 10.0),
        (80.0, 20.0),
        (100.0, 20.0),
    ];
    let longest = bars
        .iter()
        .flat_map(|b| b.values.iter().map(|v| v.percent))
        .fold(0.0, f64::max);
    ENDS.into_iter()
        .find(|(end, _)| longest <= *end)
        .unwrap_or((100.0, 20.0))
}

fn row_height(lines: usize, series: usize) -> f64 {
    let bars = series as f64 * BAR + series.saturating_sub(1) as f64 * BAR_GAP;
    (lines as f64 * LINE).max(bars) + ROW_PAD
}

/// The chart as an `<svg>` element with a `<title>` and a `<desc>` listing every value, for readers
/// who cannot see it.
pub fn svg(chart: &Chart) -> String {
    let labels: Vec<Vec<String>> = chart.bars.iter().map(|b| label_lines(&b.label)).collect();
    let widest_label = labels
        .iter()
        .flatten()
        .map(|l| display_width(l))
        .max()
        .unwrap_or(0);
    let widest_value = chart
        .bars
        .iter()
        .flat_map(|b| b.values.iter().map(|v| display_width(&v.text)))
        .max()
        .unwrap_or(0);
    let left = widest_label as f64 * PX_PER_UNIT + 14.0;
    let right = WIDTH - widest_value as f64 * VALUE_PX_PER_UNIT - 10.0;
    let (end, step) = scale(&chart.bars);
    let x_of = |percent: f64| left + (right - left) * (percent / end).clamp(0.0, 1.0);
    let series = chart.series.len().max(1);
    let legend = if chart.series.len() > 1 {
        LINE + 8.0
    } else {
        0.0
    };
    let height: f64 = AXIS
        + legend
        + labels
            .iter()
            .map(|l| row_height(l.len(), series))
            .sum::<f64>()
        + 4.0;

    let id = &chart.id;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}">"#
    );
    let _ = write!(
        out,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(&chart.title),
        escape(&description(chart))
    );
    let mut y = 0.0;
    if legend > 0.0 {
        let mut x = left;
        for s in &chart.series {
            let _ = write!(
                out,
                r#"<rect class="{}" x="{x:.1}" y="3" width="12" height="12"/><text class="legend" x="{:.1}" y="14">{}</text>"#,
                s.class,
                x + 17.0,
                escape(s.name)
            );
            x += 17.0 + display_width(s.name) as f64 * PX_PER_UNIT + 24.0;
        }
        y += legend;
    }
    let bottom = height - 4.0;
    let ticks = (end / step).round() as u32;
    for tick in 0..=ticks {
        let p = step * f64::from(tick);
        let x = x_of(p);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{p:.0}%</text>"#,
            y + AXIS - 6.0,
            y + 14.0
        );
    }
    y += AXIS;
    for (bar, lines) in chart.bars.iter().zip(&labels) {
        let h = row_height(lines.len(), series);
        let middle = y + h / 2.0;
        let first_line = middle - (lines.len() as f64 - 1.0) * LINE / 2.0 + 5.0;
        let _ = write!(
            out,
            r#"<text class="label" x="{:.1}" text-anchor="end">"#,
            left - 8.0
        );
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                r#"<tspan x="{:.1}" y="{:.1}">{}</tspan>"#,
                left - 8.0,
                first_line + i as f64 * LINE,
                escape(line)
            );
        }
        out.push_str("</text>");
        let stack =
            bar.values.len() as f64 * BAR + bar.values.len().saturating_sub(1) as f64 * BAR_GAP;
        let mut top = middle - stack / 2.0;
        for (value, s) in bar.values.iter().zip(&chart.series) {
            let class = bar.class.unwrap_or(s.class);
            let width = x_of(value.percent) - left;
            let _ = write!(
                out,
                r#"<rect class="{class}" data-percent="{:.2}" x="{left:.1}" y="{top:.1}" width="{width:.1}" height="{BAR}"/><text class="value" x="{:.1}" y="{:.1}">{}</text>"#,
                value.percent,
                left + width + 5.0,
                top + BAR - 3.5,
                escape(&value.text)
            );
            top += BAR + BAR_GAP;
        }
        y += h;
    }
    let _ = write!(
        out,
        r#"<line class="axis" x1="{left:.1}" y1="{:.1}" x2="{left:.1}" y2="{bottom:.1}"/></svg>"#,
        AXIS + legend - 6.0
    );
    out
}

/// Every value in words: 产假：20.00%（8份）；…
fn description(chart: &Chart) -> String {
    chart
        .bars
        .iter()
        .map(|b| {
            let values: Vec<String> = b
                .values
                .iter()
                .zip(&chart.series)
                .map(|(v, s)| {
                    if chart.series.len() > 1 {
                        format!("{}{}", s.name, v.text)
                    } else {
                        v.text.clone()
                    }
                })
                .collect();
            format!("{}：{}", b.label, values.join("，"))
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// A part of a whole in a stacked bar: its name, count and stylesheet class.
pub struct Part {
    pub name: String,
    pub count: u64,
    pub class: &'static str,
}

/// One bar split into parts in proportion to their counts (the findings by severity), with a legend
/// giving each count; nothing is drawn for a whole of zero.
pub fn stacked(id: &str, title: &str, unit: &str, parts: &[Part]) -> String {
    let total: u64 = parts.iter().map(|p| p.count).sum();
    let legend: Vec<String> = parts
        .iter()
        .map(|p| format!("{}{}{unit}", p.name, p.count))
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart stacked" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} 64" width="{WIDTH}" height="64"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(&legend.join("，"))
    );
    let mut x = 0.0;
    for p in parts {
        if total == 0 {
            break;
        }
        let width = WIDTH * p.count as f64 / total as f64;
        let _ = write!(
            out,
            r#"<rect class="{}" data-count="{}" x="{x:.1}" y="4" width="{width:.1}" height="24"/>"#,
            p.class, p.count
        );
        x += width;
    }
    let mut x = 0.0;
    for (p, text) in parts.iter().zip(&legend) {
        let _ = write!(
            out,
            r#"<rect class="{}" x="{x:.1}" y="44" width="12" height="12"/><text class="legend" x="{:.1}" y="55">{}</text>"#,
            p.class,
            x + 17.0,
            escape(text)
        );
        x += 17.0 + display_width(text) as f64 * PX_PER_UNIT + 28.0;
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_wrap_into_even_lines() {
        let lines = |s| label_lines(s);
        assert_eq!(
            lines("不因结婚、怀孕、产假、哺乳降低工资或解除劳动合同"),
            ["不因结婚、怀孕、产假、", "哺乳降低工资或解除劳动合同"]
        );
        assert_eq!(
            lines("孕期（怀孕7个月以上）不安排加班和夜班劳动"),
            ["孕期（怀孕7个月以上）", "不安排加班和夜班劳动"]
        );
        assert_eq!(
            lines("职工代表大会中女职工代表的比例"),
            ["职工代表大会中女", "职工代表的比例"]
        );
        assert_eq!(lines("产假"), ["产假"]);
    }

    #[test]
    fn the_scale_ends_at_the_next_round_share() {
        let bar = |percent| Bar {
            label: String::new(),
            values: vec![Value {
                percent,
                text: String::new(),
            }],
            class: None,
        };
        assert_eq!(scale(&[bar(25.0), bar(3.0)]), (30.0, 5.0));
        assert_eq!(scale(&[bar(0.0)]), (10.0, 2.0));
        assert_eq!(scale(&[bar(66.67)]), (80.0, 20.0));
        assert_eq!(scale(&[bar(100.0)]), (100.0, 20.0));
    }
}
