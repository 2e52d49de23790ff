//! The composed report (`Vec<Block>` plus title line, notice box and watermark) as one HTML
//! document with its CSS. Pagination, line breaking and table layout are left to Chromium.

use std::fmt::Write;

use super::super::model::{Block, BLACK};
use super::style::{Footer, HtmlStyle, LogoStyle, WatermarkStyle};
use super::table::write_table;
use super::{css_rgb, escape};

/// What page 1 carries above the first block.
#[derive(Debug, Clone)]
pub struct TitleBlock<'a> {
    /// `（本人版）` / `（授信机构版）`
    pub version_line: &'a str,
    /// The 本人版 notice box `本报告仅供您了解 / 自己的信用状况使用`.
    pub notice: bool,
}

/// The whole HTML document.
pub fn document(title: &TitleBlock<'_>, blocks: &[Block], style: &HtmlStyle, wm: &WatermarkStyle) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>个人信用报告</title><style>\n",
    );
    out.push_str(&css(style));
    out.push_str("</style></head><body>\n");
    watermark(&mut out, wm);
    title_block(&mut out, title, style);
    for b in blocks {
        match b {
            Block::Heading { text, level, color } => {
                let (tag, class) = if *level == 1 { ("h2", "l1") } else { ("h3", "l2") };
                let colour = if *color == BLACK {
                    String::new()
                } else {
                    format!(" style=\"color:{}\"", css_rgb(*color))
                };
                let _ = writeln!(out, "<{tag} class=\"{class}\"{colour}>{}</{tag}>", escape(text));
            }
            Block::Caption(text) => {
                let _ = writeln!(out, "<p class=\"cap\">{}</p>", escape(text));
            }
            Block::Para(text) => {
                let _ = writeln!(out, "<p class=\"para\">{}</p>", escape(text));
            }
            Block::Table(t) => write_table(&mut out, t, style.rule_px),
            Block::Gap(h) => {
                let _ = writeln!(out, "<div style=\"height:{h}pt\"></div>");
            }
        }
    }
    out.push_str("</body></html>\n");
    out
}

fn css(s: &HtmlStyle) -> String {
    let (top, side, bottom) = s.margin_mm;
    let footer = match s.footer {
        Footer::Chinese => "\"第\" counter(page) \"页，共\" counter(pages) \"页\"",
        Footer::Spaced => "\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"",
        Footer::None => "none",
    };
    let fill = s
        .header_fill
        .map(|c| format!("td.h {{ background: {}; }}\n", css_rgb(c)))
        .unwrap_or_default();
    let cell_h = s.base_px * s.line_height + 2.0 * s.pad.0;
    format!(
        "@page {{ size: A4; margin: {top}mm {side}mm {bottom}mm;\n\
         \x20 @bottom-center {{ content: {footer}; font-family: {fam}; font-size: 9pt; }} }}\n\
         html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}\n\
         body {{ margin: 0; font-family: {fam}; font-size: {base}px; line-height: {lh}; color: #000;{autospace} }}\n\
         h1 {{ text-align: center; font-size: 18pt; margin: 4pt 0 2pt; }}\n\
         .ver {{ text-align: center; font-weight: bold; font-size: 11pt; margin: 0 0 8pt; }}\n\
         h2.l1 {{ text-align: center; font-size: 12.5pt; margin: 12pt 0 5pt;{keep} }}\n\
         h3.l2 {{ text-align: center; font-size: 10.5pt; margin: 6pt 0 4pt;{keep} }}\n\
         p.cap {{ font-weight: bold; font-size: 8.5pt; margin: 6pt 0 2pt 4pt;{keep} }}\n\
         p.para {{ font-size: 8.5pt; margin: 0 0 2pt 8pt; }}\n\
         table.t {{ width: 100%; table-layout: fixed; border-collapse: collapse; margin-top: 4pt; }}\n\
         td {{ border: {rule}px solid; text-align: center; vertical-align: middle; padding: {pv}px {ph}px;\n\
         \x20 height: {cell_h:.2}px; overflow-wrap: anywhere; }}\n\
         td.h {{ font-weight: bold; }}\n{fill}\
         tbody.keep {{ break-inside: avoid; }}\n{rows}\
         .wm {{ position: fixed; white-space: nowrap; z-index: -1; transform-origin: center center; }}\n\
         .logo {{ position: absolute; left: 0; top: 0; }}\n\
         .notice {{ position: absolute; right: 4mm; top: 2mm; border: 1.2pt solid #000; padding: 3pt 10pt;\n\
         \x20 font-weight: bold; font-size: 12pt; line-height: 1.3; text-align: center; }}\n\
         .head {{ position: relative; padding-top: 40pt; }}\n",
        fam = s.font_family,
        base = s.base_px,
        lh = s.line_height,
        autospace = if s.autospace {
            " text-autospace: normal;"
        } else {
            " text-autospace: no-autospace;"
        },
        keep = if s.keep_headings { " break-after: avoid;" } else { "" },
        rule = s.rule_px,
        pv = s.pad.0,
        ph = s.pad.1,
        rows = if s.keep_rows {
            "tr { break-inside: avoid; }\n"
        } else {
            ""
        },
    )
}

