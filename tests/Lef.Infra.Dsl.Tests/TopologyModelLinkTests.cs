using Lef.Infra.Dsl.Model;
using Xunit;

namespace Lef.Infra.Dsl.Tests;

/// <summary>
/// An endpoint's VIP and a VIP's pool are kept on the declaration for the model that resolved them. The analyzer hands the
/// same declaration objects to the model of every keystroke, so each model must see its own links, never another's.
/// </summary>
public sealed class TopologyModelLinkTests
{
    private static readonly SourceSite Here = new("Topology.cs", 0, 1, 1, 1);

    [Fact]
    public void A_declaration_shared_by_two_models_links_to_each_models_own_declarations()
    {
        var endpoint = new EndpointDeclaration { Key = "T.Endpoints.Erp", Field = "Endpoints.Erp", Site = Here, VipKey = "T.Vips.Erp" };
        var vip = new VipDeclaration { Key = "T.Vips.Erp", Field = "Vips.Erp", Site = Here, PoolKey = "T.Pools.Core", Address = "10.0.0.10" };
        var firstVip = new VipDeclaration { Key = "T.Vips.Erp", Field = "Vips.Erp", Site = Here, PoolKey = "T.Pools.Core", Address = "10.0.0.11" };
        var pool = new PoolDeclaration { Key = "T.Pools.Core", Field = "Pools.Core", Site = Here };

        var first = new TopologyModel([pool], [firstVip], [endpoint]);
        var second = new TopologyModel([], [vip], [endpoint]);

        Assert.Same(firstVip, first.VipOf(endpoint));
        Assert.Same(vip, second.VipOf(endpoint));
        Assert.Same(firstVip, first.VipOf(endpoint));
        Assert.Same(pool, first.PoolOf(firstVip));
        Assert.Null(second.PoolOf(vip));
        Assert.Null(new TopologyModel([], [], [endpoint]).VipOf(endpoint));
        Assert.Same(vip, second.VipOf(endpoint));
    }
}
