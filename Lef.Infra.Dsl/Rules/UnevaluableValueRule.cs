namespace Lef.Infra.Dsl.Rules;

/// <summary>
/// LEF0008: a value a reader cannot evaluate. Topology values are literals, consts or references to topology fields;
/// anything else (a method call, a variable, string interpolation) is reported here, never skipped. The readers raise it.
/// </summary>
public static class UnevaluableValueRule
{
    public const string Id = RuleIds.UnevaluableValue;
    public const string Title = "Value cannot be evaluated";
}
