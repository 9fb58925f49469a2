using System.Globalization;
using System.Net;
using System.Text;

namespace LatentOps.Dashboard.Layout;

/// <summary>
/// The body of a dashboard page, built from accessible pieces: headings, plain-language explanations,
/// fact lists, tables with captions, charts with a text description, findings and forms. Text passed
/// in is HTML-encoded; only <see cref="Raw"/> and the <c>*Html</c> methods take markup (already safe).
/// Pass it to <see cref="DashboardLayout.Page"/>.
/// </summary>
public sealed class PageContent
{
    private readonly StringBuilder _html = new();

    /// <summary>Adds a section heading (level 2 to 4; the page title is the only level 1).</summary>
    public PageContent Heading(string text, int level = 2, string? id = null)
    {
        level = Math.Clamp(level, 2, 4);
        var idAttribute = id is null ? string.Empty : $" id=\"{Encode(id)}\"";
        _html.Append(CultureInfo.InvariantCulture, $"<h{level}{idAttribute}>{Encode(text)}</h{level}>\n");
        return this;
    }

    /// <summary>Adds a paragraph of plain text.</summary>
    public PageContent Paragraph(string text)
    {
        _html.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Adds a short plain-language explanation (for readers who are not engineers), set apart from the facts.</summary>
    public PageContent Explain(string text)
    {
        _html.Append("<p class=\"explain\">").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Adds a note shown when there is nothing to show yet, saying how to get something.</summary>
    public PageContent Empty(string text)
    {
        _html.Append("<p class=\"empty\">").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Adds a coloured box with a status word (ok, info, warning, error), a title and an explanation.</summary>
    public PageContent Finding(string status, string title, string explanation)
    {
        var word = Encode(status.ToLowerInvariant());
        _html.Append(CultureInfo.InvariantCulture, $"<div class=\"finding {word}\" role=\"note\"><strong>{word}: {Encode(title)}</strong><p>{Encode(explanation)}</p></div>\n");
        return this;
    }

    /// <summary>Adds a two-column list of facts.</summary>
    public PageContent KeyValues(IEnumerable<KeyValuePair<string, string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _html.Append("<dl class=\"facts\">");
        foreach (var (key, value) in items)
        {
            _html.Append("<dt>").Append(Encode(key)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>");
        }

        _html.Append("</dl>\n");
        return this;
    }

    /// <summary>Adds a table of plain-text cells with a caption (read by screen readers) and a header row.</summary>
    public PageContent Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return TableHtml(caption, headers, rows.Select(row => (IReadOnlyList<string>)[.. row.Select(Encode)]));
    }

    /// <summary>Adds a table whose cells are already-safe HTML (for links: <see cref="Link"/>).</summary>
    public PageContent TableHtml(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        _html.Append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"").Append(Encode(caption)).Append("\"><table><caption>")
            .Append(Encode(caption)).Append("</caption><thead><tr>");
        foreach (var header in headers)
        {
            _html.Append("<th scope=\"col\">").Append(Encode(header)).Append("</th>");
        }

        _html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            _html.Append("<tr>");
            foreach (var cell in row)
            {
                _html.Append("<td>").Append(cell).Append("</td>");
            }

            _html.Append("</tr>");
        }

        _html.Append("</tbody></table></div>\n");
        return this;
    }

    /// <summary>
    /// Adds a chart (an SVG from <c>LatentOps.Reports.Charts.Chart</c>) as an image with
    /// <paramref name="description"/> as its accessible name and visible caption.
    /// </summary>
    public PageContent Chart(string svg, string description)
    {
        ArgumentNullException.ThrowIfNull(svg);
        _html.Append("<figure class=\"chart\" role=\"img\" aria-label=\"").Append(Encode(description)).Append("\">")
            .Append(svg)
            .Append("<figcaption>").Append(Encode(description)).Append("</figcaption></figure>\n");
        return this;
    }

    /// <summary>Adds already-safe HTML.</summary>
    public PageContent Raw(string html)
    {
        _html.Append(html).Append('\n');
        return this;
    }

    /// <summary>The HTML of the body.</summary>
    public override string ToString() => _html.ToString();

    /// <summary>A link (encoded text and address).</summary>
    public static string Link(string href, string text) => $"<a href=\"{Encode(href)}\">{Encode(text)}</a>";

    /// <summary>HTML-encodes text.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Escapes one path segment of a dashboard address (a model or dataset name).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
