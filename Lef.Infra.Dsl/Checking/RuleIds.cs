namespace Lef.Infra.Dsl.Checking;

/// <summary>Every rule ID in one place. Each has docs/rules/&lt;ID&gt;.md, an analyzer test class and an emitter refusal test.</summary>
public static class RuleIds
{
    public const string DuplicateVip = "LEF0001";
    public const string VipOutsidePool = "LEF0002";
    public const string PortClash = "LEF0003";
    public const string AliasClash = "LEF0004";
    public const string NameOnTwoVips = "LEF0005";
    public const string InvalidName = "LEF0006";
    public const string PortRange = "LEF0007";
    public const string UnevaluableValue = "LEF0008";
    public const string PoolOverlap = "LEF0009";
    public const string BackendLoop = "LEF0010";
    public const string EnginePortMismatch = "LEF0011";
    public const string UnusedVip = "LEF0012";
    public const string MalformedAddress = "LEF0013";
    public const string UndiscoverableRecord = "LEF0014";
    public const string PrivateAddressInExternalView = "LEF0015";
    public const string UnusableView = "LEF0016";
    public const string EndpointInNoView = "LEF0017";
    public const string VirtualRouterIdClash = "LEF0018";
    public const string PairPriority = "LEF0019";
    public const string HostInTwoRoles = "LEF0020";
    public const string PairNodeAlias = "LEF0021";
    public const string UnicastPeer = "LEF0022";
    public const string AdvertInterval = "LEF0023";
    public const string PairNodeAddress = "LEF0024";
    public const string UncheckedRole = "LEF0025";
    public const string RoleCheckKeepsSessions = "LEF0026";
    public const string ServerOfTwoEngines = "LEF0027";
    public const string CheckPortIsServicePort = "LEF0028";

    /// <summary>Where the rule pages live; a test checks every help link ends in docs/rules/&lt;ID&gt;.md and that the page exists.</summary>
    public const string HelpLinkBase = "https://git.core.lef/lef/lef-infra/src/branch/main/docs/rules/";

    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
