using Xunit;

namespace Lef.Infra.Rehearsal.Tests;

/// <summary>
/// A fact that a non-root local run skips, saying why; under CI=true it never skips (xunit 2 has no dynamic skip, so
/// the decision is made when tests are discovered).
/// </summary>
public sealed class RehearsalFactAttribute : FactAttribute
{
    public RehearsalFactAttribute()
    {
        if (Rehearsal.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
