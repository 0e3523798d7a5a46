namespace Lef.Infra.Emit.Tests.Import;

/// <summary>One diagnostic of a build, reduced to what a test compares: <c>LEF0003 ProxyCore.cs:42</c>.</summary>
internal sealed record TopologyDiagnostic(string Id, string Severity, string File, int Line, string Message)
{
    public string Where => Id + " " + File + ":" + Line;

    public override string ToString() => File + ":" + Line + ": " + Severity + " " + Id + ": " + Message;
}