/// Watermark tiles, fixed so Chromium repeats them on every printed page.
fn watermark(out: &mut String, wm: &WatermarkStyle) {
    if wm.text.is_empty() {
        return;
    }
    let spots: &[(f32, f32)] = if wm.tiles == 1 {
        &[(50.0, 50.0)]
    } else {
        &[(28.0, 27.0), (72.0, 40.0), (28.0, 63.0), (72.0, 80.0)]
    };
    let c = wm.color;
    for (x, y) in spots {
        let _ = writeln!(
            out,
            "<div class=\"wm\" style=\"left:{x}%;top:{y}%;font-size:{}px;color:rgba({},{},{},{:.2});\
             transform:translate(-50%,-50%) rotate(-{}deg)\">{}</div>",
            wm.size,
            c.0,
            c.1,
            c.2,
            wm.alpha,
            wm.angle,
            escape(&wm.text)
        );
    }
}

/// Page 1: red logo (SVG, no text), the 本人版 notice box, `个人信用报告` and the version line.
fn title_block(out: &mut String, t: &TitleBlock<'_>, s: &HtmlStyle) {
    out.push_str("<div class=\"head\">");
    out.push_str(&logo_svg(&s.logo));
    if t.notice {
        out.push_str("<div class=\"notice\">本报告仅供您了解<br>自己的信用状况使用</div>");
    }
    let _ = writeln!(
        out,
        "<h1>个人信用报告</h1><p class=\"ver\">{}</p></div>",
        escape(t.version_line)
    );
}

fn logo_svg(l: &LogoStyle) -> String {
    let r = l.size / 2.0;
    let outer = r - l.stroke / 2.0;
    let inner = if l.star {
        // A five-point star: the seal look.
        let pts: Vec<String> = (0..10)
            .map(|k| {
                let rad = if k % 2 == 0 { r * 0.45 } else { r * 0.18 };
                let a = (k as f32 * 36.0 - 90.0).to_radians();
                format!("{:.2},{:.2}", r + rad * a.cos(), r + rad * a.sin())
            })
            .collect();
        format!("<polygon points=\"{}\" fill=\"#E02020\"/>", pts.join(" "))
    } else {
        format!(
            "<circle cx=\"{r}\" cy=\"{r}\" r=\"{:.2}\" fill=\"none\" stroke=\"#E02020\" stroke-width=\"{:.2}\"/>",
            r * 0.5,
            l.stroke * 0.5
        )
    };
    format!(
        "<svg class=\"logo\" width=\"{s}\" height=\"{s}\" viewBox=\"0 0 {s} {s}\">\
         <circle cx=\"{r}\" cy=\"{r}\" r=\"{outer:.2}\" fill=\"none\" stroke=\"#E02020\" stroke-width=\"{w}\"/>{inner}</svg>",
        s = l.size,
        w = l.stroke
    )
}
