extern alias analyzers;

using System.IO;
using System.Linq;
using analyzers::Lef.Infra.Analyzers;
using analyzers::Lef.Infra.Dsl.Rules;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>The DNS view rules ship documented: a page titled "# ID - Title", a release row, and a help link to the page.</summary>
public sealed class DnsViewRuleDocsTests
{
    public static TheoryData<string> Ids => new(RuleIds.PrivateAddressInExternalView, RuleIds.UnusableView, RuleIds.EndpointInNoView);

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_rule_has_its_page_its_release_row_and_its_help_link(string id)
    {
        var descriptor = DiagnosticDescriptors.For(id);
        var page = Path.Combine(RepoPaths.Root, "docs", "rules", id + ".md");

        Assert.True(File.Exists(page), page + " is missing");
        var lines = File.ReadAllLines(page);
        Assert.Equal("# " + id + " - " + descriptor.Title, lines[0]);
        Assert.Contains("## Wrong", lines);
        Assert.Contains("## Right", lines);
        Assert.Equal(RuleIds.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.Contains(
            File.ReadAllLines(Path.Combine(RepoPaths.Root, "Lef.Infra.Analyzers", "AnalyzerReleases.Unshipped.md")),
            l => l == id + " | " + RuleCatalog.Category + " | Error | " + descriptor.Title);
        Assert.Contains(RuleCatalog.All, r => r.Id == id && r.Title == descriptor.Title.ToString() && r.IsError);
    }
}
