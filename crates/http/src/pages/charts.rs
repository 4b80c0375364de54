//! Charts drawn on the server as SVG: no script draws them, and each comes with a
//! table of its figures for screen readers and for copying. Colours come from the
//! stylesheet (`.chart .series-N`), so the same chart suits light and dark.

use maud::{Markup, html};

/// One line of a line chart, or one set of bars.
pub struct Series {
    pub label: String,
    pub values: Vec<i64>,
}

const WIDTH: i64 = 640;
const HEIGHT: i64 = 220;
/// Room on the left for the scale's figures, and below for the first and last day.
const LEFT: i64 = 48;
const BOTTOM: i64 = 24;
const TOP: i64 = 8;

/// The top of a scale of four equal steps reaching `max`, each step a round number
/// (1, 2 or 5 times a power of ten), so the scale reads 0, 10, 20, 30, 40.
fn scale_top(max: i64) -> i64 {
    4 * round_up((max + 3) / 4)
}

/// The smallest round number at or above `max`.
fn round_up(max: i64) -> i64 {
    let mut step = 1;
    loop {
        for factor in [1, 2, 5] {
            if step * factor >= max {
                return step * factor;
            }
        }
        step *= 10;
    }
}

/// A line per series over days named by `x_labels`; `number` writes a figure as
/// the reader's language does.
pub fn line_chart(
    id: &str,
    title: &str,
    x_labels: &[String],
    series: &[Series],
    number: &dyn Fn(i64) -> String,
    figures_label: &str,
) -> Markup {
    let max = scale_top(
        series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1),
    );
    let points = x_labels.len().max(1) as i64;
    let plot_width = WIDTH - LEFT - 8;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| {
        if points == 1 {
            LEFT + plot_width / 2
        } else {
            LEFT + plot_width * i as i64 / (points - 1)
        }
    };
    let y = |value: i64| TOP + plot_height - plot_height * value / max;
    let title_id = format!("{id}-title");
    html! {
        figure class="chart" id=(id) {
            svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-labelledby=(title_id) {
                title id=(title_id) { (title) }
                @for step in 0..=4 {
                    @let value = max * step / 4;
                    line class="grid" x1=(LEFT) x2=(WIDTH - 8) y1=(y(value)) y2=(y(value)) {}
                    text class="scale" x=(LEFT - 6) y=(y(value) + 4) text-anchor="end" { (number(value)) }
                }
                @if let (Some(first), Some(last)) = (x_labels.first(), x_labels.last()) {
                    text class="scale" x=(LEFT) y=(HEIGHT - 6) text-anchor="start" { (first) }
                    @if x_labels.len() > 1 {
                        text class="scale" x=(WIDTH - 8) y=(HEIGHT - 6) text-anchor="end" { (last) }
                    }
                }
                @for (n, s) in series.iter().enumerate() {
                    @let path = s.values.iter().enumerate()
                        .map(|(i, v)| format!("{},{}", x(i), y(*v)))
                        .collect::<Vec<_>>()
                        .join(" ");
                    polyline class=(format!("line series-{}", n % 4 + 1)) points=(path) {}
                    @if s.values.len() == 1 {
                        circle class=(format!("dot series-{}", n % 4 + 1)) cx=(x(0)) cy=(y(s.values[0])) r="4" {}
                    }
                }
            }
            (legend(series))
            (table(title, figures_label, x_labels, series, number))
        }
    }
}

