namespace Lef.Infra.Emit.Verification;

/// <summary>The outcome of one live check. <see cref="NotRun"/> marks a check that does not apply or could not start.</summary>
internal sealed record CheckResult(CheckOutcome Outcome, string Detail)
{
    public static CheckResult Pass(string detail) => new(CheckOutcome.Passed, detail);

    public static CheckResult Fail(string detail) => new(CheckOutcome.Failed, detail);

    public static CheckResult NotRun(string detail) => new(CheckOutcome.NotRun, detail);

    public string Cell => Outcome switch
    {
        CheckOutcome.Passed => "ok",
        CheckOutcome.Failed => "FAIL",
        _ => "-",
    };
}

internal enum CheckOutcome
{
    Passed,
    Failed,
    NotRun,
}
