using System;
using System.Collections.Generic;
using System.IO;
using Lef.Infra.Emit.Apply;
using Xunit;

namespace Lef.Infra.Emit.Tests.Apply;

public sealed class PlanFileTests
{
    [Fact]
    public void A_saved_plan_reads_back_the_same_hashes()
    {
        using var folder = new TempDirectory();
        var live = new SortedDictionary<string, string?>(StringComparer.Ordinal) { ["/etc/haproxy/haproxy.cfg"] = "global\n", ["/etc/network/interfaces.d/lef-ens18"] = null };
        var plan = new PlanFile(new Dictionary<string, (string, string)> { ["proxy.core.lef"] = (LiveFiles.Hash(live), "abc") });
        plan.Save(folder.Combine("p"));

        var read = PlanFile.Load(folder.Combine("p"));

        Assert.Equal((LiveFiles.Hash(live), "abc"), read.Hosts["proxy.core.lef"]);
    }

    [Fact]
    public void A_missing_file_and_a_present_empty_one_hash_differently()
    {
        var missing = new SortedDictionary<string, string?>(StringComparer.Ordinal) { ["/etc/haproxy/haproxy.cfg"] = null };
        var empty = new SortedDictionary<string, string?>(StringComparer.Ordinal) { ["/etc/haproxy/haproxy.cfg"] = string.Empty };

        Assert.NotEqual(LiveFiles.Hash(missing), LiveFiles.Hash(empty));
    }

    [Fact]
    public void A_file_that_is_not_a_plan_names_its_line()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.Combine("p"), "# lef-infra plan\nproxy.core.lef live=1\n");

        var error = Assert.Throws<FormatException>(() => PlanFile.Load(folder.Combine("p")));

        Assert.Equal(folder.Combine("p") + ":2: not a plan line (HOST live=HASH deploy=HASH)", error.Message);
    }
}