/// Horizontal bars, a row per label, one bar per series (this period and the one
/// before, say).
pub fn bar_chart(
    id: &str,
    title: &str,
    labels: &[String],
    series: &[Series],
    number: &dyn Fn(i64) -> String,
    figures_label: &str,
) -> Markup {
    const ROW: i64 = 14;
    const LABEL: i64 = 180;
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let per_label = ROW * series.len() as i64 + 12;
    let height = per_label * labels.len().max(1) as i64 + 4;
    let room = WIDTH - LABEL - 60;
    let title_id = format!("{id}-title");
    html! {
        figure class="chart" id=(id) {
            svg viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-labelledby=(title_id) {
                title id=(title_id) { (title) }
                @for (row, label) in labels.iter().enumerate() {
                    @let top = per_label * row as i64 + 4;
                    text class="label" x=(LABEL - 8) y=(top + ROW * series.len() as i64 / 2 + 4) text-anchor="end" {
                        (shorten(label))
                    }
                    @for (n, s) in series.iter().enumerate() {
                        @let value = s.values.get(row).copied().unwrap_or(0);
                        @let bar_top = top + ROW * n as i64;
                        rect class=(format!("bar series-{}", n % 4 + 1)) x=(LABEL) y=(bar_top)
                            width=((room * value / max).max(1)) height=(ROW - 3) {}
                        text class="scale" x=(LABEL + (room * value / max).max(1) + 6) y=(bar_top + ROW - 4) { (number(value)) }
                    }
                }
            }
            (legend(series))
            (table(title, figures_label, labels, series, number))
        }
    }
}

/// SVG text does not wrap: long names are cut, the table has them whole.
fn shorten(label: &str) -> String {
    const CHARS: usize = 24;
    if label.chars().count() <= CHARS {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(CHARS - 1).collect();
    cut.push('…');
    cut
}

fn legend(series: &[Series]) -> Markup {
    html! {
        @if series.len() > 1 {
            ul class="legend" aria-hidden="true" {
                @for (n, s) in series.iter().enumerate() {
                    li { span class=(format!("swatch series-{}", n % 4 + 1)) {} (s.label) }
                }
            }
        }
    }
}

/// The chart's figures as a table, folded away under the chart.
fn table(
    title: &str,
    figures_label: &str,
    rows: &[String],
    series: &[Series],
    number: &dyn Fn(i64) -> String,
) -> Markup {
    html! {
        details class="chart-figures" {
            summary { (figures_label) }
            table class="admin-table" {
                caption class="visually-hidden" { (title) }
                thead {
                    tr {
                        td {}
                        @for s in series { th scope="col" { (s.label) } }
                    }
                }
                tbody {
                    @for (i, row) in rows.iter().enumerate() {
                        tr {
                            th scope="row" { (row) }
                            @for s in series {
                                td { (number(s.values.get(i).copied().unwrap_or(0))) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_ends_on_a_round_number() {
        assert_eq!(round_up(1), 1);
        assert_eq!(round_up(3), 5);
        assert_eq!(round_up(7), 10);
        assert_eq!(round_up(11), 20);
        assert_eq!(round_up(4_321), 5_000);
        assert_eq!(scale_top(1), 4);
        assert_eq!(scale_top(9), 20);
        assert_eq!(scale_top(22), 40);
        assert_eq!(scale_top(4_321), 8_000);
    }

    #[test]
    fn a_chart_is_an_image_named_by_its_title_with_its_figures_beside() {
        let chart = line_chart(
            "posts",
            "Posts per day",
            &["1 Dec".to_owned(), "2 Dec".to_owned()],
            &[Series {
                label: "Posts".to_owned(),
                values: vec![3, 9],
            }],
            &|n| n.to_string(),
            "Show the figures",
        )
        .into_string();
        assert!(
            chart.contains(r#"role="img" aria-labelledby="posts-title""#),
            "{chart}"
        );
        assert!(
            chart.contains(r#"<title id="posts-title">Posts per day</title>"#),
            "{chart}"
        );
        assert!(
            chart.contains("<th scope=\"row\">2 Dec</th><td>9</td>"),
            "{chart}"
        );
        // The scale reaches 20 in steps of 5 above the highest figure, 9.
        assert!(
            chart.contains(">20</text>") && chart.contains(">5</text>"),
            "{chart}"
        );
    }
}
