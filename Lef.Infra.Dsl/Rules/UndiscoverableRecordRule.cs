using Lef.Infra.Dsl.Checking;

namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0014: a pool, VIP or endpoint created where neither reader can find it: inside a method, in a non-readonly or instance
/// field, in a non-static class, or inline as another record's argument. The emitter would never see it. The readers raise it.
/// </summary>
public static class UndiscoverableRecordRule
{
    public const string Id = RuleIds.UndiscoverableRecord;
    public const string Title = "Topology record cannot be discovered";

    public const string Requirement = "declare it as a static readonly field of a static class in Topology";
}
