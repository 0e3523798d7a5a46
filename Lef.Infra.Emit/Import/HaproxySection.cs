using System.Collections.Generic;

namespace Lef.Infra.Emit.Import;

/// <summary>One line of a section, split into words the way HAProxy splits them (quotes and escapes resolved, comment removed).</summary>
internal sealed record HaproxyDirective(ConfigSite Site, IReadOnlyList<string> Words)
{
    public string Keyword => Words[0];

    public string Text => string.Join(" ", Words);
}

/// <summary>A section of haproxy.cfg (<c>listen</c>, <c>frontend</c>, <c>backend</c>, <c>defaults</c>, <c>global</c>, ...).</summary>
/// <param name="Keyword">The section keyword as written: <c>listen</c>, <c>frontend</c>, ...</param>
/// <param name="Name">The section's name; empty for <c>global</c> and unnamed <c>defaults</c>.</param>
/// <param name="Site">The header line.</param>
/// <param name="HeaderBinds">Addresses written on the header line itself (the old <c>listen NAME ADDR:PORT</c> form).</param>
/// <param name="Mode">The effective mode: the section's own <c>mode</c>, else the one its <c>defaults</c> gives, else HAProxy's default, tcp.</param>
/// <param name="Directives">Every other line, in order.</param>
/// <param name="Comments">Full-line comments above the header and inside the section, the emitter's own boilerplate removed.</param>
/// <param name="EndpointField">The field name in the emitter's listen comment, when the section was written by Lef.Infra.</param>
/// <param name="Defaults">The <c>defaults</c> section it inherits from, if any (a health check set there applies to it).</param>
internal sealed record HaproxySection(
    string Keyword,
    string Name,
    ConfigSite Site,
    IReadOnlyList<string> HeaderBinds,
    string Mode,
    IReadOnlyList<HaproxyDirective> Directives,
    IReadOnlyList<string> Comments,
    string? EndpointField,
    HaproxySection? Defaults)
{
    public string Describe() => Name.Length == 0 ? Keyword : Keyword + " " + Name;
}
