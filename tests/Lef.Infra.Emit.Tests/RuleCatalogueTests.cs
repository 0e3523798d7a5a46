extern alias analyzers;

using System;
using System.IO;
using System.Linq;
using Lef.Infra.Dsl.Checking;
using Lef.Infra.Dsl.Rules;
using Lef.Infra.Testing;
using Xunit;
using AnalyzerDescriptors = analyzers::Lef.Infra.Analyzers.DiagnosticDescriptors;

namespace Lef.Infra.Emit.Tests;

/// <summary>No rule ships half-done: each has a descriptor, a docs page, a release row, analyzer tests and an emitter test.</summary>
public sealed class RuleCatalogueTests
{
    public static TheoryData<string> RuleIdsInCatalogue => new(RuleCatalog.All.Select(r => r.Id));

    [Fact]
    public void The_analyzer_has_exactly_one_descriptor_per_catalogued_rule()
    {
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), AnalyzerDescriptors.All.Select(d => d.Id));
        Assert.Equal(typeof(RuleIds).GetFields().Where(f => f.IsLiteral && f.Name != nameof(RuleIds.HelpLinkBase)).Select(f => (string)f.GetValue(null)!).Order(),
            RuleCatalog.All.Select(r => r.Id).Order());
    }

    [Theory]
    [MemberData(nameof(RuleIdsInCatalogue))]
    public void Descriptor_matches_the_catalogue_and_links_its_docs_page(string id)
    {
        var rule = RuleCatalog.All.Single(r => r.Id == id);
        var descriptor = AnalyzerDescriptors.All.Single(d => d.Id == id);
        Assert.Equal(rule.Title, descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(rule.IsError, descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.EndsWith("docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIdsInCatalogue))]
    public void Rule_has_a_docs_page_titled_with_its_id_and_title(string id)
    {
        var page = Path.Combine(RepoPaths.Root, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), "missing " + page);
        var title = RuleCatalog.All.Single(r => r.Id == id).Title;
        Assert.Equal("# " + id + " - " + title, File.ReadLines(page).First());
        var text = File.ReadAllText(page);
        Assert.Contains("## Non-compliant", text);
        Assert.Contains("## Compliant", text);
    }

    [Theory]
    [MemberData(nameof(RuleIdsInCatalogue))]
    public void Rule_has_a_release_row_with_its_severity(string id)
    {
        var rule = RuleCatalog.All.Single(r => r.Id == id);
        var releases = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Lef.Infra.Analyzers", "AnalyzerReleases.Unshipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(RepoPaths.Root, "Lef.Infra.Analyzers", "AnalyzerReleases.Shipped.md")));
        Assert.Contains(releases, line => line.StartsWith(id + " | " + RuleCatalog.Category + " | " + (rule.IsError ? "Error" : "Warning") + " |", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RuleIdsInCatalogue))]
    public void Rule_has_an_emitter_test(string id) =>
        Assert.True(RefusalTests.Cases.ContainsKey(id) || RefusalTests.WarningCases.ContainsKey(id), id + " has no case in RefusalTests");

    [Theory]
    [MemberData(nameof(RuleIdsInCatalogue))]
    public void Rule_has_an_analyzer_test_class_that_marks_its_id(string id)
    {
        var tests = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "Lef.Infra.Analyzers.Tests"), "*RuleTests.cs")
            .Where(f => File.ReadAllText(f).Contains("{|" + id + ":", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(tests);
    }
}
