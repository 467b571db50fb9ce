//! The horizontal bar chart of each role's `met` and `coverage`, with the policy's
//! Maturing and Performing bars marked, so the level can be read off the picture.

use super::page::{Align, Colour, Pages, Style, SMALL, STRONG};
use crate::data::{RoleBar, Thresholds};

const BAR: f32 = 7.0;
const ROW: f32 = 2.0 * BAR + 9.0;

pub fn chart(pages: &mut Pages, roles: &[RoleBar], thresholds: &Thresholds) {
    let label_width = pages.content_width() * 0.42;
    let left = pages.left() + label_width;
    let width = pages.content_width() - label_width - 30.0;
    let height = 16.0 + roles.len() as f32 * ROW + 22.0;
    pages.ensure(height);
    let top = pages.y + 12.0;
    let x_of = |share: f64| left + width * share.clamp(0.0, 1.0) as f32;

    // Threshold markers first, so the bars draw over their lines.
    let plot_bottom = top + roles.len() as f32 * ROW;
    // Maturing's label sits left of its line and Performing's right of its own, so
    // the two never overlap however close the policy puts them.
    for (share, label, align) in [
        (thresholds.maturing_min_met, format!("Maturing {:.0}% ", thresholds.maturing_min_met * 100.0), Align::Right),
        (
            thresholds.performing_min_met,
            format!(" Performing {:.0}%", thresholds.performing_min_met * 100.0),
            Align::Left,
        ),
    ] {
        let x = x_of(share);
        for segment in 0..((plot_bottom - top) / 4.0) as usize {
            let y = top + segment as f32 * 4.0;
            pages.vertical(x, y, y + 2.0, Colour::MUTED, 0.5);
        }
        pages.text_at(x, top - 3.0, &label, SMALL, align, None);
    }
    for (index, role) in roles.iter().enumerate() {
        let row_top = top + 4.0 + index as f32 * ROW;
        let label_style = if role.recommended { STRONG } else { Style { colour: Colour::INK, size: 8.5, ..SMALL } };
        let label = super::text::fit_line(&role.title, label_style.face, label_style.size, label_width - 8.0);
        pages.text_at(pages.left(), row_top + BAR + 2.5, &label, label_style, Align::Left, None);
        pages.fill(left, row_top, width, BAR, Colour::SHADE);
        pages.fill(left, row_top + BAR + 1.0, width, BAR, Colour::SHADE);
        let met_text = match role.met {
            Some(met) => {
                pages.fill(left, row_top, x_of(met) - left, BAR, Colour::ACCENT);
                format!("{:.0}% met", met * 100.0)
            }
            None => "not assessed".to_owned(),
        };
        pages.fill(left, row_top + BAR + 1.0, x_of(role.coverage) - left, BAR, Colour::ACCENT_LIGHT);
        let small = Style { size: 6.5, ..SMALL };
        pages.text_at(left + width + 3.0, row_top + BAR - 1.0, &met_text, small, Align::Left, None);
        pages.text_at(
            left + width + 3.0,
            row_top + 2.0 * BAR,
            &format!("{:.0}% cov.", role.coverage * 100.0),
            small,
            Align::Left,
            None,
        );
    }
    // Axis and legend.
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        pages.text_at(x_of(tick), plot_bottom + 10.0, &format!("{:.0}%", tick * 100.0), SMALL, Align::Centre, None);
    }
    let legend_y = plot_bottom + 20.0;
    pages.fill(left, legend_y - 6.0, 10.0, 6.0, Colour::ACCENT);
    pages.text_at(
        left + 13.0,
        legend_y,
        "met: share of assessed characteristics at or above the bar",
        SMALL,
        Align::Left,
        None,
    );
    pages.fill(left, legend_y + 3.0, 10.0, 6.0, Colour::ACCENT_LIGHT);
    pages.text_at(
        left + 13.0,
        legend_y + 9.0,
        "coverage: share of the role's characteristics assessed",
        SMALL,
        Align::Left,
        None,
    );
    pages.y = legend_y + 14.0;
}
