using Lef.Infra.Dsl.Model;
using Xunit;

namespace Lef.Infra.Dsl.Tests;

public sealed class Ipv4Tests
{
    [Theory]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("10.20.0.101", 0x0A140065u)]
    [InlineData("255.255.255.255", uint.MaxValue)]
    public void Parses_dotted_quads(string text, uint expected)
    {
        Assert.True(Ipv4.TryParse(text, out var address));
        Assert.Equal(expected, address);
        Assert.Equal(text, Ipv4.Format(address));
    }

    [Theory]
    [InlineData("010.20.0.1")] // leading zero: octal to inet_aton
    [InlineData("10.20.0.256")]
    [InlineData("10.20.0")]
    [InlineData("10.20.0.1.")]
    [InlineData(" 10.20.0.1")]
    [InlineData("10.20.0.1/32")]
    [InlineData("1e1.0.0.1")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_anything_else(string? text) => Assert.False(Ipv4.TryParse(text, out _));

    [Theory]
    [InlineData("10.20.0.0/24", "10.20.0.0", 24, "255.255.255.0", "10.20.0.255")]
    [InlineData("10.21.0.0/25", "10.21.0.0", 25, "255.255.255.128", "10.21.0.127")]
    [InlineData("0.0.0.0/0", "0.0.0.0", 0, "0.0.0.0", "255.255.255.255")]
    [InlineData("10.1.2.3/32", "10.1.2.3", 32, "255.255.255.255", "10.1.2.3")]
    public void Parses_networks(string text, string address, int prefix, string mask, string broadcast)
    {
        Assert.True(Ipv4Network.TryParse(text, out var network, out _));
        Assert.Equal(address, Ipv4.Format(network.Address));
        Assert.Equal(prefix, network.Prefix);
        Assert.Equal(mask, Ipv4.Format(network.Mask));
        Assert.Equal(broadcast, Ipv4.Format(network.Broadcast));
        Assert.Equal(text, network.ToString());
    }

    [Theory]
    [InlineData("10.20.0.1/24", "host bits are set (did you mean 10.20.0.0/24?)")]
    [InlineData("10.20.0.0/33", "the prefix must be a number from 0 to 32")]
    [InlineData("10.20.0.0/024", "the prefix must be a number from 0 to 32")]
    [InlineData("10.20.0.0", "expected CIDR form a.b.c.d/prefix")]
    public void Explains_a_bad_network(string text, string error)
    {
        Assert.False(Ipv4Network.TryParse(text, out _, out var actual));
        Assert.Equal(error, actual);
    }
}
