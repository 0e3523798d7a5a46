using Lef.Infra.Dsl.Model;
using Xunit;

namespace Lef.Infra.Dsl.Tests;

public sealed class NamesTests
{
    [Theory]
    [InlineData("erp", true)]
    [InlineData("erp-2", true)]
    [InlineData("2erp", true)]
    [InlineData("ERP", true)]
    [InlineData("-erp", false)]
    [InlineData("erp-", false)]
    [InlineData("erp.prod", false)]
    [InlineData("erp_prod", false)]
    [InlineData("erp\nbind", false)]
    [InlineData("", false)]
    public void Dns_labels(string text, bool valid) => Assert.Equal(valid, Names.IsDnsLabel(text));

    [Fact]
    public void A_dns_label_is_at_most_63_characters()
    {
        Assert.True(Names.IsDnsLabel(new string('a', 63)));
        Assert.False(Names.IsDnsLabel(new string('a', 64)));
    }

    [Theory]
    [InlineData("sql-erp-01.core.lef", true)]
    [InlineData("localhost", true)]
    [InlineData("10.20.0.1", false)] // an address, not a name
    [InlineData("a..b", false)]
    [InlineData("a.b.", false)]
    [InlineData("a b", false)]
    [InlineData("a;b", false)]
    public void Host_names(string text, bool valid) => Assert.Equal(valid, Names.IsHostName(text));

    [Theory]
    [InlineData("ens18", true)]
    [InlineData("bond0.100", true)]
    [InlineData("br-lan_1", true)]
    [InlineData("ens18:1", false)]
    [InlineData("enp129s0f1np1xx", true)] // 15: the IFNAMSIZ limit
    [InlineData("enp129s0f1np1xxx", false)]
    [InlineData("..", false)]
    [InlineData("eth 0", false)]
    [InlineData("-eth0", false)] // ifup -n -i FILE -eth0:1: "invalid option -- 'e'"
    [InlineData("eth-0", true)]
    public void Interface_names(string text, bool valid) => Assert.Equal(valid, Names.IsInterfaceName(text));
}
